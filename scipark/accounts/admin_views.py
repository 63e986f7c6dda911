"""The security admin's pages (三员: 安全管理员): users and their role grants. Never a delete: logs refer
to users, so accounts are deactivated and grants revoked."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core.access import Action, Domain, has_permission
from scipark.core.views import ObjectListView, ScopedViewMixin

from . import services
from .filters import UserFilter
from .forms import MembershipForm, UserForm
from .models import Membership, User
from .tables import MembershipTable, UserTable, user_roles_text
from .views import _add_errors


def _users() -> QuerySet[User]:
    active = Membership.objects.filter(is_active=True).select_related("park", "zone")
    return User.objects.prefetch_related(Prefetch("memberships", queryset=active))


class UserListView(ObjectListView):
    """All accounts of the platform: search, filter by role and park, export."""

    model = User
    domain = Domain.ACCOUNTS
    table_class = UserTable
    filterset_class = UserFilter
    title = gettext_lazy("账号管理")
    export_filename = "users"
    add_url_name = "accounts:user_create"
    export_columns = (
        ("用户名", "username"),
        ("姓名", "full_name"),
        ("角色", "roles"),
        ("有效", "is_active"),
        ("最近登录", "last_login"),
        ("创建时间", "date_joined"),
    )

    def get_queryset(self) -> QuerySet[User]:
        return _users().order_by("username")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "roles":
            return user_roles_text(obj)
        if accessor == "is_active":
            return _("是") if obj.is_active else _("否")
        return super().export_value(obj, accessor)


class UserCreateView(ScopedViewMixin, View):
    """Create an account; its initial password is generated and shown once, to hand over in person."""

    domain = Domain.ACCOUNTS
    action = Action.ADD
    template_name = "accounts/user_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template_name, {"form": UserForm(), "title": _("新建账号")})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UserForm(request.POST)
        if form.is_valid():
            try:
                user, password = services.user_create(**form.cleaned_data, request=request)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                response = render(
                    request,
                    "accounts/user_created.html",
                    {"account": user, "password": password, "title": _("账号已创建")},
                )
                response["Cache-Control"] = "no-store"
                return response
        return render(request, self.template_name, {"form": form, "title": _("新建账号")})


class UserDetailView(ScopedViewMixin, View):
    """One account: details, role grants (active and revoked), and the security admin's actions."""

    domain = Domain.ACCOUNTS
    object_model = User
    template_name = "accounts/user_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        return self.render_page(request, account, MembershipForm())

    def render_page(
        self, request: HttpRequest, account: User, form: MembershipForm, status: int = 200
    ) -> HttpResponse:
        memberships = Membership.objects.filter(user=account).select_related(
            "park", "zone", "department", "enterprise"
        )
        can_change = (
            has_permission(request.user, Domain.ACCOUNTS, Action.CHANGE) and account.pk != request.user.pk
        )
        context = {
            "account": account,
            "title": account.display_name,
            "memberships": MembershipTable(memberships.order_by("-is_active", "-created_at")),
            "form": form,
            "can_change": can_change,
            "can_grant": can_change and has_permission(request.user, Domain.ACCOUNTS, Action.ADD),
            "can_revoke": can_change and has_permission(request.user, Domain.ACCOUNTS, Action.DELETE),
        }
        return render(request, self.template_name, context, status=status)


class UserEditView(ScopedViewMixin, View):
    """Change an account's name and contact details."""

    domain = Domain.ACCOUNTS
    object_model = User
    action = Action.CHANGE
    template_name = "accounts/user_form.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        return render(
            request,
            self.template_name,
            {"form": UserForm(instance=account), "account": account, "title": _("编辑账号")},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        form = UserForm(request.POST, instance=User.objects.get(pk=pk))
        if form.is_valid():
            try:
                services.user_update(user=account, **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("账号信息已保存。"))
                return redirect("accounts:user_detail", pk=account.pk)
        return render(request, self.template_name, {"form": form, "account": account, "title": _("编辑账号")})


class UserActiveView(ScopedViewMixin, View):
    """Deactivate (every session and token ends) or reactivate an account (POST only)."""

    domain = Domain.ACCOUNTS
    object_model = User
    action = Action.CHANGE
    http_method_names = ["post"]
    activate: ClassVar[bool] = False

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        try:
            if self.activate:
                services.user_reactivate(user=account, actor=request.user)
                messages.success(request, _("账号已启用。"))
            else:
                services.user_deactivate(user=account, actor=request.user, request=request)
                messages.success(request, _("账号已停用,其所有登录会话已结束。"))
        except ValidationError as error:
            messages.error(request, "".join(error.messages))
        return redirect("accounts:user_detail", pk=account.pk)


class PasswordResetView(ScopedViewMixin, View):
    """Reset a forgotten password (POST only): the new one is shown once, every session ends."""

    domain = Domain.ACCOUNTS
    object_model = User
    action = Action.CHANGE
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        try:
            password = services.password_reset(user=account, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, "".join(error.messages))
            return redirect("accounts:user_detail", pk=account.pk)
        context = {"account": account, "password": password, "title": _("密码已重置"), "reset": True}
        response = render(request, "accounts/user_created.html", context)
        response["Cache-Control"] = "no-store"
        return response


class MembershipGrantView(ScopedViewMixin, View):
    """Grant a role to an account (POST from the account page); refused combinations are explained."""

    domain = Domain.ACCOUNTS
    object_model = User
    action = Action.ADD
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(User, pk=pk)
        form = MembershipForm(request.POST)
        if form.is_valid():
            try:
                services.membership_grant(
                    user=account, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("角色已授予。"))
                return redirect("accounts:user_detail", pk=account.pk)
        return UserDetailView().render_page(request, account, form, status=400)


class MembershipRevokeView(ScopedViewMixin, View):
    """Revoke one role grant (POST); the grant stays on record, inactive."""

    domain = Domain.ACCOUNTS
    object_model = Membership
    action = Action.DELETE
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk)
        try:
            services.membership_revoke(membership=membership, actor=request.user, request=request)
        except ValidationError as error:
            messages.error(request, "".join(error.messages))
        else:
            messages.success(request, _("角色已撤销。"))
        return redirect("accounts:user_detail", pk=membership.user_id)

"""The security admin's pages (三员: 安全管理员): users and their role grants. Never a delete: logs refer
to users, so accounts are deactivated and grants revoked."""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core.access import Action, Domain, has_permission
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceActionView, ServiceFormView

from .. import services, tokens
from ..filters import UserFilter
from ..forms import MembershipForm, UserForm
from ..models import Membership, User
from ..tables import MembershipTable, UserTable, user_roles_text


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
        (gettext_lazy("用户名"), "username"),
        (gettext_lazy("姓名"), "full_name"),
        (gettext_lazy("角色"), "roles"),
        (gettext_lazy("有效"), "is_active"),
        (gettext_lazy("最近登录"), "last_login"),
        (gettext_lazy("创建时间"), "date_joined"),
    )

    def get_queryset(self) -> QuerySet[User]:
        return _users().order_by("username")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "roles":
            return user_roles_text(obj)
        if accessor == "is_active":
            return _("是") if obj.is_active else _("否")
        return super().export_value(obj, accessor)


class AccountPageMixin:
    """A page about one account (``<int:pk>`` is a user).

    Accounts have no park or enterprise scope: the route rule (the accounts domain, held by the security
    admin alone) is the whole restriction, so the account is looked up by its key (no such user → 404).
    """

    object_model: ClassVar[type[models.Model] | None] = User

    def get_object(self, request: HttpRequest, **kwargs: Any) -> User:
        return get_object_or_404(User, pk=kwargs["pk"])


def account_url(account: User | int) -> str:
    """The account's page, where its forms and buttons go back to."""
    return reverse("accounts:user_detail", args=[getattr(account, "pk", account)])


def password_page(request: HttpRequest, account: User, password: str, *, reset: bool) -> HttpResponse:
    """The generated password, shown once and never cached (handed over in person)."""
    title = _("密码已重置") if reset else _("账号已创建")
    context = {"account": account, "password": password, "title": title, "reset": reset}
    response = render(request, "accounts/user_created.html", context)
    response["Cache-Control"] = "no-store"
    return response


class UserCreateView(ServiceFormView):
    """Create an account; its initial password is generated and shown once, to hand over in person."""

    domain = Domain.ACCOUNTS
    action = Action.ADD
    form_class = UserForm
    title = gettext_lazy("新建账号")
    template_name = "accounts/user_form.html"
    password = ""

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved, self.password = services.user_create(**form.cleaned_data, request=request)
        return ""

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        return password_page(request, self.saved, self.password, reset=False)

    def get_cancel_url(self) -> str:
        return reverse("accounts:user_list")


class UserDetailView(AccountPageMixin, ScopedViewMixin, View):
    """One account: details, role grants (active and revoked), and the security admin's actions."""

    domain = Domain.ACCOUNTS
    template_name = "accounts/user_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(request, self.get_object(request, pk=pk), MembershipForm())

    def render_page(
        self, request: HttpRequest, account: User, form: BaseForm, status: int = 200
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
            "live_tokens": tokens.live_tokens(account).count(),
        }
        return render(request, self.template_name, context, status=status)


class UserEditView(AccountPageMixin, ServiceFormView):
    """Change an account's name and contact details."""

    domain = Domain.ACCOUNTS
    action = Action.CHANGE
    title = gettext_lazy("编辑账号")
    template_name = "accounts/user_form.html"

    def get_form(self, data: Any = None, files: Any = None) -> UserForm:
        return UserForm(data, instance=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.user_update(user=self.object, **form.cleaned_data)
        return _("账号信息已保存。")

    def get_cancel_url(self) -> str:
        return account_url(self.object)

    get_success_url = get_cancel_url


class AccountActionView(AccountPageMixin, ServiceActionView):
    """A button on an account's page (POST only); refusals come back as a message on that page."""

    domain = Domain.ACCOUNTS
    action = Action.CHANGE

    def get_success_url(self, obj: Any) -> str:
        return account_url(obj)


class UserActiveView(AccountActionView):
    """Deactivate (every session and token ends) or reactivate an account (POST only)."""

    activate: ClassVar[bool] = False

    def perform(self, request: HttpRequest, obj: Any) -> str:
        if self.activate:
            services.user_reactivate(user=obj, actor=request.user)
            return _("账号已启用。")
        services.user_deactivate(user=obj, actor=request.user, request=request)
        return _("账号已停用,其所有登录会话已结束。")


class PasswordResetView(AccountActionView):
    """Reset a forgotten password (POST only): the new one is shown once, every session ends."""

    password = ""

    def perform(self, request: HttpRequest, obj: Any) -> str:
        self.password = services.password_reset(user=obj, actor=request.user, request=request)
        return ""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        refused_or_done = super().post(request, *args, **kwargs)
        if not self.password:  # refused: the message and the way back to the account
            return refused_or_done
        return password_page(request, self.object, self.password, reset=True)


class MembershipGrantView(AccountPageMixin, ServiceFormView):
    """Grant a role to an account (POST from the account page); refused combinations are explained."""

    domain = Domain.ACCOUNTS
    action = Action.ADD
    form_class = MembershipForm
    http_method_names = ["post"]

    def save(self, request: HttpRequest, form: Any) -> str:
        services.membership_grant(user=self.object, actor=request.user, request=request, **form.cleaned_data)
        return _("角色已授予。")

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        return UserDetailView().render_page(request, self.object, form, status=status)

    def get_success_url(self) -> str:
        return account_url(self.object)


class MembershipRevokeView(ServiceActionView):
    """Revoke one role grant (POST); the grant stays on record, inactive."""

    domain = Domain.ACCOUNTS
    object_model = Membership
    action = Action.DELETE

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.membership_revoke(membership=obj, actor=request.user, request=request)
        return _("角色已撤销。")

    def get_success_url(self, obj: Any) -> str:
        return account_url(obj.user_id)

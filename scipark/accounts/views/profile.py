"""One's own account (我的账号): details, roles, and the personal access tokens of the REST API — made,
listed and revoked by their holder. Every signed-in user has this page; it touches no one else's data."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from scipark.core.views import ServiceFormMixin

from .. import tokens
from ..forms import TokenForm
from ..models import PersonalToken
from ..passwords import is_admin
from ..tables import user_roles_text
from .signin import SignedInView


class ProfileView(SignedInView):
    """我的账号: who I am, my roles, my API tokens."""

    template_name = "accounts/profile.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        context = {
            "title": _("我的账号"),
            "account": user,
            "roles": user_roles_text(user),
            "tokens": PersonalToken.objects.filter(user=user).select_related("revoked_by"),
            "may_have_tokens": not is_admin(user),
            # The switch keeps the language; here it is shown, and changed by the same switch.
            "languages": settings.LANGUAGES,
            "default_language": dict(settings.LANGUAGES)[settings.LANGUAGE_CODE],
        }
        return render(request, self.template_name, context)


@method_decorator(never_cache, name="dispatch")
class TokenCreateView(ServiceFormMixin, SignedInView):
    """Make a token for oneself: the answer shows it once, never cached; only its digest is kept."""

    template_name = "core/form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_form(request, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.submit(request, TokenForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        self.token, self.key = tokens.token_issue(user=request.user, request=request, **form.cleaned_data)  # type: ignore[arg-type]
        return ""

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        context = {"title": _("接口令牌已创建"), "token": self.token, "key": self.key}
        response = render(request, "accounts/token_created.html", context)
        response["Cache-Control"] = "no-store"  # the token is on the page
        return response

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        context = {"title": _("创建接口令牌"), "form": form, "cancel_url": reverse("accounts:profile")}
        return render(request, self.template_name, context, status=status)


class TokenRevokeView(SignedInView):
    """Revoke one of one's own tokens (POST ``token``: its id); someone else's token is no such token."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        holder: Any = request.user
        pk = _int(request.POST.get("token"))
        token = PersonalToken.objects.filter(user=holder, pk=pk).first() if pk else None
        if token is None:
            messages.error(request, _("没有找到该接口令牌。"))
        else:
            tokens.token_revoke(
                token=token, actor=request.user, reason=PersonalToken.RevokeReason.HOLDER, request=request
            )
            messages.success(request, _("接口令牌“%(name)s”已吊销。") % {"name": token.name})
        return redirect("accounts:profile")


def _int(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None

"""Session policy (SECURITY.md rows 6 and 8): absolute lifetime, and the second factor where required."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from scipark.core.roles import Role

from .sessions import SESSION_STARTED

_MFA_ROLES = {r.value for r in Role} - {Role.ENTERPRISE_USER.value}


def needs_second_factor(request: HttpRequest) -> bool:
    """With SCIPARK_REQUIRE_MFA on: staff and administrators (and users with no role) must pass TOTP;
    enterprise users must once they have enrolled a device."""
    user = request.user
    if not settings.SCIPARK_REQUIRE_MFA or not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return False
    roles = set(user.memberships.filter(is_active=True).values_list("role", flat=True))
    if roles & _MFA_ROLES or not roles:
        return True
    # Optional for enterprise users, but once enrolled it is enforced.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


class SessionPolicyMiddleware:
    """End sessions older than 12 hours; hold staff at the OTP step until they pass it.

    While the second factor is pending only the sign-in steps themselves are reachable (not the
    rest of ``/accounts/``: the security admin's pages live there too).
    """

    exempt_prefixes = (
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/otp/",
        "/static/",
        "/i18n/",
        "/healthz",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and hasattr(request, "session"):
            started = request.session.get(SESSION_STARTED)
            now = time.time()
            if started is None:
                request.session[SESSION_STARTED] = now
            elif now - float(started) > settings.SCIPARK_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return self._to_login(request)
            if needs_second_factor(request) and not request.path.startswith(self.exempt_prefixes):
                if request.path.startswith("/api/"):
                    return JsonResponse({"detail": _("需要完成动态口令验证。")}, status=403)
                return redirect(
                    reverse("accounts:otp_verify") + "?" + urlencode({"next": request.get_full_path()})
                )
        return self.get_response(request)

    def _to_login(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("会话已过期,请重新登录。")}, status=401)
        return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}")

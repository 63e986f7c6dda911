"""Session policy (SECURITY.md rows 6 and 8): absolute lifetime, and the second factor where required."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from scipark.core.roles import Role

SESSION_STARTED = "scipark_session_started"
_MFA_ROLES = {r.value for r in Role} - {Role.ENTERPRISE_USER.value}


def needs_second_factor(request: HttpRequest) -> bool:
    """Staff and administrators must pass TOTP when SCIPARK_REQUIRE_MFA is on."""
    user = request.user
    if not settings.SCIPARK_REQUIRE_MFA or not user.is_authenticated:
        return False
    if getattr(user, "is_verified", lambda: False)():
        return False
    roles = set(user.memberships.filter(is_active=True).values_list("role", flat=True))  # type: ignore[union-attr]
    return bool(roles & _MFA_ROLES) or not roles


class SessionPolicyMiddleware:
    """End sessions older than 12 hours; hold staff at the OTP step until they pass it."""

    exempt_prefixes = ("/accounts/", "/static/", "/i18n/", "/healthz")

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
                    return JsonResponse({"detail": "需要完成动态口令验证。"}, status=403)
                return redirect(reverse("accounts:otp_verify") + f"?next={request.path}")
        return self.get_response(request)

    def _to_login(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": "会话已过期,请重新登录。"}, status=401)
        return redirect(f"{reverse(settings.LOGIN_URL)}?next={request.path}")

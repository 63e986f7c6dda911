"""The REST API's token authentication: personal access tokens (``tokens``), in place of DRF's own.

``Authorization: Token <token>`` (or ``Bearer <token>``). Unknown, expired and revoked tokens are refused
with 401; a read-only token asking to write with 403, before any view runs. It lives here, not in
``core.api``: core imports no app, and the tokens are the accounts app's (DESIGN.md).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.request import Request

from .scopes import scope_attach
from .tokens import TokenRefused, token_authenticate

#: The schemes accepted in the Authorization header (``Token`` is what DRF clients already send).
KEYWORDS = ("token", "bearer")


class PersonalTokenAuthentication(BaseAuthentication):
    """A personal access token in the Authorization header; the request acts as the token's holder."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].decode("latin-1").lower() not in KEYWORDS:
            return None  # no token: another authenticator (the session) may answer
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Authorization 头的格式应为:Token <令牌>。"))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("接口令牌无效。")) from None
        try:
            token = token_authenticate(key=key, request=request._request)
        except TokenRefused as refused:
            if refused.status == 403:
                raise exceptions.PermissionDenied(refused.message) from None
            raise exceptions.AuthenticationFailed(refused.message) from None
        scope_attach(token.user)  # the holder's scope, cached under its grant version (``scopes``)
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        # A WWW-Authenticate header makes DRF answer 401 (not 403) to a call without credentials.
        return "Token"


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI schema documents the token (drf-spectacular finds it by the class path)."""

    target_class = "scipark.accounts.authentication.PersonalTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "个人接口令牌(在“我的账号”中创建,只显示一次):Authorization: Bearer <令牌>,"
            "或 Authorization: Token <令牌>。只读令牌只能发 GET/HEAD/OPTIONS 请求。",
        }

"""Audit events for sign-in and sign-out, and change logging of accounts' models."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent

from .models import Membership, User

auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Membership)


@receiver(user_logged_in)
def _login_ok(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_event_record(kind=AuditEvent.Kind.LOGIN_OK, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any) -> None:
    audit_event_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", ""))[:150],
        result=AuditEvent.Result.FAILED,
    )


@receiver(user_logged_out)
def _logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_event_record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)

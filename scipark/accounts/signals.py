"""Audit events for sign-in, sign-out and lockout; session registration; grant versions kept current."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_failure_limit
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent

from .models import Membership, User, access_version_bump
from .sessions import session_forget, session_register


@receiver(user_logged_in)
def _login_ok(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    audit_event_record(kind=AuditEvent.Kind.LOGIN_OK, request=request, user=user)
    if request is not None:
        session_register(request=request, user=user)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Refused because the account or address is locked (axes' backend marks the request before checking
    # the password), as opposed to a wrong password, which axes counts and marks with the failure count.
    locked = (
        bool(getattr(request, "axes_locked_out", False))
        and getattr(request, "axes_failures_since_start", None) is None
    )
    username = str(credentials.get("username", ""))[:150]
    audit_event_record(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        request=request,
        user=_known_user(username),
        username=username,
        result=AuditEvent.Result.DENIED if locked else AuditEvent.Result.FAILED,
        detail={"reason": "locked_out" if locked else "bad_credentials"},
    )


def _known_user(username: str | None) -> User | None:
    """The account a username names, if any (so failures and lockouts link to it)."""
    return User.objects.filter(username=username).first() if username else None


@receiver(user_logged_out)
def _logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_event_record(kind=AuditEvent.Kind.LOGOUT, request=request, user=user)
    if request is not None and getattr(request, "session", None) is not None:
        session_forget(session_key=request.session.session_key)


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kw: Any
) -> None:
    """One LOCKOUT event per lockout: axes signals again on every refused attempt, which we skip.

    axes sets ``axes_failures_since_start`` only when it counted a new failure; the lockout begins on
    the failure that reaches the limit exactly.
    """
    failures = getattr(request, "axes_failures_since_start", None)
    if failures is None or failures != get_failure_limit(request, getattr(request, "axes_credentials", None)):
        return
    audit_event_record(
        kind=AuditEvent.Kind.LOCKOUT,
        request=request,
        user=_known_user(username),
        username=(username or "")[:150],
        result=AuditEvent.Result.DENIED,
        detail={"failures": failures, "ip_address": ip_address},
    )


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def _membership_changed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    """A grant added, changed or removed: the holder's cached scopes are stale (``accounts.scopes``)."""
    access_version_bump(user_ids=[instance.user_id])


@receiver(post_save, sender="parks.Park")
def _park_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A park moved to another zone changes what its members' grants reach (``Grant.zone_id``)."""
    if not created:
        access_version_bump(
            user_ids=Membership.objects.filter(park_id=instance.pk).values_list("user_id", flat=True)
        )


@receiver(post_save, sender="parks.Department")
def _department_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """A department's kind decides its staff's domains (``Grant.department``)."""
    if not created:
        access_version_bump(
            user_ids=Membership.objects.filter(department_id=instance.pk).values_list("user_id", flat=True)
        )

"""Sign-in sessions (SECURITY.md row 6): register each sign-in, cap concurrent sessions, end them on demand.

Idle expiry (30 min) is Django's own (``SESSION_COOKIE_AGE`` renewed on every request); the absolute
12-hour limit is enforced by ``accounts.middleware``. This module keeps the user → session mapping that
lets the platform end *all* of a user's sessions when the account is disabled or the password changes.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest

from scipark.core.audit import client_ip

from .models import User, UserSession

SESSION_STARTED = "scipark_session_started"


def _store(session_key: str | None = None) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    return engine.SessionStore(session_key=session_key)  # type: ignore[no-any-return,unused-ignore]


def session_is_live(session_key: str) -> bool:
    """Whether a session with this key still exists (and has not expired) in the session store."""
    store = _store(session_key)
    return bool(store.exists(session_key)) and bool(store.load())


def session_register(*, request: HttpRequest, user: User) -> UserSession | None:
    """Record a new sign-in and end the oldest sessions beyond ``SCIPARK_MAX_SESSIONS_PER_USER``."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    session[SESSION_STARTED] = time.time()
    if session.session_key is None:
        session.save()
    key = session.session_key
    if not key:
        return None
    record, _created = UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "ip_address": client_ip(request),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200],
        },
    )
    sessions_enforce_limit(user=user, keep=key)
    return record


def sessions_enforce_limit(*, user: User, keep: str | None = None) -> list[str]:
    """End the user's oldest sessions so that at most the configured number remain; returns ended keys."""
    limit = max(1, int(settings.SCIPARK_MAX_SESSIONS_PER_USER))
    live: list[UserSession] = []
    stale: list[str] = []
    for record in UserSession.objects.filter(user=user).order_by("-created_at", "-id"):
        if record.session_key == keep or session_is_live(record.session_key):
            live.append(record)
        else:
            stale.append(record.session_key)
    UserSession.objects.filter(session_key__in=stale).delete()
    # The session being created is always kept; the oldest of the others go first.
    live.sort(key=lambda r: (r.session_key != keep,))
    excess = [r.session_key for r in live[limit:]]
    _end(excess)
    return excess


def sessions_end(*, user: User, except_key: str | None = None) -> list[str]:
    """End every session of ``user`` (but ``except_key``); used on disable and on password change."""
    keys = list(
        UserSession.objects.filter(user=user)
        .exclude(session_key=except_key or "")
        .values_list("session_key", flat=True)
    )
    _end(keys)
    return keys


def session_forget(*, session_key: str | None) -> None:
    """Drop the mapping for a session that has just been ended by sign-out."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def session_rekey(*, old_key: str | None, new_key: str | None) -> None:
    """Follow a session whose key was cycled (password change keeps the current session alive)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def reusable_session_count(user: User) -> int:
    """How many stored, unexpired sessions would still sign ``user`` in (database session store).

    Looks at every session row, not just the mapped ones, so a session the mapping missed still counts.
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    if not user.is_active:
        return 0
    count = 0
    for row in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = row.get_decoded()
        if str(data.get(SESSION_KEY)) != str(user.pk) or BACKEND_SESSION_KEY not in data:
            continue
        if data.get(HASH_SESSION_KEY) == user.get_session_auth_hash():
            count += 1
    return count


def _end(keys: Iterable[str]) -> None:
    keys = list(keys)
    for key in keys:
        _store(key).delete(key)
    UserSession.objects.filter(session_key__in=keys).delete()


def session_age_seconds(session: Any) -> float | None:
    """Seconds since the session's sign-in, or ``None`` when it was never stamped."""
    started = session.get(SESSION_STARTED)
    return None if started is None else time.time() - float(started)

"""Writes about Open311 clients: issue a key, revoke it, authenticate a presented key, count POSTs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.models import AuditEvent
from scipark.core.services import lock_for_change, save_changes

from .audit import KEY_ISSUE, KEY_REVOKE, KEY_USE, key_event
from .errors import Open311Error
from .keys import key_digest, key_generate, key_shown_part
from .models import Open311Client

RATE_WINDOW = dt.timedelta(minutes=1)
DEFAULT_POSTS_PER_MINUTE = 60


def posts_per_minute() -> int:
    """How many requests one key may POST per minute (``SCIPARK_OPEN311_POSTS_PER_MINUTE``)."""
    return int(getattr(settings, "SCIPARK_OPEN311_POSTS_PER_MINUTE", DEFAULT_POSTS_PER_MINUTE))


def client_create(
    *, park: Any, name: str, contact: str = "", user: Any = None, request: HttpRequest | None = None
) -> tuple[Open311Client, str]:
    """Register a client of ``park`` and return it with its new API key (shown once, stored as a digest).

    ``user`` is the staff member creating it from the web page (checked); the CLI passes none.
    """
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写客户端名称。")})
    with transaction.atomic():
        if user is not None:
            access.ensure_can_add(user, access.Domain.SERVICE, park_id=park.pk)
        if Open311Client.objects.filter(park=park, name=name).exists():
            raise ValidationError(
                {"name": _("园区“%(park)s”已有名为“%(name)s”的客户端。") % {"park": park, "name": name}}
            )
        key = key_generate()
        client = Open311Client(
            park=park,
            name=name,
            contact=contact.strip(),
            key_prefix=key_shown_part(key),
            key_hash=key_digest(key),
            created_by=user,
        )
        client.full_clean()
        client.save()
        key_event(kind=KEY_ISSUE, request=request, client=client, user=user, detail={"name": name})
    return client, key


def client_revoke(*, client: Open311Client, user: Any = None, request: HttpRequest | None = None) -> bool:
    """Revoke a client's key for good; returns False if it was revoked already.

    ``user`` is the staff member on the web page (checked on the locked row); the CLI passes none.
    """
    with transaction.atomic():
        locked = lock_for_change(Open311Client, client, user=user)
        revoked = locked.revoked_at is None
        if revoked:
            save_changes(locked, revoked_at=timezone.now(), revoked_by=user)
            key_event(
                kind=KEY_REVOKE, request=request, client=locked, user=user, detail={"name": locked.name}
            )
    client.refresh_from_db()
    return revoked


def client_authenticate(*, key: str | None, request: HttpRequest, endpoint: str) -> Open311Client:
    """The active client holding ``key``; every attempt, good or bad, is audited (403 when refused)."""
    detail = {"endpoint": endpoint, "method": request.method}
    if not key:
        key_event(
            kind=KEY_USE,
            request=request,
            result=AuditEvent.Result.DENIED,
            detail={**detail, "reason": "missing"},
        )
        raise Open311Error(403, _("缺少 api_key 参数。"))
    client = Open311Client.objects.select_related("park").filter(key_hash=key_digest(key)).first()
    if client is None:
        key_event(
            kind=KEY_USE,
            request=request,
            result=AuditEvent.Result.DENIED,
            detail={**detail, "reason": "unknown", "key_prefix": key_shown_part(key)},
        )
        raise Open311Error(403, _("api_key 无效。"))
    if not client.is_active:
        key_event(
            kind=KEY_USE,
            request=request,
            client=client,
            result=AuditEvent.Result.DENIED,
            detail={**detail, "reason": "revoked"},
        )
        raise Open311Error(403, _("api_key 已被吊销。"))
    now = timezone.now()
    Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    client.last_used_at = now
    key_event(kind=KEY_USE, request=request, client=client, detail=detail)
    return client


def client_take_post_slot(*, client: Open311Client, now: dt.datetime | None = None) -> bool:
    """Count one POST against the client's per-minute allowance; False when the allowance is used up.

    A fixed one-minute window kept in the client's row: each step is one conditional UPDATE, so
    concurrent requests on several app servers cannot both take the last slot.
    """
    now = now or timezone.now()
    limit = posts_per_minute()
    rows = Open311Client.objects.filter(pk=client.pk)
    if rows.filter(window_start__gt=now - RATE_WINDOW, window_count__lt=limit).update(
        window_count=F("window_count") + 1
    ):
        return True
    # The window is over (or never started): open a new one with this request as its first.
    expired = rows.filter(window_start__isnull=True) | rows.filter(window_start__lte=now - RATE_WINDOW)
    return bool(expired.update(window_start=now, window_count=1))

"""Personal access tokens for the REST API: issued by their holder, shown once, stored as a digest.

A token is 32 random bytes behind a recognisable prefix (secret scanners can spot it); only its SHA-256
digest is kept — with 256 bits of entropy there is nothing to brute-force, so a fast digest is enough,
unlike a password (the Open311 keys follow the same rule, ``open311.keys``). Every issue, refused use and
revocation is one audit event; good uses are one event per token and minute (``USE_RECORD_INTERVAL``).
The API's authentication asks :func:`token_authenticate`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.sql import binary_cursor
from scipark.core.terms import joined

from .models import PersonalToken, User
from .passwords import is_admin

TOKEN_PREFIX = "spk_"
#: How many leading characters are kept in clear, so people and the security admin can tell tokens apart.
SHOWN_CHARS = 12
#: The lifetimes a holder may choose, in days (a token never lives longer than a year).
LIFETIMES = (7, 30, 90, 180, 365)
DEFAULT_LIFETIME = 90
#: Live tokens one person may hold at once: enough for a few scripts, few enough to keep track of.
MAX_LIVE_TOKENS = 10
#: HTTP methods a read-only token may use.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OBJECT_TYPE = PersonalToken._meta.label_lower
#: A token's good uses are recorded (``last_used_at`` and one API_KEY_USE event) at most once in this
#: interval; every refused presentation is recorded each time. Writing both on every request was two of a
#: list page's writes (SECURITY.md row 9 lists the events that are each one record; a good token use is
#: not among them, and the rows a request reads are recorded by their own events: VIEW_CONFIDENTIAL,
#: VIEW_PERSONAL, EXPORT).
_INTERVAL_SECONDS = 60
USE_RECORD_INTERVAL = dt.timedelta(seconds=_INTERVAL_SECONDS)


def token_generate() -> str:
    """A new token: the prefix and 32 random bytes, URL-safe (it goes in an HTTP header)."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_digest(key: str) -> str:
    """The digest stored for ``key`` and looked up when a client presents it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def live_tokens(user: Any) -> Any:
    """The user's tokens that still work (not revoked, not expired)."""
    return PersonalToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=timezone.now())


@transaction.atomic
def token_issue(
    *,
    user: User,
    name: str,
    days: int = DEFAULT_LIFETIME,
    read_only: bool = True,
    request: HttpRequest | None = None,
) -> tuple[PersonalToken, str]:
    """Issue a token to ``user`` (who asks for it on their own profile); returns the row and the token,
    which is shown this once and never stored. Records API_KEY_ISSUE."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("请填写令牌名称(用途)。")})
    if days not in LIFETIMES:
        raise ValidationError(
            {"days": _("有效期只能是 %(choices)s 天之一。") % {"choices": joined(map(str, LIFETIMES))}}
        )
    if not user.is_active:
        raise ValidationError(_("账号已停用,不能创建接口令牌。"))
    if is_admin(user):
        # A token skips the second factor; the 三员 work only on the web pages, where it is required.
        raise ValidationError(_("三员(系统、安全、审计管理员)账号不能创建接口令牌:管理操作只在网页上进行。"))
    User.objects.select_for_update().filter(pk=user.pk).first()  # serialise issues: the cap below holds
    if live_tokens(user).count() >= MAX_LIVE_TOKENS:
        raise ValidationError(
            _("有效的接口令牌已达 %(max)d 个,请先吊销不再使用的令牌。") % {"max": MAX_LIVE_TOKENS}
        )
    key = token_generate()
    token = PersonalToken.objects.create(
        user=user,
        name=name,
        key_prefix=key[:SHOWN_CHARS],
        key_hash=token_digest(key),
        read_only=read_only,
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    audit_event_record(
        kind=AuditEvent.Kind.API_KEY_ISSUE,
        request=request,
        user=user,
        obj=token,
        detail={
            "token": "personal",
            "prefix": token.key_prefix,
            "read_only": read_only,
            "expires_at": token.expires_at.isoformat(),
        },
    )
    return token, key


@transaction.atomic
def token_revoke(
    *,
    token: PersonalToken,
    actor: Any,
    reason: PersonalToken.RevokeReason | str,
    request: HttpRequest | None = None,
) -> PersonalToken:
    """Revoke one token (its holder on their profile, or the security admin). A token already revoked
    stays as it was: revoking twice is not an error. Records API_KEY_REVOKE."""
    locked = PersonalToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.revoked_by = actor if getattr(actor, "pk", None) else None
        locked.revoke_reason = PersonalToken.RevokeReason(reason)
        locked.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        _revoked_event(locked, actor=actor, request=request)
    return locked


def tokens_revoke_all(
    *,
    user: User,
    reason: PersonalToken.RevokeReason | str,
    actor: Any = None,
    request: HttpRequest | None = None,
) -> int:
    """Revoke every token of ``user`` that is not revoked yet (deactivation, a role taken away, a
    password reset); one API_KEY_REVOKE event per token. Returns how many were revoked."""
    now = timezone.now()
    pending = list(PersonalToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True))
    for token in pending:
        token.revoked_at = now
        token.revoked_by = actor if getattr(actor, "pk", None) else None
        token.revoke_reason = PersonalToken.RevokeReason(reason)
        token.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
        _revoked_event(token, actor=actor, request=request)
    return len(pending)


def _revoked_event(token: PersonalToken, *, actor: Any, request: HttpRequest | None) -> None:
    audit_event_record(
        kind=AuditEvent.Kind.API_KEY_REVOKE,
        request=request,
        user=actor if getattr(actor, "pk", None) else None,
        obj=token,
        detail={
            "token": "personal",
            "holder": token.user.get_username(),
            "prefix": token.key_prefix,
            "reason": token.revoke_reason,
        },
    )


class TokenRefused(Exception):
    """A presented token that does not let its bearer in: 401 (unknown, expired, revoked, holder
    disabled) or 403 (a read-only token asked to write)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _token_with_holder(digest: str) -> PersonalToken | None:
    """The token with this digest and its holder, in one query whose SQL is built once per database
    (``PersonalToken.objects.select_related("user")`` compiles the same statement on every API request)."""
    connection = connections[PersonalToken.objects.db]
    lookup = _LOOKUPS.get(connection.alias)
    if lookup is None:
        lookup = _LOOKUPS[connection.alias] = _HolderLookup(connection)
    return lookup.fetch(digest)


class _HolderLookup:
    """``SELECT <token columns>, <user columns> FROM token JOIN user WHERE key_hash = %s``, read into
    model instances with the same converters the ORM applies (dates, booleans on SQLite)."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self.token_fields = list(PersonalToken._meta.concrete_fields)
        self.user_fields = list(User._meta.concrete_fields)
        quote = connection.ops.quote_name
        columns = [f"t.{quote(f.column)}" for f in self.token_fields]
        columns += [f"u.{quote(f.column)}" for f in self.user_fields]
        user_fk = PersonalToken._meta.get_field("user").column
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {quote(PersonalToken._meta.db_table)} t "  # noqa: S608 - names from the models
            f"JOIN {quote(User._meta.db_table)} u ON u.{quote(User._meta.pk.column)} = t.{quote(user_fk)} "
            f"WHERE t.{quote('key_hash')} = %s"
        )
        self.converters: list[tuple[int, list[Any], Any]] = []
        for index, field in enumerate(self.token_fields + self.user_fields):
            column = field.get_col(field.model._meta.db_table)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converters.append((index, found, column))

    def fetch(self, digest: str) -> PersonalToken | None:
        with binary_cursor(self.connection) as cursor:  # PostgreSQL: the timestamps read in C
            cursor.execute(self.sql, [digest])
            row = cursor.fetchone()
        if row is None:
            return None
        values = list(row)
        for index, converters, column in self.converters:
            for convert in converters:
                values[index] = convert(values[index], column, self.connection)
        split = len(self.token_fields)
        token = PersonalToken.from_db(
            self.connection.alias, [f.attname for f in self.token_fields], values[:split]
        )
        token.user = User.from_db(
            self.connection.alias, [f.attname for f in self.user_fields], values[split:]
        )
        return token


_LOOKUPS: dict[str, _HolderLookup] = {}


def token_authenticate(*, key: str, request: HttpRequest) -> PersonalToken:
    """The live token behind ``key`` for this request, read with its holder in one query. A refused
    attempt is one API_KEY_USE event each time; good uses are recorded once per ``USE_RECORD_INTERVAL``
    (the first of each). Raises :class:`TokenRefused`."""
    detail: dict[str, Any] = {"token": "personal", "method": request.method, "path": request.path[:200]}
    token = _token_with_holder(token_digest(key))
    if token is None:
        _use_event(None, request, "unknown", {**detail, "prefix": key[:SHOWN_CHARS]})
        raise TokenRefused(401, _("接口令牌无效。"))
    if token.revoked_at is not None:
        _use_event(token, request, "revoked", detail)
        raise TokenRefused(401, _("接口令牌已被吊销。"))
    now = timezone.now()
    if token.is_expired(now):
        _use_event(token, request, "expired", detail)
        raise TokenRefused(401, _("接口令牌已过期,请在“我的账号”中重新创建。"))
    if not token.user.is_active:
        _use_event(token, request, "holder_inactive", detail)
        raise TokenRefused(401, _("接口令牌的持有人账号已停用。"))
    if token.read_only and (request.method or "").upper() not in SAFE_METHODS:
        _use_event(token, request, "read_only", detail)
        raise TokenRefused(403, _("只读令牌不能修改数据(只允许 GET、HEAD、OPTIONS 请求)。"))
    if token.last_used_at is None or now - token.last_used_at >= USE_RECORD_INTERVAL:
        _use_recorded(token, request, now, detail)
    return token


def _use_recorded(
    token: PersonalToken, request: HttpRequest, now: dt.datetime, detail: dict[str, Any]
) -> None:
    """Stamp ``last_used_at`` and record the use, once per token and ``USE_RECORD_INTERVAL``: the update
    claims the interval only if no other request (another worker) has since, so one record is written."""
    claimed = (
        PersonalToken.objects.filter(pk=token.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - USE_RECORD_INTERVAL))
        .update(last_used_at=now)
    )
    token.last_used_at = now
    if claimed:
        audit_event_record(
            kind=AuditEvent.Kind.API_KEY_USE,
            request=request,
            user=token.user,
            obj=token,
            detail={**detail, "recorded": "first_use_in_interval", "interval_seconds": _INTERVAL_SECONDS},
        )


def _use_event(
    token: PersonalToken | None, request: HttpRequest, reason: str, detail: dict[str, Any]
) -> None:
    audit_event_record(
        kind=AuditEvent.Kind.API_KEY_USE,
        request=request,
        user=token.user if token is not None else None,
        result=AuditEvent.Result.DENIED,
        obj=token,
        object_type=OBJECT_TYPE,
        detail={**detail, "reason": reason},
    )

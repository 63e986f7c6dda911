"""The audit events this app writes (SECURITY.md row 9): every use of an API key, and every key issued
or revoked. The kinds extend ``core.models.AuditEvent.Kind`` (see the report on ADR 0008)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent

KEY_USE = "api_key_use"
KEY_ISSUE = "api_key_issue"
KEY_REVOKE = "api_key_revoke"


def key_event(
    *,
    kind: str,
    request: HttpRequest | None,
    client: Any = None,
    user: Any = None,
    result: str = AuditEvent.Result.OK,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one event about a client's key; a key use is attributed to the client, never to a session."""
    if user is not None:
        username = ""  # taken from the user
    elif kind == KEY_USE:
        username = f"open311:{client.name}"[:150] if client is not None else ""
    else:
        username = "scipark open311"  # issued or revoked on the command line
    audit_event_record(
        kind=kind,
        request=request,
        user=user,
        username=username,
        result=result,
        obj=client,
        object_type="open311.open311client",
        detail={"park": getattr(getattr(client, "park", None), "code", None), **(detail or {})},
    )

"""Recording audit events (SECURITY.md row 9): one function, called by every place that must log."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from .middleware import current_request_id
from .models import AuditEvent
from .network import client_ip


def audit_event_record(
    *,
    kind: AuditEvent.Kind | str,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    result: AuditEvent.Result | str = AuditEvent.Result.OK,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one audit event, taking user, address and request id from the request when given."""
    request_user = getattr(request, "user", None) if request is not None else None
    if user is None and request_user is not None and request_user.is_authenticated:
        user = request_user
    if user is not None and not getattr(user, "pk", None):
        user = None
    if not username and user is not None:
        username = user.get_username()
    object_repr = ""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = str(obj)[:200]
    return AuditEvent.objects.create(
        kind=kind,
        result=result,
        user=user,
        username=username[:150],
        object_type=object_type,
        object_id=object_id,
        object_repr=object_repr,
        detail=detail or {},
        ip_address=client_ip(request),
        request_id=getattr(request, "request_id", None) or current_request_id() or "",
    )

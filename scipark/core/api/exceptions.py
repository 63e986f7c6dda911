"""The API's one error policy, for every viewset: service exceptions answered as JSON in Chinese.

Out of reach → 404, not allowed → 403, a service's ``ValidationError`` → 400 naming the fields, a stale
``version`` (``ConflictError``, by type) → 409 with the one conflict message, whichever service raised
it. Viewsets do not catch these themselves.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from ..access import AccessDenied
from ..services import CONFLICT_MESSAGE, ConflictError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Translate service-layer exceptions before DRF's handler formats them."""
    if isinstance(exc, Http404):  # Django's message names the model in English; say it the park's way
        exc = exceptions.NotFound(_("对象不存在,或不在您的权限范围内。"))
    elif isinstance(exc, AccessDenied):
        if exc.not_found:
            exc = exceptions.NotFound(str(exc) or _("对象不存在,或不在您的权限范围内。"))
        else:
            exc = exceptions.PermissionDenied(str(exc) or _("您没有权限执行此操作。"))
    elif isinstance(exc, ConflictError):
        # One message on every endpoint, so that clients and people read the same thing.
        set_rollback()
        return Response({"detail": CONFLICT_MESSAGE, "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)

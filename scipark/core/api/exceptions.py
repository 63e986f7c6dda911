"""API errors as JSON with a Chinese message; the services' AccessDenied and ValidationError mapped."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ..access import AccessDenied
from ..services import ConflictError


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Translate service-layer exceptions before DRF's handler formats them."""
    if isinstance(exc, Http404):  # Django's message names the model in English; say it the park's way
        exc = exceptions.NotFound(_("对象不存在,或不在您的权限范围内。"))
    elif isinstance(exc, AccessDenied):
        exc = exceptions.NotFound(str(exc)) if exc.not_found else exceptions.PermissionDenied(str(exc))
    elif isinstance(exc, ConflictError):
        return Response({"detail": str(exc), "code": "conflict"}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, DjangoValidationError):
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)

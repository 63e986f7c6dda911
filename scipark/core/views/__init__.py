"""Base page views: every page declares its domain and action; the mixins enforce them (SECURITY.md 1-2).

One error policy for every page (``errors.py``): out of reach → 404, not allowed → 403, a service's
``ValidationError`` → the form (or a message), ``ConflictError`` → 409 "该记录已被他人修改". Apps build their
pages from these pieces and do not write the policy again:

- :class:`ScopedViewMixin` and :func:`object_or_404` (``base.py``): the route rule and the one object;
- :class:`ObjectListView` and :class:`ExportMixin` (``lists.py``): filtered lists and .xlsx exports;
- :class:`ServiceFormView` (``forms.py``): make form → call one service → success URL;
- :class:`ServiceActionView` (``actions.py``): POST one action on one object → message → redirect.
"""

from .actions import ServiceActionView
from .base import ScopedViewMixin, denied_as_http, object_or_404
from .errors import bad_request, error_page, page_not_found, permission_denied, server_error
from .forms import ServiceFormMixin, ServiceFormView, apply_service_errors
from .lists import ExportMixin, ObjectListView, export_xlsx

__all__ = [
    "ExportMixin",
    "ObjectListView",
    "ScopedViewMixin",
    "ServiceActionView",
    "ServiceFormMixin",
    "ServiceFormView",
    "apply_service_errors",
    "bad_request",
    "denied_as_http",
    "error_page",
    "export_xlsx",
    "object_or_404",
    "page_not_found",
    "permission_denied",
    "server_error",
]

"""What the investment pages share: the pipeline is for the park's people, never for enterprise users."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.roles import Role


def reads_pipeline(user: Any) -> bool:
    """Whether a grant other than an enterprise's lets the user read the investment domain."""
    return any(
        g.role != Role.ENTERPRISE_USER and access.Action.VIEW in g.actions(access.Domain.INVESTMENT)
        for g in access.scope_for(user).grants
    )


class PipelineMixin:
    """Projects and funds are confidential until signed: enterprise users are refused (403), not shown an
    empty page (their grant opens the domain for their own financing records)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A page about one project or fund needs no rule of its own: the row is out of an enterprise's
        # reach (404, from object_or_404), as the route matrix expects.
        names_object = getattr(self, "object_model", None) is not None
        if request.user.is_authenticated and not names_object and not reads_pipeline(request.user):
            raise PermissionDenied(_("招商项目和基金仅对园区工作人员开放。"))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]

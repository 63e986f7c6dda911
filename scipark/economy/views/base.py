"""What the economy's pages share: the month being collected, the parks in reach, and the form page kept
by 经济发展 staff (core's ServiceFormView with the economy's "only the department that keeps it" rule)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ServiceFormView
from scipark.parks.models import Park

from .. import services
from ..forms import staff_parks
from ..kpi import shift


def due_period() -> dt.date:
    """The month whose returns are being collected now (last month)."""
    now = services.current_period()
    return dt.date(*shift((now.year, now.month), -1), 1)


def economy_park_ids(user: Any, action: access.Action = access.Action.VIEW) -> list[int]:
    """The parks whose economy records the user reaches as staff or leader (not as an enterprise)."""
    parks = Park.objects.restrict(user, action, domain=access.Domain.ECONOMY)
    return list(parks.order_by("pk").values_list("pk", flat=True))


def keeps_economy(user: Any) -> bool:
    """Whether the user is 经济发展 staff somewhere (enterprise users also hold ADD/CHANGE on the domain,
    for their own returns only; the parks' restriction leaves them out)."""
    return staff_parks(user, access.Action.CHANGE).exists()


class EconomyFormView(ServiceFormView):
    """A form page whose save is one service call, open to 经济发展 staff only (403 for anyone else)."""

    domain = access.Domain.ECONOMY
    keeper_message: ClassVar[str | Promise] = gettext_lazy("只有经济发展部门的工作人员可以执行此操作。")
    #: The list the page leaves to on cancel (and on success, for a row without a page of its own).
    list_url_name: ClassVar[str] = ""

    def get_cancel_url(self) -> str:
        return reverse(self.list_url_name)

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        # The object first (out of reach: 404), then the department rule (403), as every page answers.
        found = super().get_object(request, **kwargs)
        if not keeps_economy(request.user):
            raise PermissionDenied(self.keeper_message)
        return found

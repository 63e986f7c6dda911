"""Which park and year a reports page shows: among the parks the viewer reads, the last complete year by
default; a park out of reach is 404, a year that makes no sense falls back to the default."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.parks.models import Park

FIRST_YEAR = 2000


def report_parks(user: Any) -> QuerySet[Park]:
    """The parks whose reports the user reads (zone viewers: every park of the zone)."""
    return Park.objects.restrict(user, access.Action.VIEW).order_by("name")


def member_parks(user: Any) -> QuerySet[Park]:
    """The parks the user belongs to as staff or leader (the summary and the park cockpit name
    enterprises: not for zone viewers, who read aggregates only)."""
    ids = access.scope_for(user).park_ids(access.Domain.REPORTS, access.Action.VIEW)
    return Park.objects.filter(pk__in=ids).order_by("name")


def chosen_year(raw: str | None) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(raw or this_year - 1)
    except ValueError:
        return this_year - 1
    return year if FIRST_YEAR <= year <= this_year else this_year - 1


def chosen_park(request: HttpRequest, parks: QuerySet[Park], raw: str | None = None) -> Park:
    """The park asked for (by code) among ``parks``, or the first of them."""
    code = raw if raw is not None else request.GET.get("park")
    park = parks.filter(code=code).first() if code else parks.first()
    if park is None:
        raise Http404(_("找不到该园区,或您无权查看。"))
    return park


def year_choices() -> range:
    this_year = timezone.localdate().year
    return range(this_year, FIRST_YEAR + 15, -1)

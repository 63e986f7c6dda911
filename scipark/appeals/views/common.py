"""Small helpers shared by the appeal pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core.views.lists import wants_export

#: The years the calendar and the statistics can be asked for: a year outside has no appeals and no
#: holidays, and years below 1 or above 9999 are not dates at all (they made these pages answer 500).
YEARS = range(2000, 2100)


def int_or_none(value: Any) -> int | None:
    """A query parameter as a number, or ``None`` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def year_param(request: HttpRequest) -> int:
    """The ``year`` the page was asked for, or this year when it is missing, not a number or out of
    range (the page then says which year it shows instead)."""
    this_year = timezone.localdate().year
    raw = request.GET.get("year")
    year = int_or_none(raw)
    if year is not None and year in YEARS:
        return year
    if raw and not wants_export(request):  # a download shows no message; its file name has the year
        messages.warning(
            request,
            _("年份“%(raw)s”无效(须为 %(first)s 到 %(last)s 年),已显示 %(year)s 年。")
            % {"raw": raw[:20], "first": YEARS[0], "last": YEARS[-1], "year": this_year},
        )
    return this_year

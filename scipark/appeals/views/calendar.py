"""节假日与调休: the days that break the Monday-Friday rule.

The calendar is one national table that every park's deadlines are counted in (ADR 0007), so it is
platform configuration: everyone who works appeals reads it (``CalendarView``), only the system
administrator keeps it (``CalendarKeepView`` and its two buttons, Domain.CONFIG).
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.views import ObjectListView, ServiceActionView

from .. import services
from ..filters import CalendarDayFilterSet
from ..forms import CalendarDayForm
from ..models import CalendarDay
from ..tables import CalendarDayTable
from .common import year_param


class CalendarView(ObjectListView):
    """The calendar of one year, read by the people who work appeals."""

    model = CalendarDay
    domain = access.Domain.SERVICE
    table_class = CalendarDayTable
    filterset_class = CalendarDayFilterSet
    title = gettext_lazy("节假日与调休")
    export_filename = "holidays"
    template_name = "appeals/calendar.html"
    paginate_by = 100
    export_columns = (
        (gettext_lazy("日期"), "date"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("来源"), "source"),
    )

    @cached_property
    def year(self) -> int:
        """The year shown (a bad ``year`` is reported once, however often it is read)."""
        return year_param(self.request)

    def get_queryset(self) -> models.QuerySet[Any]:
        return CalendarDay.objects.filter(date__year=self.year)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            year=self.year,
            years=range(2020, timezone.localdate().year + 2),
            day_form=CalendarDayForm(),
            can_edit=access.has_permission(self.request.user, access.Domain.CONFIG, access.Action.ADD),
            # Years without any day: their deadlines would silently count every weekday (issue 10).
            years_without_calendar=years_without_calendar(self.year),
        )
        return context


def years_without_calendar(shown: int) -> list[int]:
    """The shown year, this year and next year, where none of their days is in the calendar."""
    today = timezone.localdate()
    wanted = sorted({shown, today.year, today.year + 1})
    known = {day.year for day in CalendarDay.objects.filter(date__year__in=wanted).dates("date", "year")}
    return [year for year in wanted if year not in known]


class CalendarKeepView(CalendarView):
    """The same calendar with the forms that add and remove days: the system administrator's page."""

    domain = access.Domain.CONFIG


class CalendarDayActionView(ServiceActionView):
    """A POSTed ``date``; back to the keeper's calendar of its year."""

    domain = access.Domain.CONFIG
    year: int | None = None

    def posted_date(self, request: HttpRequest) -> dt.date:
        try:
            day = dt.date.fromisoformat(request.POST.get("date", ""))
        except ValueError:
            raise ValidationError(_("日期无效:请按 年-月-日 填写,例如 2026-10-01。")) from None
        self.year = day.year
        return day

    def get_success_url(self, obj: Any) -> str:
        url = reverse("appeals:calendar_keep")
        return f"{url}?year={self.year}" if self.year else url


class CalendarDayAddView(CalendarDayActionView):
    action = access.Action.ADD

    def perform(self, request: HttpRequest, obj: Any) -> str:
        day = services.calendar_day_save(
            user=request.user,
            date=self.posted_date(request),
            kind=request.POST.get("kind", ""),
            name=request.POST.get("name", ""),
        )
        return _("已保存 %(date)s。") % {"date": day.date}


class CalendarDayDeleteView(CalendarDayActionView):
    """Remove that day's exception (removing a day that is not listed changes nothing)."""

    action = access.Action.DELETE

    def perform(self, request: HttpRequest, obj: Any) -> str:
        date = self.posted_date(request)
        services.calendar_day_delete(user=request.user, date=date)
        return _("已删除 %(date)s。") % {"date": date}

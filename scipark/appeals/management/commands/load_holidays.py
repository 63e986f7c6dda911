"""``manage.py load_holidays [YEAR …]``: (re)load public holidays and adjusted working days from the
``chinesecalendar`` package; days staff added by hand are kept."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from scipark.appeals.calendar import PACKAGE_YEARS, package_days
from scipark.appeals.models import CalendarDay


class Command(BaseCommand):
    help = "从 chinesecalendar 载入法定节假日与调休上班日"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("years", nargs="*", type=int, help="年份(默认 2020-2026)")

    def handle(self, *args: Any, **options: Any) -> None:
        years = options["years"] or list(PACKAGE_YEARS)
        rows = package_days(years)
        manual = set(CalendarDay.objects.exclude(source="chinesecalendar").values_list("date", flat=True))
        with transaction.atomic():
            CalendarDay.objects.filter(source="chinesecalendar", date__year__in=years).delete()
            CalendarDay.objects.bulk_create(
                [
                    CalendarDay(date=day, kind=kind, name=name, source="chinesecalendar")
                    for day, kind, name in rows
                    if day not in manual
                ]
            )
        self.stdout.write(
            f"已载入 {len([r for r in rows if r[0] not in manual])} 天({min(years)}-{max(years)})。"
        )

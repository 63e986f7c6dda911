"""Working days: Monday to Friday, minus public holidays, plus adjusted working weekends (调休).

The pure functions take the exceptions as sets, so they are tested without a database; ``WorkCalendar``
loads them from ``CalendarDay`` (filled from the ``chinesecalendar`` package by a data migration and
``manage.py load_holidays``; staff add days on the calendar page).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field


def is_working_day(day: dt.date, holidays: Collection[dt.date], workdays: Collection[dt.date]) -> bool:
    """Whether ``day`` is a working day: an adjusted working day always, a holiday never, else Mon-Fri."""
    if day in workdays:
        return True
    if day in holidays:
        return False
    return day.weekday() < 5


def add_working_days(
    start: dt.date, days: int, holidays: Collection[dt.date] = (), workdays: Collection[dt.date] = ()
) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted).

    An appeal received on a Friday with a limit of 1 working day is due on the next working Monday.
    ``days == 0`` gives ``start`` itself.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            remaining -= 1
    return day


def working_days_between(
    start: dt.date, end: dt.date, holidays: Collection[dt.date] = (), workdays: Collection[dt.date] = ()
) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``).

    The inverse of :func:`add_working_days`: ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, holidays, workdays):
            count += 1
    return count


@dataclass(frozen=True)
class WorkCalendar:
    """The holidays and adjusted working days in force, as loaded from the database."""

    holidays: frozenset[dt.date] = field(default_factory=frozenset)
    workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def add(self, start: dt.date, days: int) -> dt.date:
        return add_working_days(start, days, self.holidays, self.workdays)

    def between(self, start: dt.date, end: dt.date) -> int:
        return working_days_between(start, end, self.holidays, self.workdays)

    def is_working_day(self, day: dt.date) -> bool:
        return is_working_day(day, self.holidays, self.workdays)


#: How many working days ahead a deadline counts as 即将到期 (the workbench's "in 3 working days").
DUE_SOON_WORKING_DAYS = 3


def due_soon(
    today: dt.date, due: dt.date, calendar: WorkCalendar, within: int = DUE_SOON_WORKING_DAYS
) -> bool:
    """Whether an open item due on ``due`` is due today or within ``within`` working days of ``today`` (and
    not already past it)."""
    return today <= due <= calendar.add(today, within)


def work_calendar() -> WorkCalendar:
    """The calendar stored in ``CalendarDay``."""
    from .models import CalendarDay

    holidays: set[dt.date] = set()
    workdays: set[dt.date] = set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (holidays if kind == CalendarDay.Kind.HOLIDAY else workdays).add(day)
    return WorkCalendar(frozenset(holidays), frozenset(workdays))


#: The years loaded from ``chinesecalendar`` (the package publishes the State Council's notices).
PACKAGE_YEARS = range(2020, 2027)


def package_days(years: Collection[int] = PACKAGE_YEARS) -> list[tuple[dt.date, str, str]]:
    """(date, kind, name) for public holidays and weekend working days from ``chinesecalendar``."""
    import chinese_calendar

    rows: list[tuple[dt.date, str, str]] = []
    for day, name in sorted(chinese_calendar.holidays.items()):
        if day.year in years:
            rows.append((day, "holiday", _holiday_name(name)))
    for day, name in sorted(chinese_calendar.workdays.items()):
        if day.year in years and day.weekday() >= 5:
            rows.append((day, "workday", _holiday_name(name)))
    return rows


_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def _holiday_name(value: object) -> str:
    english = str(value or "")
    return _NAMES.get(english, english)[:50]

"""Working days across 2023's National Day holiday and its adjusted working weekend (hand-worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from scipark.appeals.calendar import (
    WorkCalendar,
    add_working_days,
    package_days,
    work_calendar,
    working_days_between,
)
from scipark.appeals.models import CalendarDay

# 2023: Mid-autumn + National Day off Fri 29 Sep - Fri 6 Oct; Sat 7 and Sun 8 Oct are working days.
HOLIDAYS_2023 = {dt.date(2023, 9, 29)} | {dt.date(2023, 10, d) for d in range(1, 7)}
WORKDAYS_2023 = {dt.date(2023, 10, 7), dt.date(2023, 10, 8)}


def test_plain_weeks_skip_weekends() -> None:
    # Fri 2023-09-01 + 1 working day = Mon 09-04; + 5 = Fri 09-08.
    assert add_working_days(dt.date(2023, 9, 1), 1) == dt.date(2023, 9, 4)
    assert add_working_days(dt.date(2023, 9, 1), 5) == dt.date(2023, 9, 8)
    assert add_working_days(dt.date(2023, 9, 1), 0) == dt.date(2023, 9, 1)


def test_deadline_across_national_day_counts_the_adjusted_saturday() -> None:
    # Received Thu 2023-09-28, 3 working days: Sat 10-07 (1, adjusted), Sun 10-08 (2), Mon 10-09 (3).
    due = add_working_days(dt.date(2023, 9, 28), 3, HOLIDAYS_2023, WORKDAYS_2023)
    assert due == dt.date(2023, 10, 9)
    # Without the calendar it would be Tue 10-03: the holiday matters.
    assert add_working_days(dt.date(2023, 9, 28), 3) == dt.date(2023, 10, 3)
    # One working day after Thu 09-28 is the adjusted Saturday 10-07.
    assert add_working_days(dt.date(2023, 9, 28), 1, HOLIDAYS_2023, WORKDAYS_2023) == dt.date(2023, 10, 7)


def test_between_is_the_inverse_of_add() -> None:
    start = dt.date(2023, 9, 25)  # Monday
    # 09-26, 09-27, 09-28 (3), 10-07, 10-08 (5), 10-09, 10-10 (7)
    assert working_days_between(start, dt.date(2023, 10, 10), HOLIDAYS_2023, WORKDAYS_2023) == 7
    for n in range(0, 15):
        end = add_working_days(start, n, HOLIDAYS_2023, WORKDAYS_2023)
        assert working_days_between(start, end, HOLIDAYS_2023, WORKDAYS_2023) == n
    assert working_days_between(dt.date(2023, 10, 10), start) == 0


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(dt.date(2023, 1, 1), -1)


def test_package_has_2023_national_day_and_adjusted_weekend() -> None:
    rows = {d: (kind, name) for d, kind, name in package_days([2023])}
    assert rows[dt.date(2023, 10, 2)] == ("holiday", "国庆节")
    assert rows[dt.date(2023, 10, 7)][0] == "workday"
    assert rows[dt.date(2023, 9, 29)][0] == "holiday"
    assert dt.date(2023, 10, 9) not in rows


@pytest.mark.django_db
def test_data_migration_loaded_the_table_and_staff_days_count() -> None:
    assert CalendarDay.objects.filter(date__year=2023, kind="holiday").count() >= 20
    assert CalendarDay.objects.filter(date=dt.date(2023, 10, 7), kind="workday").exists()
    calendar = work_calendar()
    assert calendar.add(dt.date(2023, 9, 28), 3) == dt.date(2023, 10, 9)
    # A day staff add (a local holiday) moves deadlines.
    CalendarDay.objects.create(date=dt.date(2023, 10, 9), kind="holiday", name="地方假日")
    assert work_calendar().add(dt.date(2023, 9, 28), 3) == dt.date(2023, 10, 10)
    assert isinstance(calendar, WorkCalendar)

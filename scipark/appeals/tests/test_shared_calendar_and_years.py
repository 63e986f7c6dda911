"""The holiday calendar every park shares is kept by the system administrator only (issue 9 item 8), and
the year-driven pages answer an impossible year without a 500 (issue 9 item 6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from scipark.appeals import services
from scipark.appeals.models import CalendarDay
from scipark.core import access

#: A Monday far from any holiday, and the Tuesday a park's staff tried to make one.
MONDAY, TUESDAY = dt.date(2031, 3, 3), dt.date(2031, 3, 4)


def other_parks_deadline() -> dt.datetime:
    """The deadline, in working days, of an appeal of any park received on MONDAY with a 1-day limit."""
    received = timezone.make_aware(dt.datetime.combine(MONDAY, dt.time(9)))
    return services.due_at_for(received, 1)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["service_staff", "other_park_staff", "park_leader", "enterprise_user"])
def test_a_parks_people_cannot_change_the_calendar_other_parks_count_in(
    world: Any, client_for: Any, persona: str
) -> None:
    before = other_parks_deadline()
    browser = client_for(persona)
    added = browser.post("/appeals/calendar/add/", {"date": TUESDAY.isoformat(), "kind": "holiday"})
    assert added.status_code == 403
    CalendarDay.objects.create(date=MONDAY + dt.timedelta(days=2), kind="holiday", name="已有")
    removed = browser.post("/appeals/calendar/delete/", {"date": (MONDAY + dt.timedelta(days=2)).isoformat()})
    assert removed.status_code == 403
    assert CalendarDay.objects.filter(date=MONDAY + dt.timedelta(days=2)).exists()
    assert not CalendarDay.objects.filter(date=TUESDAY).exists()
    # The service refuses as well, whoever calls it.
    with pytest.raises(access.AccessDenied, match="只有系统管理员可以维护"):
        services.calendar_day_save(user=world.user(persona), date=TUESDAY, kind="holiday")
    with pytest.raises(access.AccessDenied):
        services.calendar_day_delete(user=world.user(persona), date=MONDAY + dt.timedelta(days=2))
    assert browser.get("/appeals/calendar/keep/").status_code == 403
    assert 'data-testid="calendar-add"' not in browser.get("/appeals/calendar/").content.decode()
    # Wednesday was a holiday before and still is: the deadline moved by nobody's hand here.
    assert other_parks_deadline() == before


@pytest.mark.django_db
def test_the_system_administrator_keeps_the_calendar_for_every_park(world: Any, client_for: Any) -> None:
    before = other_parks_deadline()
    admin = client_for("system_admin")
    assert (
        admin.post("/appeals/calendar/add/", {"date": TUESDAY.isoformat(), "kind": "holiday"}).status_code
        == 302
    )
    assert other_parks_deadline() == before + dt.timedelta(days=1)
    assert admin.post("/appeals/calendar/delete/", {"date": TUESDAY.isoformat()}).status_code == 302
    assert other_parks_deadline() == before
    # The appeals pages stay closed to the system administrator: the calendar is not business data.
    assert admin.get("/appeals/").status_code == 403


YEAR_PAGES = (
    ("park_leader", "/appeals/calendar/"),
    ("park_leader", "/appeals/statistics/"),
    ("system_admin", "/appeals/calendar/keep/"),
)


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "path"), YEAR_PAGES)
@pytest.mark.parametrize("year", ["-1", "0", "10000", "1999", "abc"])
def test_an_impossible_year_shows_this_year_and_says_so(
    client_for: Any, persona: str, path: str, year: str
) -> None:
    browser = client_for(persona)
    page = browser.get(path, {"year": year})
    assert page.status_code == 200
    this_year = timezone.localdate().year
    text = page.content.decode()
    assert f"年份“{year}”无效" in text and f"已显示 {this_year} 年" in text
    export = browser.get(path, {"year": year, "export": "xlsx"})
    assert export.status_code == 200 and "spreadsheetml" in export["Content-Type"]
    if "statistics" in path:
        assert f"appeal-statistics-{this_year}" in export["Content-Disposition"]

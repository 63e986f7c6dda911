"""The holiday calendar warns before it changes deadlines (issue 10, item 8): deleting a day asks first,
and a year without any day is named on the page instead of silently counting every weekday."""

from __future__ import annotations

from typing import Any


def test_deleting_a_day_asks_for_confirmation_first(client_for: Any) -> None:
    page = client_for("system_admin").get("/appeals/calendar/keep/?year=2023").content.decode()
    assert 'data-testid="calendar-delete"' in page
    assert page.count("data-confirm=") == page.count('data-testid="calendar-delete"')
    assert "办理期限将重新按工作日计算" in page


def test_a_year_without_holidays_is_named_and_a_loaded_one_is_not(client_for: Any) -> None:
    admin = client_for("system_admin")
    empty = admin.get("/appeals/calendar/keep/?year=2031")
    assert 2031 in empty.context["years_without_calendar"]
    assert 'data-testid="calendar-missing"' in empty.content.decode()
    loaded = admin.get("/appeals/calendar/keep/?year=2023")
    assert 2023 not in loaded.context["years_without_calendar"]

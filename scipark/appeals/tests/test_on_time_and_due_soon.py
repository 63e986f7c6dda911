"""按期办结率 counts the open appeals already past due, and the appeal list marks the ones due soon (issue 10,
item 8: the statistics read 100% beside "12 overdue")."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from scipark.appeals.calendar import WorkCalendar, due_soon
from scipark.appeals.models import AppealCategory, AppealState
from scipark.appeals.selectors import StatRow, appeal_statistics
from scipark.appeals.testing import make_appeal
from scipark.core.testing import World


def test_the_on_time_rate_is_taken_over_closed_and_open_overdue_appeals() -> None:
    # 3 closed, all on time, and 12 still open past their deadline: 3 / (3 + 12) = 20%, not 100%.
    row = StatRow("all", "合计", closed=3, on_time=3, overdue_open=12)
    assert row.on_time_base == 15
    assert row.on_time_rate == pytest.approx(0.2)
    assert StatRow("all", "合计", closed=4, on_time=3).on_time_rate == pytest.approx(0.75)
    assert StatRow("all", "合计").on_time_rate is None


def test_due_soon_is_today_to_three_working_days_ahead() -> None:
    calendar = WorkCalendar(holidays=frozenset({dt.date(2024, 10, 1)}))
    monday = dt.date(2024, 9, 30)  # the 3rd working day after it is Friday 4 Oct (1 Oct is a holiday)
    assert due_soon(monday, monday, calendar)
    assert due_soon(monday, dt.date(2024, 10, 4), calendar)
    assert not due_soon(monday, dt.date(2024, 10, 7), calendar)
    assert not due_soon(monday, dt.date(2024, 9, 27), calendar)  # already past: 超期, not 即将到期


@pytest.mark.django_db
def test_statistics_count_an_open_appeal_past_due(world: World, category: AppealCategory) -> None:
    now = timezone.now()
    closed = make_appeal(world.park, category, received_at=now - dt.timedelta(days=3))
    closed.state, closed.closed_at = AppealState.CONCLUDED, now - dt.timedelta(days=1)
    closed.save()
    make_appeal(
        world.park,
        category,
        state=AppealState.IN_PROGRESS,
        received_at=now - dt.timedelta(days=5),
        due_at=now - dt.timedelta(hours=1),
    )
    year = timezone.localtime(now - dt.timedelta(hours=1)).year
    if timezone.localtime(now).year != year or timezone.localtime(closed.closed_at).year != year:
        pytest.skip("the first hours of a year: the appeals fall in two years")
    stats = appeal_statistics(world.user("service_staff"), world.park, year)
    assert (stats.total.closed, stats.total.on_time, stats.total.overdue_open) == (1, 1, 1)
    assert stats.total.on_time_rate == pytest.approx(0.5)


@pytest.mark.django_db
def test_the_appeal_list_marks_appeals_due_soon(
    world: World, category: AppealCategory, client_for: Any
) -> None:
    now = timezone.now()
    make_appeal(world.park, category, number="T-SOON", due_at=now + dt.timedelta(hours=2))
    make_appeal(world.park, category, number="T-LATER", due_at=now + dt.timedelta(days=30))
    page = client_for("service_staff").get("/appeals/").content.decode()
    rows = {number: row for row in page.split("<tr")[1:] for number in ("T-SOON", "T-LATER") if number in row}
    assert 'data-testid="due-soon"' in rows["T-SOON"]
    assert 'data-testid="due-soon"' not in rows["T-LATER"]


@pytest.mark.django_db
def test_the_statistics_show_what_the_on_time_rate_is_taken_over(
    world: World, category: AppealCategory, client_for: Any
) -> None:
    """A month with one appeal closed on time and three open past their deadline reads 25%: the page and its
    export show the three beside the rate, so a reader can work it out (a walkthrough read 25% as a fault)."""
    now = timezone.now()
    closed = make_appeal(world.park, category, received_at=now - dt.timedelta(days=3))
    closed.state, closed.closed_at = AppealState.CONCLUDED, now - dt.timedelta(minutes=30)
    closed.save()
    for hours in (1, 2, 3):
        make_appeal(
            world.park,
            category,
            state=AppealState.IN_PROGRESS,
            received_at=now - dt.timedelta(days=5),
            due_at=now - dt.timedelta(hours=hours),
        )
    local = timezone.localtime(now)
    if timezone.localtime(now - dt.timedelta(hours=3)).month != local.month:
        pytest.skip("the first hours of a month: the deadlines fall in two months")
    client = client_for("service_staff")
    page = client.get("/appeals/statistics/", {"park": world.park.pk, "year": local.year}).content.decode()
    assert 'data-testid="on-time-base">按期 1 ÷(办结 1 + 超期未办结 3)<' in page
    month = page.split('data-testid="by-month"')[1].split("</table>")[0]
    row = month.split(f"<td>{local.month}月</td>")[1].split("</tr>")[0]
    assert '<td class="text-end" data-testid="overdue-open">3</td>' in row and ">25%<" in row
    workbook = client.get(
        "/appeals/statistics/", {"park": world.park.pk, "year": local.year, "export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[0])
    total = rows[1]
    assert total[headers.index("超期未办结")] == 3 and total[headers.index("按期办结率(%)")] == pytest.approx(
        0.25
    )

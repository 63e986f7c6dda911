"""Reporting discipline (issue 10, item 4): the month's board, closing a month (关账) and revisions with a
reason afterwards, the dashboard and pipeline opening on the latest closed month, and no submission for a
month that has not ended."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from scipark.core import access
from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import ClosedPeriod, MonthlyReturn
from scipark.enterprises.models import Contact

OCT = dt.date(2023, 10, 1)


def test_the_board_page_shows_the_counts_and_whom_to_phone(
    world: World, client_for: Any, record: Any
) -> None:
    record(world.enterprise, 2023, 9, revenue=1_000_000)
    record(world.other_enterprise, 2023, 9, revenue=1_000_000)
    record(world.enterprise, 2023, 10, revenue=1_000_000)  # the other enterprise owes October
    Contact.objects.create(
        enterprise=world.other_enterprise, name="王会计", phone="13800138000", is_primary=True
    )
    response = client_for("economy_staff").get("/economy/returns/missing/", {"period": "2023-10"})
    board = response.context["board"]
    assert (board.expected, board.accepted, board.missing, board.rate_text) == (2, 1, 1, "50.0%")
    page = response.content.decode()
    assert 'href="tel:13800138000"' in page
    leader = (
        client_for("park_leader").get("/economy/returns/missing/", {"period": "2023-10"}).content.decode()
    )
    assert "13800138000" not in leader  # personal data is masked for roles that do not phone


def test_economy_staff_close_a_month_once_and_others_cannot(world: World, client_for: Any) -> None:
    data = {"park": world.park.pk, "period": "2023-10", "note": "已核对"}
    for persona in ("park_leader", "enterprise_user", "service_staff"):
        assert client_for(persona).post("/economy/returns/close/", data).status_code == 403
    assert not ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()
    response = client_for("economy_staff").post("/economy/returns/close/", data)
    assert response.status_code == 302
    closed = ClosedPeriod.objects.get(park=world.park, period=OCT)
    assert (closed.closed_by, closed.note) == (world.user("economy_staff"), "已核对")
    again = client_for("economy_staff").post("/economy/returns/close/", data, follow=True)
    assert "已关账" in again.content.decode()
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).count() == 1
    with pytest.raises(ValidationError, match="尚未结束"):
        services.period_close(
            user=world.user("economy_staff"), park=world.park, period=services.current_period()
        )
    with pytest.raises(access.AccessDenied):
        services.period_close(user=world.user("economy_staff"), park=world.other_park, period=OCT)


def test_after_closing_a_change_needs_a_reason_which_is_recorded(
    world: World, client_for: Any, record: Any
) -> None:
    staff = world.user("economy_staff")
    record(world.enterprise, 2023, 10, revenue=1_000_000)
    services.period_close(user=staff, park=world.park, period=OCT)
    month: dict[str, Any] = {
        "period": OCT,
        "data": {"revenue": Decimal("1100000")},
        "reasons": {"revenue": "补录"},
    }
    with pytest.raises(ValidationError, match="已关账"):
        services.return_record(user=staff, enterprise=world.enterprise, **month)
    assert MonthlyReturn.objects.filter(enterprise=world.enterprise, period=OCT).count() == 1
    revised = services.return_record(
        user=staff, enterprise=world.enterprise, revision_reason="统计局反馈更正营业收入", **month
    )
    assert (revised.revision, revised.is_current, revised.revision_reason) == (
        2,
        True,
        "统计局反馈更正营业收入",
    )
    entry = LogEntry.objects.get_for_object(revised).latest("timestamp")
    assert "revision_reason" in entry.changes_dict
    # The enterprise's form asks for the reason too, and shows why it refused.
    client = client_for("enterprise_user")
    form = client.get("/economy/portal/2023-10/").content.decode()
    assert 'data-testid="closed-notice"' in form
    posted = {
        "save": "submit",
        "industrial_output": "120",
        "revenue": "115",
        "value_added": "30",
        "employees": "50",
    }
    refused = client.post("/economy/portal/2023-10/", posted)
    assert refused.status_code == 400 and "须填写修订原因" in refused.content.decode()
    accepted_later = client.post(
        "/economy/portal/2023-10/", {**posted, "revision_reason": "发现漏计一笔收入"}
    )
    assert accepted_later.status_code == 302


def test_accepting_into_a_closed_month_takes_the_reviewers_reason(world: World, client_for: Any) -> None:
    submitted = services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=OCT,
        data={"revenue": 1_000_000},
    )
    services.period_close(user=world.user("economy_staff"), park=world.park, period=OCT)
    with pytest.raises(ValidationError, match="修订原因"):
        services.return_accept(user=world.user("economy_staff"), monthly_return=submitted, expected_version=1)
    accepted = services.return_accept(
        user=world.user("economy_staff"),
        monthly_return=submitted,
        expected_version=1,
        note="关账后补报,已核实",
    )
    assert (accepted.status, accepted.revision_reason) == ("accepted", "关账后补报,已核实")


def test_a_return_cannot_be_submitted_before_its_month_ends(world: World, client_for: Any) -> None:
    this_month = services.current_period()
    with pytest.raises(ValidationError, match="尚未结束"):
        services.return_submit(
            user=world.user("enterprise_user"),
            enterprise=world.enterprise,
            period=this_month,
            data={"revenue": 1},
        )
    draft = services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=this_month,
        data={"revenue": 1},
        draft=True,
    )
    assert draft.status == "draft"
    page = client_for("enterprise_user").get(f"/economy/portal/{this_month:%Y-%m}/").content.decode()
    assert 'data-testid="month-running"' in page and 'data-testid="submit-return"' not in page


def test_the_dashboard_and_pipeline_open_on_the_latest_closed_month(
    world: World, client_for: Any, record: Any
) -> None:
    for m in (3, 4, 5):  # reporting April makes the enterprise expected in May
        record(world.enterprise, 2023, m, revenue=1_000_000)
    services.period_close(user=world.user("economy_staff"), park=world.park, period=dt.date(2023, 3, 1))
    leader = client_for("park_leader")
    opened = leader.get("/economy/", {"park": world.park.pk})
    assert opened.context["selection"].period == dt.date(2023, 3, 1)
    assert opened.context["collection"].closed
    assert 'data-testid="period-closed"' in opened.content.decode()
    chosen = leader.get("/economy/", {"park": world.park.pk, "year": 2023, "month": 5})
    state = chosen.context["collection"]
    assert not state.closed and state.board.rate_text == "100.0%"
    assert 'data-testid="open-rate"' in chosen.content.decode()
    pipeline = client_for("economy_staff").get("/economy/pipeline/", {"park": world.park.pk})
    assert pipeline.context["period"] == dt.date(2023, 3, 1) and pipeline.context["closed"]

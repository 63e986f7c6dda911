"""Reopening a closed month (重新开放, 反关账): only the park's 经济发展 staff, with a reason; the closing is kept
with who reopened the month, when and why; the month is open again everywhere (no revision reason, not the
dashboard's or pipeline's "latest closed month") and may be closed again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from scipark.core import access
from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import ClosedPeriod, MonthlyReturn
from scipark.economy.models.records import PeriodReopening
from scipark.economy.selectors.periods import period_history

from .conftest import economy_staff_of

OCT = dt.date(2023, 10, 1)
REASON = "统计局反馈更正营业收入"


def close_october(world: World, note: str = "") -> ClosedPeriod:
    return services.period_close(user=world.user("economy_staff"), park=world.park, period=OCT, note=note)


def reopen_october(world: World, persona: str = "economy_staff", reason: str = REASON) -> PeriodReopening:
    return services.period_reopen(user=world.user(persona), park=world.park, period=OCT, reason=reason)


# --- the service ------------------------------------------------------------------------------------------


def test_staff_reopen_a_closed_month_and_the_closing_is_kept_with_who_when_and_why(world: World) -> None:
    closing = close_october(world, note="应报企业均已报送")
    reopening = reopen_october(world, reason=f"  {REASON}  ")
    assert not ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()
    stored = PeriodReopening.objects.get(pk=reopening.pk)
    assert (stored.park, stored.period, stored.reopened_by, stored.reason) == (
        world.park,
        OCT,
        world.user("economy_staff"),
        REASON,
    )
    assert stored.reopened_at >= closing.closed_at
    # the closing it undid, as its row held it
    assert (stored.closed_at, stored.closed_by, stored.expected, stored.received, stored.note) == (
        closing.closed_at,
        closing.closed_by,
        closing.expected,
        closing.received,
        "应报企业均已报送",
    )


@pytest.mark.parametrize(
    "persona",
    ["park_leader", "zone_viewer", "service_staff", "other_park_staff", "enterprise_user", "system_admin"],
)
def test_only_the_parks_economy_staff_may_reopen(world: World, persona: str) -> None:
    close_october(world)
    with pytest.raises(access.AccessDenied):
        reopen_october(world, persona)
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()
    assert not PeriodReopening.objects.exists()


def test_another_parks_economy_staff_may_not_reopen_this_parks_month(world: World) -> None:
    close_october(world)
    foreign = economy_staff_of(world.other_park, "economy_other")
    with pytest.raises(access.AccessDenied):
        services.period_reopen(user=foreign, park=world.park, period=OCT, reason=REASON)
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()


@pytest.mark.parametrize("reason", ["", "   ", "原" * 501])
def test_a_reason_of_at_most_500_characters_is_required(world: World, reason: str) -> None:
    close_october(world)
    with pytest.raises(ValidationError) as refused:
        reopen_october(world, reason=reason)
    assert "reason" in refused.value.message_dict
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()
    reopen_october(world, reason="原" * 500)  # the limit itself is allowed


def test_a_month_that_is_not_closed_is_refused_with_a_clear_message(world: World) -> None:
    with pytest.raises(ValidationError, match="2023年10月尚未关账,无需重新开放"):
        reopen_october(world)
    close_october(world)
    reopen_october(world)
    with pytest.raises(ValidationError, match="尚未关账"):
        reopen_october(world)  # twice: the second finds it open
    assert PeriodReopening.objects.count() == 1
    with pytest.raises(ValidationError, match="尚未到来"):
        services.period_reopen(
            user=world.user("economy_staff"),
            park=world.park,
            period=dt.date(2999, 1, 1),
            reason=REASON,
        )


def test_a_reopened_month_can_be_closed_again_and_reopened_again(world: World) -> None:
    close_october(world, note="第一次关账")
    reopen_october(world, reason="补录迟报")
    again = close_october(world, note="补录后重新关账")
    assert ClosedPeriod.objects.get(park=world.park, period=OCT) == again
    reopen_october(world, reason="统计局再次反馈")
    assert list(PeriodReopening.objects.order_by("reopened_at").values_list("note", "reason")) == [
        ("第一次关账", "补录迟报"),
        ("补录后重新关账", "统计局再次反馈"),
    ]


def test_the_history_lists_both_closings_and_the_reopening_in_order(world: World) -> None:
    close_october(world, note="第一次关账")
    reopen_october(world)
    close_october(world, note="补录后重新关账")
    history = period_history(user=world.user("park_leader"), park_ids=[world.park.pk], period=OCT)
    assert [(e.kind, e.text) for e in history] == [
        ("closed", "第一次关账"),
        ("reopened", REASON),
        ("closed", "补录后重新关账"),
    ]
    assert history[1].by == world.user("economy_staff").display_name
    # another park's staff see none of it; the enterprise user's reach opens no department record
    for persona in ("other_park_staff", "enterprise_user"):
        assert period_history(user=world.user(persona), park_ids=[world.park.pk], period=OCT) == []


def test_the_change_log_records_both_closings_and_the_reopening(world: World) -> None:
    close_october(world)
    reopening = reopen_october(world)
    close_october(world)
    closed_type = ContentType.objects.get_for_model(ClosedPeriod)
    actions = list(
        LogEntry.objects.filter(content_type=closed_type)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == [LogEntry.Action.CREATE, LogEntry.Action.DELETE, LogEntry.Action.CREATE]
    entry = LogEntry.objects.get_for_object(reopening).get()
    assert entry.action == LogEntry.Action.CREATE and REASON in entry.changes_dict["reason"][1]


# --- closed-ness everywhere: revisions, the dashboard and the pipeline -----------------------------------


def test_revision_reasons_follow_the_months_state(world: World, record: Any) -> None:
    staff = world.user("economy_staff")
    record(world.enterprise, 2023, 10, revenue=1_000_000)
    month: dict[str, Any] = {"period": OCT, "reasons": {"revenue": "补录"}}

    close_october(world)
    with pytest.raises(ValidationError, match="已关账"):
        services.return_record(user=staff, enterprise=world.enterprise, data={"revenue": 1_100_000}, **month)

    reopen_october(world)  # open again: a change needs no revision reason
    reopened = services.return_record(
        user=staff, enterprise=world.enterprise, data={"revenue": Decimal("1100000")}, **month
    )
    assert (reopened.revision, reopened.revision_reason) == (2, "")

    close_october(world)  # closed again: the reason is required again
    with pytest.raises(ValidationError, match="已关账"):
        services.return_record(user=staff, enterprise=world.enterprise, data={"revenue": 1_200_000}, **month)
    revised = services.return_record(
        user=staff,
        enterprise=world.enterprise,
        data={"revenue": Decimal("1200000")},
        revision_reason="统计局反馈",
        **month,
    )
    assert (revised.revision, revised.revision_reason) == (3, "统计局反馈")
    assert MonthlyReturn.objects.get(enterprise=world.enterprise, period=OCT, is_current=True) == revised


def test_an_accepted_late_return_needs_no_reason_once_the_month_is_reopened(world: World) -> None:
    submitted = services.return_submit(
        user=world.user("enterprise_user"), enterprise=world.enterprise, period=OCT, data={"revenue": 1}
    )
    close_october(world)
    with pytest.raises(ValidationError, match="修订原因"):
        services.return_accept(user=world.user("economy_staff"), monthly_return=submitted, expected_version=1)
    reopen_october(world)
    accepted = services.return_accept(
        user=world.user("economy_staff"), monthly_return=submitted, expected_version=1
    )
    assert accepted.status == MonthlyReturn.Status.ACCEPTED


def test_the_dashboard_and_pipeline_no_longer_open_on_a_reopened_month(
    world: World, client_for: Any, record: Any
) -> None:
    for m in (3, 4, 5):
        record(world.enterprise, 2023, m, revenue=1_000_000)
    staff = world.user("economy_staff")
    march, april = dt.date(2023, 3, 1), dt.date(2023, 4, 1)
    for period in (march, april):
        services.period_close(user=staff, park=world.park, period=period)
    leader = client_for("park_leader")

    def opened_on() -> tuple[dt.date, bool, dt.date]:
        dashboard = leader.get("/economy/", {"park": world.park.pk})
        pipeline = leader.get("/economy/pipeline/", {"park": world.park.pk})
        return (
            dashboard.context["selection"].period,
            dashboard.context["collection"].closed,
            pipeline.context["period"],
        )

    assert opened_on() == (april, True, april)
    services.period_reopen(user=staff, park=world.park, period=april, reason=REASON)
    assert opened_on() == (march, True, march)
    chosen = leader.get("/economy/", {"park": world.park.pk, "year": 2023, "month": 4})
    assert not chosen.context["collection"].closed
    assert 'data-testid="period-closed"' not in chosen.content.decode()
    services.period_close(user=staff, park=world.park, period=april)
    assert opened_on() == (april, True, april)


def test_a_reopened_month_takes_an_import_and_a_reclosed_one_refuses_it(world: World, tmp_path: Path) -> None:
    from scipark.core.tests import hostile

    from .test_import_monthly import refused, rows, run

    december = dt.date(2023, 12, 1)
    staff = world.user("economy_staff")
    run(world, tmp_path, hostile.xlsx(rows(world)))
    services.period_close(user=staff, park=world.park, period=december)
    refused(world, tmp_path, hostile.xlsx(rows(world, output="130")))
    services.period_reopen(user=staff, park=world.park, period=december, reason="补录迟报数据")
    changed = run(world, tmp_path, hostile.xlsx(rows(world, output="130")))
    assert changed.ok and changed.written
    services.period_close(user=staff, park=world.park, period=december)
    result = refused(world, tmp_path, hostile.xlsx(rows(world, output="140")))
    assert "已关账" in result.problems[0].message


# --- the page ---------------------------------------------------------------------------------------------

PAGE = "/economy/returns/missing/"
REOPEN = "/economy/returns/reopen/"


def test_the_period_page_offers_reopening_to_the_parks_economy_staff_only(
    world: World, client_for: Any
) -> None:
    close_october(world)
    staff_page = client_for("economy_staff").get(PAGE, {"period": "2023-10"}).content.decode()
    assert 'data-testid="reopen-form"' in staff_page and 'name="reason"' in staff_page
    assert 'data-testid="close-period"' not in staff_page  # closed: nothing to close
    leader = client_for("park_leader").get(PAGE, {"period": "2023-10"}).content.decode()
    assert 'data-testid="closed-note"' in leader and 'data-testid="reopen-form"' not in leader
    assert client_for("zone_viewer").get(PAGE, {"period": "2023-10"}).status_code == 403  # not its page


def test_staff_reopen_from_the_page_and_see_the_history(world: World, client_for: Any) -> None:
    close_october(world, note="第一次关账")
    client = client_for("economy_staff")
    data = {"park": world.park.pk, "period": "2023-10", "reason": REASON}
    response = client.post(REOPEN, data, follow=True)
    assert response.redirect_chain[-1][0] == f"{PAGE}?period=2023-10"
    page = response.content.decode()
    assert "已重新开放" in page
    assert 'data-testid="closed-badge"' not in page and 'data-testid="close-period"' in page
    assert 'data-testid="history-reopened"' in page and REASON in page
    # closed again: both closings and the reopening, in order
    client.post("/economy/returns/close/", {"park": world.park.pk, "period": "2023-10", "note": "补录后"})
    history = client.get(PAGE, {"period": "2023-10"})
    assert [e.kind for e in history.context["history"]] == ["closed", "reopened", "closed"]
    assert history.content.decode().count('data-testid="history-closed"') == 2


def test_the_page_refuses_without_a_reason_or_an_open_month_and_says_why(
    world: World, client_for: Any
) -> None:
    client = client_for("economy_staff")
    not_closed = client.post(
        REOPEN, {"park": world.park.pk, "period": "2023-10", "reason": REASON}, follow=True
    )
    assert "尚未关账,无需重新开放" in not_closed.content.decode()
    close_october(world)
    blank = client.post(REOPEN, {"park": world.park.pk, "period": "2023-10", "reason": " "}, follow=True)
    assert "请填写重新开放的原因" in blank.content.decode()
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("park_leader", 403),
        ("zone_viewer", 403),
        ("service_staff", 403),
        ("enterprise_user", 403),
        ("other_park_staff", 403),
        ("system_admin", 403),
    ],
)
def test_the_page_refuses_everyone_else(world: World, client_for: Any, persona: str, status: int) -> None:
    close_october(world)
    data = {"park": world.park.pk, "period": "2023-10", "reason": REASON}
    assert client_for(persona).post(REOPEN, data).status_code == status
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()


def test_another_parks_economy_staff_cannot_reach_this_park(world: World, client_for: Any) -> None:
    from django.test import Client

    close_october(world)
    client = Client()
    client.force_login(economy_staff_of(world.other_park, "economy_other"))
    data = {"park": world.park.pk, "period": "2023-10", "reason": REASON}
    assert client.post(REOPEN, data).status_code == 404
    assert ClosedPeriod.objects.filter(park=world.park, period=OCT).exists()


def test_the_page_reads_in_english(world: World, client_for: Any) -> None:
    close_october(world)
    reopen_october(world)
    close_october(world)
    client = client_for("economy_staff")
    client.cookies["django_language"] = "en"
    page = client.get(PAGE, {"period": "2023-10"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Reopen" in page and "Closing history" in page

"""Staff pages of the returns: review rights, the list's export, who has not reported, reminders."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyReturn
from scipark.notifications.models import Notification


def rows_of(response: Any) -> list[tuple[Any, ...]]:
    book = load_workbook(BytesIO(response.content), read_only=True)
    return [tuple(r) for r in book.active.iter_rows(values_only=True)]


def submitted(world: World, enterprise: Any, month: int = 12) -> MonthlyReturn:
    return services.return_submit(
        user=world.user("economy_staff"),
        enterprise=enterprise,
        period=dt.date(2023, month, 1),
        data={"revenue": 1_000_000, "industrial_output": 2_000_000},
        reasons={"revenue": "测试", "industrial_output": "测试"},
    )


def test_economy_staff_accept_and_other_staff_only_read(world: World, client_for: Any) -> None:
    record = submitted(world, world.enterprise)
    for persona in ("service_staff", "park_leader"):
        client = client_for(persona)
        assert client.get(f"/economy/returns/{record.pk}/").status_code == 200
        denied = client.post(f"/economy/returns/{record.pk}/accept/", {"version": 1})
        assert denied.status_code == 403
    response = client_for("economy_staff").post(
        f"/economy/returns/{record.pk}/accept/", {"version": record.version}
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.is_current) == ("accepted", True)


def test_sending_back_needs_a_reason(world: World, client_for: Any) -> None:
    record = submitted(world, world.enterprise)
    client = client_for("economy_staff")
    url = f"/economy/returns/{record.pk}/send-back/"
    response = client.post(url, {"version": record.version}, follow=True)
    assert response.redirect_chain == [(f"/economy/returns/{record.pk}/", 302)]
    assert "退回原因" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "submitted"
    response = client.post(url, {"version": record.version, "review_note": "产值与增加值不匹配"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.review_note) == ("rejected", "产值与增加值不匹配")


@pytest.mark.parametrize("button", ["accept", "send-back"])
def test_a_stale_version_answers_409_and_changes_nothing(world: World, client_for: Any, button: str) -> None:
    record = submitted(world, world.enterprise)
    response = client_for("economy_staff").post(
        f"/economy/returns/{record.pk}/{button}/", {"version": record.version - 1, "review_note": "核对"}
    )
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    record.refresh_from_db()
    assert record.status == "submitted"


def test_the_review_buttons_post_to_their_own_actions(world: World, client_for: Any) -> None:
    record = submitted(world, world.enterprise)
    page = client_for("economy_staff").get(f"/economy/returns/{record.pk}/").content.decode()
    assert f'action="/economy/returns/{record.pk}/accept/"' in page
    assert f'formaction="/economy/returns/{record.pk}/send-back/"' in page


def test_the_list_exports_the_filtered_returns_in_wan(world: World, client_for: Any) -> None:
    submitted(world, world.enterprise)
    submitted(world, world.other_enterprise, month=11)
    response = client_for("service_staff").get("/economy/returns/", {"period": "2023-12", "export": "xlsx"})
    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0][:4] == ("企业名称", "统一社会信用代码", "园区", "报告期")
    assert len(rows) == 2
    body = dict(zip(rows[0], rows[1], strict=True))
    assert body["企业名称"] == world.enterprise.name
    assert body["报告期"] == "2023-12"
    assert body["营业收入(万元)"] == 100
    assert body["工业总产值(万元)"] == 200


def test_a_bad_period_filter_is_a_clear_message(client_for: Any) -> None:
    response = client_for("economy_staff").get("/economy/returns/", {"period": "2023-13"})
    assert "报告期应写作" in response.content.decode()


@pytest.fixture
def expected(world: World, record: Any) -> None:
    """Both enterprises of the park owe December: one is above scale, the other reported November."""
    services.scale_decision_record(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=dt.date(2023, 1, 1),
        decided_on=dt.date(2023, 2, 1),
    )
    record(world.other_enterprise, 2023, 11, revenue=500_000)


def test_the_missing_list_names_who_has_not_reported(world: World, client_for: Any, expected: None) -> None:
    submitted(world, world.other_enterprise)
    client = client_for("service_staff")
    response = client.get("/economy/returns/missing/", {"period": "2023-12"})
    names = [o.enterprise.name for o, _state, _contact in response.context["outstanding"]]
    assert names == [world.enterprise.name]
    assert response.context["expected"] == 2
    assert response.context["deadline"] == dt.date(2024, 1, 10)
    export = client.get("/economy/returns/missing/", {"period": "2023-12", "export": "xlsx"})
    rows = rows_of(export)
    assert [r[0] for r in rows[1:]] == [world.enterprise.name]
    assert rows[1][5] == "未报送"


def test_the_deadline_day_is_configurable(client_for: Any, settings: Any, expected: None) -> None:
    settings.SCIPARK_RETURN_DEADLINE_DAY = 15
    response = client_for("economy_staff").get("/economy/returns/missing/", {"period": "2023-12"})
    assert response.context["deadline"] == dt.date(2024, 1, 15)


def test_a_draft_does_not_count_as_reported(world: World, client_for: Any, expected: None) -> None:
    services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=dt.date(2023, 12, 1),
        data={"revenue": 1},
        draft=True,
    )
    response = client_for("economy_staff").get("/economy/returns/missing/", {"period": "2023-12"})
    states = {o.enterprise.name: state for o, state, _contact in response.context["outstanding"]}
    assert states[world.enterprise.name] == "草稿未报送"


def test_one_click_reminds_every_missing_enterprise_user(
    world: World, client_for: Any, expected: None
) -> None:
    response = client_for("economy_staff").post("/economy/returns/missing/remind/", {"period": "2023-12"})
    assert response.status_code == 302
    sent = Notification.objects.filter(kind="return_reminder")
    assert [n.recipient for n in sent] == [world.user("enterprise_user")]
    assert "2023年12月" in sent[0].title
    assert sent[0].url.startswith("/economy/portal/2023-12/")
    # the other enterprise has no account: named in a warning for a phone call
    followed = client_for("economy_staff").get(response["Location"])
    assert world.other_enterprise.name in followed.content.decode()


def test_only_economy_staff_send_reminders(client_for: Any, expected: None) -> None:
    for persona in ("service_staff", "park_leader", "enterprise_user"):
        response = client_for(persona).post("/economy/returns/missing/remind/", {"period": "2023-12"})
        assert response.status_code == 403
    assert not Notification.objects.exists()


def test_a_reminder_with_an_unreadable_period_says_so_and_sends_nothing(
    client_for: Any, expected: None
) -> None:
    client = client_for("economy_staff")
    response = client.post("/economy/returns/missing/remind/", {"period": "2023-13"}, follow=True)
    assert response.redirect_chain == [("/economy/returns/missing/", 302)]
    assert "报告期无法识别" in response.content.decode()
    assert not Notification.objects.exists()
    assert client.get("/economy/returns/missing/remind/").status_code == 405

"""Notifications of the returns loop (issue 10, item 5): submitted → the park's 经济发展 staff; accepted or
sent back with the reason → the enterprise; a 催报 reminder of a returned month says so; a message whose
page no longer opens for the recipient says why instead of a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import translation

from scipark.core.testing import World
from scipark.economy import collection, notices, services
from scipark.economy.models import MonthlyReturn
from scipark.notifications.models import Notification
from scipark.notifications.testing import notification_pages

OCT = dt.date(2023, 10, 1)


def _submit(world: World) -> MonthlyReturn:
    return services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=OCT,
        data={"revenue": 1_000_000},
    )


def test_a_submission_tells_the_economy_staff_and_no_one_else(world: World) -> None:
    record = _submit(world)
    sent = Notification.objects.filter(kind=notices.SUBMITTED_KIND)
    assert {n.recipient for n in sent} == {world.user("economy_staff")}
    (notice,) = sent
    assert notice.url == f"/economy/returns/{record.pk}/"
    assert world.enterprise.name in notice.title and "2023年10月" in notice.title


def test_the_enterprise_hears_of_acceptance_and_of_a_return_with_its_reason(world: World) -> None:
    staff, enterprise_user = world.user("economy_staff"), world.user("enterprise_user")
    record = _submit(world)
    services.return_reject(
        user=staff, monthly_return=record, expected_version=record.version, note="利润总额漏填"
    )
    (returned,) = Notification.objects.filter(kind=notices.REVIEWED_KIND, recipient=enterprise_user)
    assert returned.title == "2023年10月月度报表已退回,请修改后重新报送"
    assert "利润总额漏填" in returned.body
    assert returned.url == f"/economy/portal/2023-10/?enterprise={world.enterprise.pk}"
    again = _submit(world)
    services.return_accept(user=staff, monthly_return=again, expected_version=again.version)
    titles = list(
        Notification.objects.filter(kind=notices.REVIEWED_KIND, recipient=enterprise_user)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles[-1] == "2023年10月月度报表已审核通过"
    assert (
        not Notification.objects.filter(kind=notices.REVIEWED_KIND)
        .exclude(recipient=enterprise_user)
        .exists()
    )


def test_a_reminder_of_a_returned_month_says_returned_please_resubmit(world: World) -> None:
    staff = world.user("economy_staff")
    due = dt.date(2023, 11, 10)
    title, body = collection.reminder_text("甲公司", OCT, due, "产值与增加值不匹配")
    assert title.text() == "2023年10月月度统计报表已退回,请修改后重新报送"
    assert "退回原因:产值与增加值不匹配" in body.text()
    assert collection.reminder_text("甲公司", OCT, due, None)[0].text() == "请报送2023年10月月度统计报表"
    # End to end: the enterprise reported September, so it owes October; its October was sent back.
    services.return_record(
        user=staff, enterprise=world.enterprise, period=dt.date(2023, 9, 1), data={"revenue": 1_000_000}
    )
    record = _submit(world)
    services.return_reject(
        user=staff, monthly_return=record, expected_version=record.version, note="请补充能耗"
    )
    collection.returns_remind(user=staff, park_ids=[world.park.pk], period=OCT)
    reminder = Notification.objects.filter(
        kind=collection.REMINDER_KIND, recipient=world.user("enterprise_user")
    )
    assert [n.title for n in reminder] == ["2023年10月月度统计报表已退回,请修改后重新报送"]


def test_a_link_that_no_longer_opens_says_why(world: World, client_for: Any) -> None:
    reader = world.user("service_staff")
    record = _submit(world)
    gone = Notification.objects.create(
        recipient=reader,
        kind=notices.SUBMITTED_KIND,
        title="旧消息",
        url=f"/economy/returns/{record.pk + 999}/",
    )
    client = client_for("service_staff")
    response = client.get("/notifications/open/", {"id": gone.pk})
    assert response.status_code == 410
    assert "已不在您的查看范围内" in response.content.decode()
    gone.refresh_from_db()
    assert gone.read_at is not None
    fine = Notification.objects.create(
        recipient=reader, kind=notices.SUBMITTED_KIND, title="可打开", url=f"/economy/returns/{record.pk}/"
    )
    opened = client.get("/notifications/open/", {"id": fine.pk})
    assert (opened.status_code, opened["Location"]) == (302, f"/economy/returns/{record.pk}/")
    # Someone else's message is not opened, and not described.
    other = Notification.objects.create(
        recipient=world.user("economy_staff"), kind="return_submitted", title="x"
    )
    assert client.get("/notifications/open/", {"id": other.pk})["Location"] == "/notifications/"
    listing = client.get("/notifications/").content.decode()
    assert f"/notifications/open/?id={fine.pk}" in listing


@pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])
def test_a_submission_and_a_reminder_read_in_the_readers_language(
    world: World, client_for: Any, english: bool
) -> None:
    staff = world.user("economy_staff")
    services.return_record(
        user=staff, enterprise=world.enterprise, period=dt.date(2023, 9, 1), data={"revenue": 1_000_000}
    )  # September reported, so it owes October
    with translation.override("en"):  # the enterprise reads the site in English: the staff need not
        record = _submit(world)
    services.return_reject(
        user=staff, monthly_return=record, expected_version=record.version, note="请补充能耗"
    )
    collection.returns_remind(user=staff, park_ids=[world.park.pk], period=OCT)
    name = world.enterprise.name
    listing, badge = notification_pages(client_for("economy_staff"), english=english)
    if english:
        assert f"{name} submitted its monthly return for Oct 2023: awaiting review" in listing
        assert "Messages, 1 unread" in badge
    else:
        assert f"{name}报送了2023年10月月度报表,待审核" in listing
        assert "消息,1条未读" in badge
    listing, badge = notification_pages(client_for("enterprise_user"), english=english)
    if english:
        assert "Monthly return for Oct 2023 sent back: please correct and resubmit it" in listing
        assert "Monthly statistical return for Oct 2023 sent back: please correct and resubmit it" in listing
        assert "Reason: 请补充能耗. The deadline is" in listing  # the reason as typed
        assert "Monthly return for Sep 2023 accepted" in listing  # September, recorded by the staff
        assert "Messages, 3 unread" in badge
    else:
        assert "2023年10月月度统计报表已退回,请修改后重新报送" in listing
        assert "退回原因:请补充能耗。报送截止日期为" in listing
        assert "2023年09月月度报表已审核通过" in listing
        assert "消息,3条未读" in badge

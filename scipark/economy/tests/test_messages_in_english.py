"""The economy's refusals in the reader's language: the services, the API and the import wrote them as
Chinese literals, so a reader of the English pages (or an API client asking for English) read them in
Chinese. Each is a catalogue string now; the Chinese pages say exactly what they said before."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scipark.core.testing import World, in_chinese
from scipark.economy import services

REOPEN = "/economy/returns/reopen/"


def submitted(world: World) -> Any:
    return services.return_submit(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        period=dt.date(2023, 12, 1),
        data={"revenue": 1_000_000, "industrial_output": 2_000_000},
        reasons={"revenue": "测试", "industrial_output": "测试"},
    )


def test_reopening_a_month_that_is_not_closed_says_so_in_both_languages(
    world: World, client_for: Any
) -> None:
    data = {"park": world.park.pk, "period": "2023-10", "reason": "统计局反馈更正"}
    client = client_for("economy_staff")
    chinese = client.post(REOPEN, data, follow=True).content.decode()
    assert f"{world.park.name}2023年10月尚未关账,无需重新开放。" in chinese
    client.cookies["django_language"] = "en"
    english = client.post(REOPEN, data, follow=True).content.decode()
    assert f"{world.park.name} has not closed Oct 2023, so there is nothing to reopen." in english
    assert "尚未关账" not in english


def test_accepting_a_return_twice_says_why_in_both_languages(world: World, client_for: Any) -> None:
    record = submitted(world)
    client = client_for("economy_staff")
    url = f"/economy/returns/{record.pk}/accept/"
    assert client.post(url, {"version": record.version}).status_code == 302
    record.refresh_from_db()
    chinese = client.post(url, {"version": record.version}, follow=True).content.decode()
    assert "只有“已报送”的报表可以审核通过,当前状态为“已审核”。" in chinese
    client.cookies["django_language"] = "en"
    english = client.post(url, {"version": record.version}, follow=True).content.decode()
    assert "Only a submitted return can be accepted; this one is “Accepted”." in english


def test_the_api_refuses_in_the_clients_language(world: World, client_for: Any) -> None:
    client = client_for("economy_staff")
    future = {"enterprise": world.enterprise.pk, "period": "2999-01-01", "revenue": "1000"}
    kpi = f"/api/v1/economy-kpi/?park={world.park.code}&scale_set=nonsense"

    chinese = client.post("/api/v1/monthly-returns/", future, content_type="application/json")
    assert chinese.status_code == 400
    assert chinese.json()["period"] == ["报告期 2999-01 尚未到来,不能报送未来月份的数据。"]
    assert client.get(kpi).json()["scale_set"] == ["未知的统计范围“nonsense”。"]

    english = client.post(
        "/api/v1/monthly-returns/", future, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english.status_code == 400
    assert english.json()["period"] == [
        "Reporting period 2999-01 has not come yet; data for a future month cannot be submitted."
    ]
    refused = client.get(kpi, HTTP_ACCEPT_LANGUAGE="en").json()
    assert refused["scale_set"] == ["Unknown statistical scope “nonsense”."]
    assert not in_chinese([*english.json()["period"], *refused["scale_set"]])

"""The economy's detail tables on a phone: the 390 px crawl found them scrolling sideways in their box. Lists
of records (a return's revisions, the missing returns, the statistics office's decisions, the enterprises
pulling the growth) are cards (table.sp-stack-sm) with labels in the UI language; figures compared across
their columns (a return's values, the 12-month trend, a drill-down) stay tables whose first column stays put
while they scroll (sp-sticky-first)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, labels_on, signed_in
from scipark.economy import services
from scipark.economy.models import ProjectMonthlyInvestment
from scipark.economy.testing import route_samples

from .test_dashboard import URL, park_data, query

pytestmark = pytest.mark.django_db
__all__ = ["park_data"]  # the fixture, for the dashboard's test


def opening(page: str, testid: str) -> str:
    table = re.search(rf'<table[^>]*data-testid="{testid}"[^>]*>', page)
    assert table is not None, f"no table {testid} on the page"
    return table.group(0)


def above_scale(world: World) -> None:
    """The enterprise counted above scale from January 2023 (the statistics office's decision)."""
    services.scale_decision_record(
        user=world.user("economy_staff"), enterprise=world.enterprise, scale_set="above_scale_industry",
        direction="enter", effective_period=dt.date(2023, 1, 1), decided_on=dt.date(2023, 2, 1),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "revision"), [("zh-hans", ["修订号", "状态", "报送人"]), ("en", ["Revision", "Status"])]
)
def test_a_returns_revisions_are_cards_and_its_values_keep_their_row_name(
    world: World, language: str, revision: list[str]
) -> None:
    record = route_samples(world)["economy.monthlyreturn"]["own"]
    client = signed_in(world.user("economy_staff"), language)
    page = client.get(reverse("economy:return_detail", args=[record.pk])).content.decode()
    assert card_labels(page, "revision-table")[: len(revision)] == revision
    assert "sp-sticky-first" in opening(page, "return-values")


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["催报", "企业名称", "统一社会信用代码", "园区", "状态", "联系人", "电话"]),
        ("en", ["Remind", "Enterprise name"]),
    ],
)
def test_the_missing_returns_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    above_scale(world)  # the enterprise owes December
    client = signed_in(world.user("economy_staff"), language)
    page = client.get(reverse("economy:missing_returns"), {"period": "2023-12"}).content.decode()
    assert card_labels(page, "missing-table")[: len(labels)] == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["企业", "统计范围", "纳入/退出", "原因", "生效月份", "决定日期", "文号"]),
        ("en", ["Enterprise", "Statistical set"]),
    ],
)
def test_the_decisions_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    above_scale(world)
    client = signed_in(world.user("economy_staff"), language)
    page = client.get(
        reverse("economy:pipeline"), {"park": world.park.pk, "period": "2023-12"}
    ).content.decode()
    assert card_labels(page, "decision-table")[: len(labels)] == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["企业", "目标范围", "依据", "近12个月(万元)", "标准(万元)", "达标程度", "月均增量(万元)",
                     "预计达标月份", "操作"]),
        ("en", ["Enterprise", "Target set", "Measured on", "Last 12 months (10,000 yuan)", "Threshold (10,000 yuan)",
                "Share of threshold", "Monthly trend (10,000 yuan)", "Expected to reach", "Action"]),
    ],
)  # fmt: skip
def test_the_candidates_near_the_threshold_are_labelled_cards(
    world: World, record: Any, language: str, labels: list[str]
) -> None:
    """规上培育's candidates: each a card whose lines carry their column's header in the UI language (the
    headers were Chinese on the English page)."""
    for m in range(1, 13):  # 1,800万 over 12 months: 90 % of the 2,000万 threshold, near it
        record(world.enterprise, 2023, m, revenue=1_500_000)
    client = signed_in(world.user("economy_staff"), language)
    page = client.get(
        reverse("economy:pipeline"), {"park": world.park.pk, "period": "2023-12"}
    ).content.decode()
    assert card_labels(page, "candidate-table") == labels


def test_the_dashboards_contributors_are_cards_its_trend_and_drill_down_keep_their_row_name(
    world: World, park_data: Any
) -> None:
    client = signed_in(world.user("economy_staff"), "zh-hans")
    response = client.get(URL, query(world))
    page = response.content.decode()
    assert card_labels(page, "contributor-table") == [
        "类别",
        "企业",
        "本年累计(万元)",
        "上年同期(万元)",
        "拉动(百分点)",
    ] * (page.split('data-testid="contributor-table"', 1)[1].split("</table>", 1)[0].count("<tr>") - 1)
    assert "sp-sticky-first" in opening(page, "trend-table")
    assert "sp-sticky-first" in opening(page, "breakdown-table")  # figures by industry, as the trend
    drill = client.get(response.context["cards"][0].drill_url).content.decode()
    assert "sp-sticky-first" in opening(drill, "drill-table")


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["报告期", "状态", "营业收入(万元)"]),
        ("en", ["Reporting period", "Status", "Revenue (10,000 yuan)"]),
    ],
)
def test_the_enterprise_profiles_returns_are_labelled_cards(
    world: World, language: str, labels: list[str]
) -> None:
    """The enterprise profile's returns scrolled sideways in their box at 390 px in English."""
    route_samples(world)
    url = reverse("enterprises:enterprise_profile", args=[world.enterprise.pk])
    assert labels_on(world.user("economy_staff"), language, url, "profile-economy-table") == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [("zh-hans", ["月份", "完成投资(万元)"]), ("en", ["Month", "Investment completed (10,000 yuan)"])],
)
def test_a_projects_months_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    """A fixed-asset project's monthly investment scrolled sideways in its box at 390 px in English."""
    project = route_samples(world)["economy.fixedassetproject"]["own"]
    ProjectMonthlyInvestment.objects.create(
        park=world.park, project=project, period=dt.date(2023, 4, 1), amount=Decimal("1200000")
    )
    url = reverse("economy:project_detail", args=[project.pk])
    assert labels_on(world.user("economy_staff"), language, url, "investment-table") == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["报告期", "最新状态", "修订次数", "现行数据"]),
        ("en", ["Reporting period", "Latest status"]),
    ],
)
def test_the_enterprise_portals_months_are_labelled_cards(
    world: World, language: str, labels: list[str]
) -> None:
    """报表填报 (an enterprise's own returns): its months scrolled sideways in their box at 390 px in English;
    each month is a card, its 填报 / 修订 button the 操作 line."""
    route_samples(world)
    found = labels_on(world.user("enterprise_user"), language, reverse("economy:portal"), "portal-table")
    assert found[: len(labels)] == labels, found
    assert ("Action" if language == "en" else "操作") in found, found


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["企业", "统计范围", "纳入/退出", "月份", "原因"]),
        ("en", ["Enterprise", "Statistical set"]),
    ],
)
def test_the_dashboards_scale_changes_are_labelled_cards(
    world: World, park_data: Any, language: str, labels: list[str]
) -> None:
    """The dashboard's 入规/退规 of the year scrolled sideways in its box at 390 px in English (427 px): each
    change is a card."""
    services.scale_decision_record(
        user=world.user("economy_staff"), enterprise=park_data["third"], scale_set="above_scale_industry",
        direction="leave", reason="below", effective_period=dt.date(2023, 2, 1), decided_on=dt.date(2023, 2, 10),
    )  # fmt: skip
    page = signed_in(world.user("economy_staff"), language).get(URL, query(world)).content.decode()
    found = card_labels(page, "change-table")
    assert found[: len(labels)] == labels, found

"""Economy's amounts read through ``core.money`` (ADR 0013, one conversion), by hand: the dashboard's money
text rounded half to even (1,234.565 万元 read 1,234.56 where the lists read 1,234.57), its tables wrote the
chart's floats (48733.97, 1234.5: no separators, a trailing zero lost), and the fixed-asset project's page
wrote its amounts without thousands separators (12345.67 万元) where its list writes 12,345.67."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from scipark.core.testing import World
from scipark.economy import dashboard
from scipark.economy.models import FixedAssetProject, ProjectMonthlyInvestment
from scipark.economy.profile import chart_wan

D = Decimal


@pytest.mark.parametrize(
    ("yuan", "chinese", "english"),
    [
        (None, "—", "—"),
        (D("3500000"), "350.00万元", "350.00 × 10,000 yuan"),
        # 1,234.565 万元: half up (四舍五入), as every list; half to even gave 1,234.56
        (D("12345650"), "1,234.57万元", "1,234.57 × 10,000 yuan"),
        (D("99999999.99"), "10,000.00万元", "10,000.00 × 10,000 yuan"),  # below 1亿 still in 万元
        (D("1822500000"), "18.23亿元", "18.23 × 100 million yuan"),  # 18.225亿: half to even gave 18.22
        (D("-12345650"), "-1,234.57万元", "-1,234.57 × 10,000 yuan"),  # a fall keeps its sign
    ],
)
def test_the_dashboards_money_reads_to_two_places_half_up(
    yuan: Decimal | None, chinese: str, english: str
) -> None:
    with translation.override("zh-hans"):
        assert dashboard.money_text(yuan) == chinese
    with translation.override("en"):
        assert dashboard.money_text(yuan) == english


def test_a_table_writes_its_numbers_of_wan_with_separators_and_the_chart_takes_floats() -> None:
    # a row keeps numbers (the export writes numbers); the page groups them, as a list's column
    row = ["2023年1-3月", D("48733.97"), D("1234.50"), None, "5.3%", 1.25]
    assert dashboard.row_text(row) == ["2023年1-3月", "48,733.97", "1,234.50", None, "5.3%", 1.25]
    assert chart_wan(D("12345650")) == 1234.57
    assert chart_wan(None) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "planned", "completed", "unit"),
    [
        ("zh-hans", "12,345.67 万元", "2,234.57 万元", "万元"),
        ("en", "12,345.67 × 10,000 yuan", "2,234.57 × 10,000 yuan", "× 10,000 yuan"),
    ],
)
def test_a_fixed_asset_projects_page_writes_its_amounts_as_its_list(
    world: World, client_for: Any, language: str, planned: str, completed: str, unit: str
) -> None:
    project = FixedAssetProject.objects.create(
        park=world.park,
        name="胶原蛋白肠衣扩能项目",
        planned_total=D("123456650"),  # 12,345.665 万元 → 12,345.67 (half to even gave 12,345.66)
        start_date=dt.date(2023, 2, 1),
    )
    for month, amount in ((3, D("12345650")), (4, D("10000000"))):  # 1,234.565 and 1,000 万元
        ProjectMonthlyInvestment.objects.create(
            park=world.park, project=project, period=dt.date(2023, month, 1), amount=amount
        )
    client = client_for("economy_staff")
    client.cookies["django_language"] = language
    response = client.get(f"/economy/projects/{project.pk}/")
    page = " ".join(response.content.decode().split())
    context = response.context
    assert context["planned_wan"] == "12,345.67"
    assert context["completed_wan"] == "2,234.57"  # 22,345,650 元
    assert [amount for _row, amount in context["months"]] == ["1,000.00", "1,234.57"]
    assert context["years"] == [(2023, "2,234.57")]
    assert planned in page and completed in page
    assert f'<td class="sp-num">2,234.57 {unit}</td>' in page  # the year's total

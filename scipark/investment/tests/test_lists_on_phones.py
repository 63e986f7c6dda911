"""The investment lists on a phone: below md each project, fund, loan, listing and equity round is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label``; the unnamed column of a
financing row's 确认 / 退回 buttons is labelled 操作 and its buttons are one element of the card's line."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from scipark.core.testing import World, in_chinese
from scipark.core.tests.stacked import card_labels, labels_on, signed_in
from scipark.investment.models import FundInvestment, FundPartner, Loan, ReserveBand, Target
from scipark.investment.testing import YI, route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [
        ("investment:project_list", "project-table"),
        ("investment:fund_list", "fund-table"),
        ("investment:loan_list", "loan-table"),
        ("investment:listing_list", "listing-table"),
        ("investment:round_list", "round-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    response = signed_in(world.user("investment_officer"), language).get(reverse(route))
    assert response.status_code == 200
    page = response.content.decode()
    labels = card_labels(page, testid)
    if route in ("investment:loan_list", "investment:round_list"):
        assert ("Action" if language == "en" else "操作") in labels, labels


def test_a_financing_rows_buttons_are_one_element_of_its_card(world: World) -> None:
    loans = route_samples(world)["investment.loan"]
    Loan.objects.filter(pk=loans["other"].pk).update(status="confirmed")  # nothing left to confirm
    page = signed_in(world.user("investment_officer"), "zh-hans").get(reverse("investment:loan_list"))
    cells = re.findall(
        r'<td data-label="操作" class="sp-actions">(.*?)</td>', page.content.decode(), flags=re.S
    )
    buttons = [cell for cell in cells if cell]
    assert buttons and all(re.fullmatch(r"<span>.*</span>", cell.strip(), flags=re.S) for cell in buttons), (
        cells
    )
    assert any('data-testid="confirm"' in cell for cell in buttons)
    # a row without buttons draws an empty cell, which a phone's card leaves out (no 操作 line)
    assert "" in cells


def _labels(language: str, *words: str) -> list[str]:
    """``words`` (the Chinese headers) as the page writes them in ``language``; in English none is left in
    Chinese (an untranslated header would read as Chinese on the English page)."""
    with translation.override(language):
        labels = [str(translation.gettext(word)) for word in words]
    assert language != "en" or not in_chinese(labels), labels
    return labels


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_detail_tables_are_labelled_cards(world: World, language: str) -> None:
    """The 390 px crawl in English found a fund's partners and investments, the settings' reserve bands and
    targets, the dashboard's funnel and an enterprise profile's loans scrolling sideways in their box; each
    row is a card whose lines carry their column's header in the UI language."""
    samples = route_samples(world)
    fund = samples["investment.fund"]["own"]
    FundPartner.objects.create(fund=fund, name="青海省引导基金", commitment=YI, share=Decimal("20"))
    FundInvestment.objects.create(
        fund=fund, project=samples["investment.project"]["own"], amount=YI, invested_on=dt.date(2023, 5, 1)
    )
    ReserveBand.objects.create(park=world.park, label="10亿–30亿元", lower=10 * YI, upper=30 * YI)
    Target.objects.create(
        park=world.park, year=timezone.localdate().year, indicator="signed_amount", value=YI
    )
    user = world.user("investment_officer")
    fund_page = (
        signed_in(user, language).get(reverse("investment:fund_detail", args=[fund.pk])).content.decode()
    )
    assert card_labels(fund_page, "partner-table") == _labels(
        language, "合伙人", "认缴出资(万元)", "出资比例(%)"
    )
    assert card_labels(fund_page, "fund-investment-table") == _labels(
        language, "项目/企业", "投资金额(万元)", "投资日期"
    )
    settings_page = signed_in(user, language).get(reverse("investment:settings")).content.decode()
    assert card_labels(settings_page, "band-table") == _labels(
        language, "档位", "下限(亿元,含)", "上限(亿元,不含)"
    )
    assert card_labels(settings_page, "target-table") == _labels(language, "年度", "指标", "目标值")
    funnel = labels_on(user, language, reverse("investment:dashboard"), "funnel")
    assert funnel[:3] == _labels(language, "阶段", "项目数", "计划总投资(亿元)"), funnel
    profile = reverse("enterprises:enterprise_profile", args=[world.enterprise.pk])
    loans = labels_on(user, language, profile, "profile-loan-table")
    assert loans == _labels(language, "贷款银行", "金额(万元)", "放款日期", "确认状态"), loans
    if language == "en":
        assert loans[0] == "Bank", loans

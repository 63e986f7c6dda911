"""The investment lists on a phone: below md each project, fund, loan, listing and equity round is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label``; the unnamed column of a
financing row's 确认 / 退回 buttons is labelled 操作 and its buttons are one element of the card's line."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.investment.models import Loan
from scipark.investment.testing import route_samples

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

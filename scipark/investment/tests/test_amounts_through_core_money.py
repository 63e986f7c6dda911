"""Investment's 万元 read through ``core.money`` (ADR 0013), by hand: F3's sum and the enterprise profile's
loans were divided and quantized on their own, half to even, so 12,345,650 元 read 1,234.56 there and
1,234.57 in every list; the profile's total of no loans read a bare 0."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from scipark.core.figures import compute_figures
from scipark.investment import profile
from scipark.investment.models import Confirmation, Loan, LoanProduct

from .conftest import Inv

YEAR = 2023


@pytest.fixture
def loans(inv: Inv) -> None:
    park, enterprise = inv.world.park, inv.world.enterprise
    for product, amount, day in (("科创贷", "12345650", 1), ("专精特新贷", "10050", 2)):
        Loan.objects.create(
            enterprise=enterprise, product=LoanProduct.objects.create(park=park, name=product), bank="青海银行",
            amount=Decimal(amount), granted_on=dt.date(YEAR, 9, day), term_months=12,
            status=Confirmation.CONFIRMED,
        )  # fmt: skip


def test_the_loans_figure_is_in_wan_rounded_half_up(inv: Inv, loans: None) -> None:
    f3 = compute_figures(inv.world.park, YEAR, ["F3"])["F3"]
    assert f3["value"] == 1235.57  # 12,355,700 元 (the figures' plain data are numbers)
    # 1,234.565 and 1.005 万元: half to even gave 1234.56 and 1.00
    assert f3["details"]["by_product_wan"] == {"科创贷": 1234.57, "专精特新贷": 1.01}


def test_the_profile_lists_the_loans_as_a_list_does(inv: Inv, loans: None) -> None:
    panel = profile.panel(inv.staff, inv.world.enterprise)
    assert panel is not None
    facts = {str(label): value for label, value in panel.facts}
    assert facts["贷款(笔 / 万元)"] == "2 / 1,235.57"
    assert facts["股权融资(轮 / 万元)"] == "0 / 0.00"  # no rounds: a sum of none is 0.00, as a list writes it
    assert [amount for _loan, amount in panel.extra["loans"]] == ["1.01", "1,234.57"]  # newest first

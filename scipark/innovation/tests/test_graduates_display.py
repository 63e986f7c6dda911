"""Graduates followed for five years read with thousands separators: the Chinese locale groups no digits,
so ``intcomma`` showed a year's revenue as ``1234567.89``; the revenue reads in 万元, as the pages' forms
take amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from scipark.economy.models import MonthlyReturn
from scipark.innovation.models import Incubation, Incubator
from scipark.innovation.templatetags.innovation_figures import headcount, wan_list

pytestmark = pytest.mark.django_db


def test_a_graduates_revenue_and_employees_read_with_thousands_separators(
    world: Any, client_for: Any
) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000), staff=10, professional_staff=5, seed_fund=Decimal(2000000),
    )  # fmt: skip
    Incubation.objects.create(
        park=world.park, incubator=incubator, enterprise=world.other_enterprise, entered_on=dt.date(2020, 3, 1),
        left_on=dt.date(2023, 6, 30), outcome=Incubation.Outcome.GRADUATED,
    )  # fmt: skip
    for month, revenue, employees in ((1, "10000000.00", 1100), (12, "2345678.90", 1250)):
        MonthlyReturn.objects.create(
            park=world.park, enterprise=world.other_enterprise, period=dt.date(2023, month, 1),
            status=MonthlyReturn.Status.ACCEPTED, is_current=True, revenue=Decimal(revenue), employees=employees,
        )  # fmt: skip
    page = client_for("park_leader").get(reverse("innovation:incubator_detail", args=[incubator.pk]))
    assert page.status_code == 200
    graduates = page.content.decode().split('data-testid="graduates"', 1)[1].split("</table>", 1)[0]
    assert "2023:1,234.57 / 1,250" in graduates  # 12,345,678.90 元
    assert "1234" not in graduates
    assert "2024:— / —" in graduates  # no returns that year


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("12345678.9"), "1,234.57"),
        (Decimal("6617104"), "661.71"),
        (Decimal(0), "0.00"),
        (999, "0.10"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_amounts_in_wan(value: Any, shown: str) -> None:
    assert wan_list(value) == shown


@pytest.mark.parametrize(("value", "shown"), [(1250, "1,250"), (12, "12"), (0, "0"), (None, "—")])
def test_headcounts(value: Any, shown: str) -> None:
    assert headcount(value) == shown

"""The financing report form as an enterprise user fills it on a phone: a loan of 0 was answered at the top
with the constraint's name (约束 “loan_amount_positive” 是无效的), and its one enterprise had to be picked
from a list of one — left at “---------” the form said only 企业 该字段是必填项。"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from scipark.investment.models import Loan, LoanProduct
from scipark.investment.testing import TODAY

from .conftest import Inv

pytestmark = pytest.mark.django_db


def test_a_loan_of_zero_is_refused_at_the_amount(inv: Inv) -> None:
    product = LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    client = Client()
    client.force_login(inv.world.user("enterprise_user"))
    response = client.post(
        reverse("investment:loan_add"),
        {"enterprise": inv.world.enterprise.pk, "product": product.pk, "bank": "青海银行", "amount": "0",
         "rate": "3.5", "granted_on": TODAY.isoformat(), "term_months": "12"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "loan_amount_positive" not in response.content.decode()
    assert "贷款金额须大于 0。" in response.context["form"].errors["amount"]
    assert not Loan.objects.exists()


def test_an_enterprise_users_only_enterprise_comes_chosen(inv: Inv) -> None:
    client = Client()
    client.force_login(inv.world.user("enterprise_user"))
    for name in ("loan_add", "round_add", "listing_add"):
        form = client.get(reverse(f"investment:{name}")).context["form"]
        assert form["enterprise"].value() == inv.world.enterprise.pk, name
    staff = Client()
    staff.force_login(inv.staff)  # a park's staff choose among many: nothing is chosen for them
    assert staff.get(reverse("investment:loan_add")).context["form"]["enterprise"].value() is None

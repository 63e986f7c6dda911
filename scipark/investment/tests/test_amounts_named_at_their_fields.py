"""到位金额 0 (or a fund of size 0) was answered at the top of the form with the database constraint's name —
约束 “funds_amount_positive” 是无效的 — before the service's check (“到位金额须大于 0。”, at the field) could
run. Found recording funds in place for a newly signed project on a phone."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from scipark.investment.models import FundsInPlace, Stage
from scipark.investment.testing import TODAY

from .conftest import Inv

pytestmark = pytest.mark.django_db


def test_zero_funds_in_place_are_refused_at_the_amount(inv: Inv) -> None:
    project = inv.project(Stage.SIGNED)
    client = Client()
    client.force_login(inv.staff)
    response = client.post(
        reverse("investment:funds_add", args=[project.pk]),
        {"arrived_on": TODAY.isoformat(), "amount": "0", "source_class": "other_province", "kind": "paid_in"},
    )
    assert response.status_code == 400
    assert "funds_amount_positive" not in response.content.decode()
    assert "到位金额须大于 0。" in response.context["form"].errors["amount"]
    assert not FundsInPlace.objects.exists()


def test_a_fund_of_size_zero_is_refused_at_the_size(inv: Inv) -> None:
    client = Client()
    client.force_login(inv.staff)
    data = {"park": inv.world.park.pk, "name": "青海生物医药产业基金", "kind": "industrial", "manager": "某资本",
            "size": "0", "set_up_on": "2022-03-01", "status": "operating"}  # fmt: skip
    response = client.post(reverse("investment:fund_add"), data)
    assert response.status_code == 400
    assert "fund_size_positive" not in response.content.decode()
    assert "基金规模须大于 0。" in response.context["form"].errors["size"]

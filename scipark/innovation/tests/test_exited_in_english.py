"""An incubator's enterprise that left without graduating reads “Exited” on the English pages: its 退出
shared the sign-out button's msgid, and the main catalogue's “Log out” won the merge."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from scipark.innovation.models import Incubation, Incubator

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "outcome"), [("en", "Exited"), ("zh-hans", "退出")])
def test_an_exited_stay_reads_its_outcome(world: Any, client_for: Any, language: str, outcome: str) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000), staff=10, professional_staff=5, seed_fund=Decimal(2000000),
    )  # fmt: skip
    Incubation.objects.create(
        park=world.park, incubator=incubator, enterprise=world.other_enterprise, entered_on=dt.date(2020, 3, 1),
        left_on=dt.date(2023, 6, 30), outcome=Incubation.Outcome.EXITED,
    )  # fmt: skip
    client = client_for("innovation_staff")
    client.cookies["django_language"] = language
    page = client.get(reverse("innovation:enterprise_profile", args=[world.other_enterprise.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f"2023-06-30</span> {outcome}</li>" in html
    assert "2023-06-30</span> Log out" not in html

"""The registry's refusals read in English on an English page or API call, and in Chinese otherwise."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.accounts.models import User
from scipark.core.testing import World
from scipark.enterprises import services
from scipark.enterprises.models import EnterpriseStatus

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


@LANGUAGES
def test_an_overlapping_status_period_is_named(client_for: Any, world: World, english: bool) -> None:
    services.enterprise_status_add(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        kind=EnterpriseStatus.Kind.ABOVE_SCALE_INDUSTRY,
        valid_from=dt.date(2023, 1, 1),
        valid_to=dt.date(2023, 12, 31),
    )
    client = client_for("economy_staff")
    if english:
        client.cookies["django_language"] = "en"
    response = client.post(
        reverse("enterprises:status_add", args=[world.enterprise.pk]),
        {"kind": EnterpriseStatus.Kind.ABOVE_SCALE_INDUSTRY, "valid_from": "2023-06-01"},
    )
    assert response.status_code == 400
    expected = (
        "This “Above-scale industry” period overlaps the existing period 2023-01-01 – 2023-12-31."
        if english
        else "“规模以上工业”的期间与已有期间 2023-01-01 – 2023-12-31 重叠。"
    )
    assert expected in response.content.decode()


@LANGUAGES
def test_the_api_refuses_a_user_without_a_role(english: bool) -> None:
    client = Client()
    client.force_login(User.objects.create_user(username="no-role", password="x-Long-enough-1"))
    response = client.get("/api/v1/industries/", headers={"Accept-Language": "en"} if english else {})
    assert response.status_code == 403
    assert response.json()["detail"] == ("You have no active role." if english else "您没有任何有效的角色。")

"""注册资本 in 万元 rounds half up (四舍五入), as every list and page of the platform rounds and a park expects:
``Enterprise.registered_capital_wan`` — the API's ``registered_capital_wan`` and the export's 注册资本(万元) —
rounded half to even, so 12,345,650 元 read 1234.56 there and 1,234.57 on the pages. The API's schema says how
the field is rounded, in both languages."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from scipark.core.testing import World, make_enterprise
from scipark.core.views import schema as schema_view
from scipark.enterprises.models import Enterprise


@pytest.mark.parametrize(
    ("yuan", "wan"),
    [
        (None, None),
        (Decimal("12345650.00"), Decimal("1234.57")),  # 1,234.565 万元: half to even gave 1234.56
        (Decimal("10050.00"), Decimal("1.01")),  # 1.005 万元: half to even gave 1.00
        (Decimal("12345600.00"), Decimal("1234.56")),
        (Decimal("49.99"), Decimal("0.00")),  # 0.004999 万元
        (Decimal("50.00"), Decimal("0.01")),  # 0.005 万元
    ],
)
def test_registered_capital_in_wan_is_rounded_half_up(yuan: Decimal | None, wan: Decimal | None) -> None:
    assert Enterprise(registered_capital=yuan).registered_capital_wan == wan


def test_the_api_and_the_export_give_the_same_half_up_figure(world: World, client_for: Any) -> None:
    enterprise = make_enterprise(
        world.park, 11, "四舍五入生物科技有限公司", registered_capital=Decimal("12345650")
    )
    api = APIClient()
    api.force_authenticate(world.user("economy_staff"))
    row = api.get(f"/api/v1/enterprises/{enterprise.pk}/").json()
    assert row["registered_capital"] == "12345650.00"
    assert row["registered_capital_wan"] == "1234.57"
    response = client_for("economy_staff").get("/enterprises/", {"q": "四舍五入", "export": "xlsx"})
    header, *data = load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True)
    assert [line[header.index("注册资本(万元)")] for line in data] == [1234.57]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"),
    [("zh-hans", "四舍五入"), ("en", "rounded half up")],
)
def test_the_schema_says_how_the_capital_in_wan_is_rounded(
    client_for: Any, monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    monkeypatch.setattr(schema_view, "_SCHEMAS", {})
    schema = client_for("economy_staff").get(f"/api/schema/?format=json&lang={language}").json()
    field = schema["components"]["schemas"]["Enterprise"]["properties"]["registered_capital_wan"]
    assert words in field["description"]

"""The enterprise portal: an enterprise fills in, submits and revises only its own monthly returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyReturn

DEC = "/economy/portal/2023-12/"


def filled(**overrides: Any) -> dict[str, Any]:
    """A December return in 万元, like last month's (see ``november``) except where overridden."""
    data = {
        "save": "submit",
        "industrial_output": "120",
        "revenue": "100",
        "value_added": "30",
        "profit": "10",
        "employees": "50",
        "energy_electricity": "100000",
        "energy_natural_gas": "2000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def november(world: World, record: Any) -> MonthlyReturn:
    """Last month's accepted return of the enterprise user's enterprise (amounts in 元)."""
    return record(
        world.enterprise,
        2023,
        11,
        industrial_output=1_200_000,
        revenue=1_000_000,
        value_added=300_000,
        profit=100_000,
    )


def test_the_portal_lists_only_the_users_own_enterprise(world: World, client_for: Any, november: Any) -> None:
    response = client_for("enterprise_user").get("/economy/portal/")
    assert response.status_code == 200
    text = response.content.decode()
    assert world.enterprise.name in text
    assert world.other_enterprise.name not in text


def test_the_form_shows_last_month_beside_each_field(client_for: Any, november: Any) -> None:
    response = client_for("enterprise_user").get(DEC)
    assert response.status_code == 200
    rows = {row["field"].name: row for row in response.context["amount_rows"]}
    assert rows["revenue"]["previous"] == "100"  # 1,000,000 元 = 100 万元
    assert rows["industrial_output"]["previous"] == "120"
    assert rows["revenue"]["last_year"] == "—"


def test_a_jump_over_fifty_percent_needs_a_reason_shown_beside_the_field(
    world: World, client_for: Any, november: Any
) -> None:
    client = client_for("enterprise_user")
    response = client.post(DEC, filled(revenue="250"))  # +150 % against November
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "reason_revenue" in errors
    assert "营业收入比上月增长150.0%" in errors["reason_revenue"][0]
    assert not MonthlyReturn.objects.filter(enterprise=world.enterprise, period__month=12).exists()

    response = client.post(DEC, filled(revenue="250", reason_revenue="新签大额订单"))
    assert response.status_code == 302
    saved = MonthlyReturn.objects.get(enterprise=world.enterprise, period__month=12)
    assert saved.status == MonthlyReturn.Status.SUBMITTED
    assert saved.revenue == 2_500_000
    assert saved.reasons == {"revenue": "新签大额订单"}
    assert saved.energy_uses.count() == 2


def test_a_negative_value_needs_a_reason(client_for: Any, november: Any) -> None:
    response = client_for("enterprise_user").post(DEC, filled(profit="-5"))
    assert response.status_code == 400
    assert "利润总额为负数" in response.context["form"].errors["reason_profit"][0]


def test_required_amounts_and_bad_numbers_are_refused_by_field(client_for: Any) -> None:
    response = client_for("enterprise_user").post(DEC, {"save": "submit", "revenue": "abc"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"revenue", "industrial_output", "value_added", "employees"} <= set(errors)


def test_a_future_month_cannot_be_filled(client_for: Any) -> None:
    response = client_for("enterprise_user").get("/economy/portal/2099-01/")
    assert response.status_code == 302


def test_the_enterprise_revises_an_accepted_return_and_keeps_the_history(
    world: World, client_for: Any, november: Any
) -> None:
    client = client_for("enterprise_user")
    response = client.post("/economy/portal/2023-11/", filled(revenue="110"))
    assert response.status_code == 302
    revisions = MonthlyReturn.objects.filter(enterprise=world.enterprise, period__month=11).order_by(
        "revision"
    )
    assert [(r.revision, r.status, r.is_current) for r in revisions] == [
        (1, "accepted", True),
        (2, "submitted", False),
    ]
    page = client.get("/economy/portal/2023-11/")
    assert len(page.context["revisions"]) == 2


def test_an_enterprise_cannot_fill_in_or_read_another_enterprises_return(
    world: World, client_for: Any, record: Any
) -> None:
    other = record(world.other_enterprise, 2023, 11, revenue=1_000_000)
    client = client_for("enterprise_user")
    assert client.get(f"{DEC}?enterprise={world.other_enterprise.pk}").status_code == 404
    assert client.post(DEC, {**filled(), "enterprise": world.other_enterprise.pk}).status_code == 404
    assert client.get(f"/economy/returns/{other.pk}/").status_code == 404
    listing = client.get("/economy/returns/")
    assert world.other_enterprise.name not in listing.content.decode()


def test_an_enterprise_user_cannot_accept_its_own_return(
    world: World, client_for: Any, november: Any
) -> None:
    client = client_for("enterprise_user")
    client.post(DEC, filled())
    submitted = MonthlyReturn.objects.get(enterprise=world.enterprise, period__month=12)
    response = client.post(f"/economy/returns/{submitted.pk}/accept/", {"version": submitted.version})
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == MonthlyReturn.Status.SUBMITTED


def test_an_english_enterprise_reads_the_energy_carriers_and_their_errors_in_english(
    world: World, client_for: Any, november: Any
) -> None:
    """The energy rows were labelled by the carriers' Chinese names (data) and the service's refusals were
    plain Chinese strings, so an English form read 电力 … 新水 and “电力消费量不能为负数。”."""
    client = client_for("enterprise_user")
    client.cookies["django_language"] = "en"
    page = client.get(DEC)
    labels = [row["field"].label for row in page.context["energy_rows"]]
    assert labels[:2] == ["Electricity", "Natural gas"] and "Fresh water" in labels
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.return_record(
            user=world.user("economy_staff"),
            enterprise=world.enterprise,
            period=dt.date(2023, 12, 1),
            data={"revenue": 1_000_000},
            energy={"electricity": Decimal("-5")},
        )
    assert refused.value.message_dict["energy"] == ["Electricity use cannot be negative."]
    assert not MonthlyReturn.objects.filter(enterprise=world.enterprise, period__month=12).exists()


def test_the_reason_asked_for_a_jump_reads_in_english(world: World, client_for: Any, november: Any) -> None:
    client = client_for("enterprise_user")
    client.cookies["django_language"] = "en"
    response = client.post(DEC, filled(revenue="250"))
    assert response.status_code == 400
    (message,) = response.context["form"].errors["reason_revenue"]
    assert (
        message == "Operating revenue rose 150.0% against last month, more than ±50%: please give the reason."
    )

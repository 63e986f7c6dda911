"""One park cannot change what all parks share (issue 9 §8, ADR 0006): the indicator catalogue and the
energy carriers' factors are kept by the system administrator; every park's staff read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from scipark.core import access
from scipark.core.testing import World
from scipark.economy import catalogue
from scipark.economy.forms import IndicatorForm
from scipark.economy.models import EnergyCarrier, Indicator

EDIT = "/economy/indicators/above_scale_output/edit/"
ADD = "/economy/indicators/add/"
KEEP = "/economy/indicators/keep/"


def thresholds() -> tuple[Decimal, Decimal]:
    indicator = Indicator.objects.get(code="above_scale_output")
    return indicator.warning_gap, indicator.alarm_gap


def shown_data() -> dict[str, Any]:
    """The edit form's fields as the page fills them for ``above_scale_output``."""
    form = IndicatorForm(instance=Indicator.objects.get(code="above_scale_output"))
    return {k: v for k, v in form.initial.items() if v is not None and k != "code"}


@pytest.mark.parametrize("persona", ["economy_staff", "park_leader", "other_park_staff", "enterprise_user"])
def test_no_parks_people_change_the_shared_catalogue(world: World, client_for: Any, persona: str) -> None:
    before = thresholds()
    client = client_for(persona)
    data = {
        **shown_data(),
        "warning_gap": "2",
        "alarm_gap": "8",
        "is_active": "on",
    }
    assert client.get(EDIT).status_code == 403
    assert client.post(EDIT, data).status_code == 403
    assert client.post(ADD, {**data, "code": "park_own"}).status_code == 403
    assert client.get(KEEP).status_code == 403
    assert thresholds() == before
    assert not Indicator.objects.filter(code="park_own").exists()
    with pytest.raises(access.AccessDenied, match="系统管理员"):
        catalogue.indicator_save(
            user=world.user(persona),
            data={"warning_gap": Decimal(2)},
            indicator=Indicator.objects.get(code="above_scale_output"),
        )
    assert thresholds() == before


def test_the_system_administrator_keeps_the_catalogue(client_for: Any) -> None:
    admin = client_for("system_admin")
    assert admin.get(KEEP).status_code == 200
    data = {**shown_data(), "warning_gap": "2", "alarm_gap": "8", "is_active": "on"}
    response = admin.post(EDIT, data)
    assert response.status_code == 302 and response["Location"] == KEEP
    assert thresholds() == (Decimal("2.00"), Decimal("8.00"))


def test_every_parks_staff_read_the_catalogue_without_edit_links(client_for: Any) -> None:
    for persona in ("economy_staff", "other_park_staff", "park_leader"):
        client = client_for(persona)
        listing = client.get("/economy/indicators/")
        assert listing.status_code == 200
        assert "/edit/" not in listing.content.decode() and ADD not in listing.content.decode()
        assert client.get("/economy/indicators/", {"export": "xlsx"}).status_code == 200
    assert client_for("economy_staff").post("/api/v1/economy-indicators/", {}).status_code == 405


def test_no_parks_staff_reach_the_energy_factors_to_change_them(world: World) -> None:
    # GB/T 2589 factors come with the data migration (a new edition is new rows); no page or API writes
    # them, and a write through the access mechanism (lock_for_change) finds none open to a park's staff.
    for persona in ("economy_staff", "park_leader", "enterprise_user"):
        user = world.user(persona)
        assert not access.restrict(EnergyCarrier.objects.all(), user, access.Action.CHANGE).exists()
        assert not access.restrict(Indicator.objects.all(), user, access.Action.CHANGE).exists()

"""The registry's many-parks entry point (``compute_figures_for_parks``): each park's figures as
``compute_figures`` gives them, a row with a many-parks function computed once for all parks, and the
viewer's suppression applied per park alike (SECURITY.md row 10)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from decimal import Decimal
from typing import Any

import pytest

from scipark.core import figures
from scipark.core.access import Domain
from scipark.core.figures import Confidential, Figure, compute_figures, compute_figures_for_parks
from scipark.core.testing import World

pytestmark = pytest.mark.django_db

#: Each park's amounts by contributor: the park has one contributor (a cell that fails the rule).
AMOUNTS: dict[str, dict[Hashable, Decimal]] = {
    "park": {1: Decimal(500)},
    "other_park": {2: Decimal(100), 3: Decimal(120), 4: Decimal(90)},
}


def _figure(amounts: dict[Hashable, Decimal]) -> Figure:
    return Figure(
        value=sum(amounts.values(), Decimal(0)),
        unit="万元",
        basis="测试:各企业金额之和",
        confidential=Confidential(domain=Domain.INVESTMENT, cells=(amounts,)),
    )


@pytest.fixture
def registry(world: World, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A registry of one row Z1 with a per-park function and a many-parks one; the calls made, in order."""
    by_pk = {world.park.pk: AMOUNTS["park"], world.other_park.pk: AMOUNTS["other_park"]}
    calls: list[str] = []
    monkeypatch.setattr(figures, "_REGISTRY", {})
    monkeypatch.setattr(figures, "_FOR_PARKS", {})
    monkeypatch.setattr(figures, "discover", lambda: None)

    @figures.figure("Z1", title="测试金额", module="investment")
    def one(park: Any, year: int) -> Figure:
        calls.append(f"one {park.pk}")
        return _figure(by_pk[park.pk])

    @figures.figure_for_parks("Z1")
    def many(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
        calls.append(f"many {len(parks)}")
        return {park.pk: _figure(by_pk[park.pk]) for park in parks}

    return calls


@pytest.mark.parametrize("persona", ["zone_viewer", "park_leader"])
def test_many_parks_give_each_park_what_compute_figures_gives(
    world: World, registry: list[str], persona: str
) -> None:
    viewer = world.user(persona)
    parks = [world.park, world.other_park]
    found = compute_figures_for_parks(parks, 2023, ["Z1"], viewer=viewer)
    assert registry == ["many 2"]  # one call for both parks, none of the per-park function
    assert found == {park.pk: compute_figures(park, 2023, ["Z1"], viewer=viewer) for park in parks}
    # The park's one contributor: hidden from the zone viewer, shown to the park's leader.
    assert found[world.park.pk]["Z1"]["suppressed"] == (persona == "zone_viewer")
    assert found[world.park.pk]["Z1"]["value"] == (None if persona == "zone_viewer" else 500.0)
    assert found[world.other_park.pk]["Z1"]["value"] == 310.0


def test_a_row_without_a_many_parks_function_runs_per_park(world: World, registry: list[str]) -> None:
    figures._FOR_PARKS.clear()
    found = compute_figures_for_parks([world.park, world.other_park], 2023, ["Z1"])
    assert registry == [f"one {world.park.pk}", f"one {world.other_park.pk}"]
    assert found[world.other_park.pk]["Z1"]["value"] == 310.0


def test_an_unknown_row_is_refused_once_for_all_parks(world: World, registry: list[str]) -> None:
    with pytest.raises(figures.UnknownFigures, match="Z2"):
        compute_figures_for_parks([world.park, world.other_park], 2023, ["Z2"])
    assert registry == []

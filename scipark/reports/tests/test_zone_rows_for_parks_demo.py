"""The zone rows' many-parks forms on the demo's records (the 2023 article's numbers: 537 incubatees, 281
patents, more than the 50 ids a source lists): each demo park's figure is the one its own function gives."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core import figures
from scipark.demo.builder import DemoBuilder, load_steps
from scipark.reports.cockpit import ZONE_ROWS

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.events.demo.EventsStep",
    "scipark.investment.demo.InvestmentStep",
    "scipark.innovation.demo.InnovationStep",
    "scipark.environment.demo.EnvironmentStep",
    "scipark.appeals.demo.AppealsStep",
]


@pytest.fixture
def demo_parks(without_world: None) -> list[Any]:
    return list(DemoBuilder(load_steps(STEPS)).build().parks.values())


def test_the_demo_parks_get_their_own_figures_from_the_many_parks_forms(demo_parks: list[Any]) -> None:
    figures.discover()
    for year in (2022, 2023):
        for row in ZONE_ROWS:
            found = figures._FOR_PARKS[row](demo_parks, year)
            for park in demo_parks:
                assert found[park.pk] == figures._REGISTRY[row].function(park, year), (row, year, park.code)
    bio = next(p for p in demo_parks if p.code == "bio")
    t1 = figures._FOR_PARKS["T1"](demo_parks, 2023)[bio.pk]
    assert t1.value == 537 and len(t1.sources[0].ids) == 50 and t1.sources[0].count >= 537
    assert figures._FOR_PARKS["T5"](demo_parks, 2023)[bio.pk].value == 281

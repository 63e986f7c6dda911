"""G1–G7 from the demo's records exactly as the 2023 article prints them, and moving when records change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from scipark.core.figures import compute_figures
from scipark.demo.builder import DemoBuilder, load_steps
from scipark.environment import figures
from scipark.environment.models import Boiler, Certification, Finding, NetworkPoint, PipeSegment, WasteRecord

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.environment.demo.EnvironmentStep",
]


@pytest.fixture
def bio(without_world: None) -> Any:
    return DemoBuilder(load_steps(STEPS)).build().parks["bio"]


def test_the_demo_gives_the_articles_figures(bio: Any) -> None:
    rows = compute_figures(bio, 2023, only=["G1", "G2", "G3", "G4", "G5", "G6", "G7"])
    g1 = rows["G1"]
    assert (g1["details"]["problems"], g1["details"]["petitions"]) == (
        {"total": 5, "rectified": 5},
        {"total": 22, "rectified": 22},
    )
    assert g1["details"]["all_rectified"] and g1["value"] == 27
    assert rows["G2"]["value"] == 6
    g3 = rows["G3"]
    assert (g3["value"], g3["details"]["enterprises"], g3["details"]["capacity_tph"]) == (30.99, 4, 49.5)
    g4 = rows["G4"]
    assert (g4["value"], g4["details"]["rounds"], g4["details"]["coverage"]) == (34, 2, 1.0)
    g5 = rows["G5"]
    assert (g5["value"], g5["details"]["misconnections_fixed"]) == (1.73, 5)
    g6 = rows["G6"]
    assert g6["value"] == 100.0
    assert (g6["details"]["key_inspected"], g6["details"]["non_key_inspected"]) == (4, 46)
    g7 = rows["G7"]["details"]
    assert (g7["water_saving"], g7["green_factory_provincial"], g7["zero_carbon"]) == (5, 2, 1)
    assert any("全省首个零碳工厂" in d for d in g7["distinctions"])


def test_figures_move_with_the_records(bio: Any) -> None:
    first = Finding.objects.filter(park=bio, round_no=2, kind="problem").order_by("pk")[:1]
    Finding.objects.filter(pk__in=first).update(rectified_on=None, state="rectifying", closed_on=None)
    g1 = figures.central_findings_rectified(bio, 2023)
    assert g1.value == 26 and g1.details["outstanding"] == 1 and not g1.details["all_rectified"]

    # The 4.5 t/h boiler finished in 2024: 45 t/h and the other three boilers' 28.90 t remain.
    Boiler.objects.filter(park=bio, capacity_tph=Decimal("4.5")).update(
        retrofit_completed_on=dt.date(2024, 1, 5)
    )
    g3 = figures.boiler_retrofits(bio, 2023)
    assert (g3.details["capacity_tph"], g3.value) == (Decimal(45), Decimal("28.90"))

    PipeSegment.objects.filter(park=bio, code="YS-Z07").update(completed_on=dt.date(2022, 10, 30))
    NetworkPoint.objects.filter(park=bio, code="HJ-01").update(fixed_on=None)
    g5 = figures.pipe_works(bio, 2023)
    assert (g5.value, g5.details["misconnections_fixed"]) == (Decimal("0.89"), 4)

    # The first key producer's 120 t left untreated: (Σ generated − 120) / Σ generated = 93.8%.
    first_record = WasteRecord.objects.filter(park=bio, year=2023).order_by("pk")[:1]
    WasteRecord.objects.filter(pk__in=first_record).update(treated_t=Decimal(0))
    assert figures.hazardous_waste(bio, 2023).value == Decimal("93.8")

    Certification.objects.filter(park=bio, kind="zero_carbon").delete()
    assert figures.certifications(bio, 2023).details["zero_carbon"] == 0


def test_no_records_no_value(without_world: None) -> None:
    ctx = DemoBuilder(load_steps(STEPS[:2])).build()
    for row in compute_figures(
        ctx.parks["bio"], 2023, only=["G1", "G2", "G3", "G4", "G5", "G6", "G7"]
    ).values():
        assert row["value"] is None and row["note"]

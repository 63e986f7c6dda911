"""T1–T7 from the demo's records exactly as the 2023 article prints them, and moving when records change."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.figures import compute_figures
from scipark.demo.builder import DemoBuilder, load_steps
from scipark.innovation import figures
from scipark.innovation.models import (
    Agreement,
    Incubation,
    IntellectualProperty,
    TechArchive,
    TierCertificate,
)

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.innovation.demo.InnovationStep",
]


@pytest.fixture
def bio(without_world: None) -> Any:
    return DemoBuilder(load_steps(STEPS)).build().parks["bio"]


def test_the_demo_gives_the_articles_figures(bio: Any) -> None:
    rows = compute_figures(bio, 2023, only=["T1", "T2", "T3", "T4", "T5", "T6", "T7"])
    assert rows["T1"]["value"] == 537
    by_tier = rows["T2"]["details"]["by_tier"]
    assert (by_tier["high_tech"], by_tier["tech_sme"], by_tier["specialised"]) == (11, 19, 5)
    assert rows["T3"]["value"] == 7
    names = {p["name"]: p["level"] for p in rows["T4"]["details"]["platforms"]}
    assert names == {
        "青海食品保健专业化科技企业孵化器": "省级",
        "青海藏软信息研发中心": "市级",
        "青海华实青稞食品研发中心": "市级",
    }
    assert rows["T5"]["value"] == 281
    assert rows["T5"]["details"]["by_kind"] == {"invention": 42, "utility_model": 198, "design": 41}
    assert rows["T6"]["value"] == 169
    assert rows["T7"]["value"] == 10
    assert rows["T7"]["details"]["records"]["专利库"] == 281 + 236 + 60
    assert rows["T7"]["details"]["records"]["合作机构库"] == 10


def test_figures_move_with_the_records(bio: Any) -> None:
    """Each figure is counted from records: change one record, the figure follows."""
    stay = Incubation.objects.filter(park=bio, left_on__isnull=True).order_by("pk")[0]
    Incubation.objects.filter(pk=stay.pk).update(left_on=dt.date(2023, 12, 30), outcome="graduated")
    assert figures.incubating(bio, 2023).value == 536
    Incubation.objects.filter(pk=stay.pk).update(left_on=dt.date(2023, 12, 31))
    assert figures.incubating(bio, 2023).value == 537  # leaving on the year end still counts that day

    first = TierCertificate.objects.filter(park=bio, tier="high_tech", granted_on__year=2023).order_by("pk")
    renewed = first.filter(
        enterprise__in=TierCertificate.objects.filter(granted_on__year=2020).values("enterprise")
    )
    assert renewed.exists()  # renewals granted in 2023 are not new
    new = first.exclude(pk__in=renewed.values("pk"))[0]
    TierCertificate.objects.filter(pk=new.pk).update(granted_on=dt.date(2022, 11, 20))
    assert figures.new_certifications(bio, 2023).details["by_tier"]["high_tech"] == 10

    Agreement.objects.filter(park=bio, signed_on__year=2023, institution__name="青海大学").update(
        signed_on=dt.date(2024, 1, 5)
    )
    assert figures.university_agreements(bio, 2023).value == 6

    patent = IntellectualProperty.objects.filter(park=bio, kind="design", granted_on__year=2023)[0]
    IntellectualProperty.objects.filter(pk=patent.pk).update(granted_on=dt.date(2024, 1, 2))
    assert figures.patents_granted(bio, 2023).details["by_kind"]["design"] == 40

    archived = (
        TechArchive.objects.filter(park=bio, year=2023)
        .exclude(enterprise__in=TechArchive.objects.filter(year=2022).values("enterprise"))
        .order_by("pk")[0]
    )
    TechArchive.objects.filter(pk=archived.pk).delete()
    assert figures.archives(bio, 2023).value == 168


def test_figures_without_records_say_so(without_world: None) -> None:
    builder = DemoBuilder(load_steps(STEPS[:2]))
    park = builder.build().parks["bio"]
    for function in (
        figures.incubating,
        figures.new_certifications,
        figures.patents_granted,
        figures.archives,
    ):
        result = function(park, 2023)
        assert result.value is None and result.note

"""A campaign's results and the energy benchmarking on a phone: the 390 px crawl found both scrolling sideways
in their box. Each target enterprise of a campaign, and each enterprise benchmarked, is a record: below md a
card (table.sp-stack-sm) with labels in the UI language, a round's outcome, date and links one element."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from scipark.core.testing import World, ensure_industry
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.environment.models import EnergyBenchmark
from scipark.environment.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "labels"),
    [("zh-hans", ["企业", "类别", "纳入 – 移出"]), ("en", ["Enterprise", "Category"])],
)
def test_a_campaigns_results_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    campaign = route_samples(world)["environment.campaign"]["own"]
    client = signed_in(world.user("environment_staff"), language)
    page = client.get(reverse("environment:campaign_detail", args=[campaign.pk])).content.decode()
    found = card_labels(page, "campaign-results")
    assert found[: len(labels)] == labels, found
    assert all(label.strip() for label in found[3:]), found  # each round's line: 第1轮, Round 1


def test_the_energy_benchmarking_is_cards(world: World) -> None:
    page = signed_in(world.user("environment_staff"), "zh-hans").get(reverse("environment:energy")).content
    table = re.search(rb'<table[^>]*data-testid="energy-table"[^>]*>', page)
    assert table is not None and b"sp-stack-sm" in table.group(0)


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["行业", "基准值(吨标准煤/万元)", "启用日期", "依据"]),
        ("en", ["Industry", "Benchmark (tce per 10,000 yuan)", "Valid from", "Source"]),
    ],
)
def test_the_energy_benchmarks_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    """行业能耗基准值 scrolled sideways in its box at 390 px in English (538 px): each benchmark is a card."""
    EnergyBenchmark.objects.create(
        park=world.park, industry=ensure_industry(), intensity=Decimal("0.35"), valid_from=dt.date(2023, 1, 1),
        source="青海省重点行业能效标杆水平(2023年版)",
    )  # fmt: skip
    page = signed_in(world.user("environment_staff"), language).get(reverse("environment:energy"))
    assert card_labels(page.content.decode(), "benchmark-table") == labels

"""After the demo, ``scipark figures --park bio --year 2023 --json`` gives E1–E6 with the article's values."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from scipark.demo.builder import DEMO_STEPS, DemoBuilder, load_steps
from scipark.economy import aggregates
from scipark.economy.models import MonthlyReturn

from .conftest import snapshot


@pytest.fixture
def demo(db: Any) -> None:
    DemoBuilder(load_steps([*DEMO_STEPS, "scipark.economy.demo.EconomyStep"])).rebuild()


def test_the_demo_park_yields_the_articles_economy_figures(demo: None) -> None:
    out = io.StringIO()
    call_command(
        "figures", "--park", "bio", "--year", "2023", "--json", "--only", "E1,E2,E3,E4,E5,E6", stdout=out
    )
    figures = json.loads(out.getvalue())["figures"]
    assert round(figures["E1"]["value"]) == 10
    # Enterprises entered and left the set: the plain-total growth differs visibly from the comparable one.
    assert abs(figures["E1"]["details"]["growth_plain_percent"] - figures["E1"]["value"]) > 1
    assert round(figures["E2"]["value"], 1) == 18.2
    assert round(figures["E2"]["details"]["growth_percent"], 1) == 14.9
    assert round(figures["E3"]["value"], 1) == 148.7
    assert round(figures["E3"]["details"]["growth_comparable_percent"], 1) == 17.5
    assert figures["E4"]["value"] == 2
    names = {e["name"]: e["reason"] for e in figures["E4"]["details"]["enterprises"]}
    assert names["青海宏远胶原蛋白肠衣有限公司"] == "当年投产入规"
    assert figures["E5"]["value"] == 7
    trade = {e["name"] for e in figures["E5"]["details"]["enterprises"]}
    assert {"青海一家亲农产品有限公司", "青海嘉珂商贸有限公司"} <= trade
    assert round(figures["E6"]["value"], 1) == -9.9
    for row in ("E1", "E3", "E6"):
        assert figures[row]["sources"][0]["model"] == "economy.MonthlyReturn"
        assert figures[row]["sources"][0]["count"] > 0


def test_the_demo_has_late_returns_revisions_and_combined_january_february(demo: None) -> None:
    december = MonthlyReturn.objects.filter(park__code="bio", period__year=2023, period__month=12)
    assert december.filter(status="submitted", is_current=False).count() == 2
    assert MonthlyReturn.objects.filter(status="superseded", is_current=False).count() == 2
    assert MonthlyReturn.objects.filter(months=2, is_current=True).exists()
    # The demo's aggregates are exactly a recomputation from its returns.
    maintained = snapshot()
    aggregates.rebuild()
    assert snapshot() == maintained

"""Incubator criteria (DOMAIN.md §4), stays as date ranges, and the search tokens, by hand-worked numbers."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

from scipark.innovation import incubation
from scipark.innovation.searchtext import highlight, query_tokens, tokens, weighted

D = Decimal
FACTS = incubation.IncubatorFacts(
    opened_on=dt.date(2015, 11, 3), area_m2=D(2000), incubatee_area_m2=D(1334), staff=10, professional_staff=6,
    seed_fund=D(3_000_000), incubatees=60, graduates=10, incubatees_with_ip=12, incubatees_certified=0,
)  # fmt: skip


def _failed(facts: incubation.IncubatorFacts) -> dict[str, str]:
    return {c.label: c.detail for c in incubation.check(facts, dt.date(2023, 12, 31)) if not c.met}


def test_an_incubator_meeting_every_criterion() -> None:
    assert _failed(FACTS) == {}


def test_incubator_gaps_are_exact() -> None:
    failed = _failed(
        replace(
            FACTS,
            area_m2=D(1800),
            incubatee_area_m2=D(1199),
            professional_staff=4,
            seed_fund=D(2_500_000),
            graduates=9,
            incubatees_with_ip=11,
        )
    )
    assert failed == {
        "孵化场地面积": "1800m² < 2000m²:还需 +200m²",
        "在孵企业使用面积占比": "66.6% < 2/3:还需 +1.00m²",
        "累计毕业企业数": "9家:还需 +1家",
        "专业孵化服务人员": "4人,占40.0%:还需 +2人(占比≥50%且每10家在孵企业≥1人)",
        "种子资金": "250万元:还需 +50万元",
        "在孵企业创新能力": "拥有知识产权的占18.3%,认定科技型企业的占0.0%:再有 1 家取得知识产权可达20%",
    }


def test_graduates_count_only_after_three_years_and_certified_firms_are_an_alternative() -> None:
    young = replace(
        FACTS, opened_on=dt.date(2021, 6, 1), graduates=0, incubatees_with_ip=0, incubatees_certified=6
    )
    assert _failed(young) == {}
    assert "累计毕业企业数" in _failed(replace(young, opened_on=dt.date(2020, 12, 31)))


def test_a_stay_covers_both_ends() -> None:
    end = dt.date(2023, 12, 31)
    assert incubation.covers(dt.date(2023, 12, 31), None, end)
    assert incubation.covers(dt.date(2020, 1, 1), dt.date(2023, 12, 31), end)
    assert not incubation.covers(dt.date(2020, 1, 1), dt.date(2023, 12, 30), end)
    assert not incubation.covers(dt.date(2024, 1, 1), None, end)


def test_bigrams_make_two_character_words_findable() -> None:
    assert tokens("青稞食品") == ["青稞", "稞食", "食品"]
    assert tokens("藏药 GMP认证") == ["藏药", "gmp", "认证"]
    assert tokens("牦") == ["牦"]
    assert query_tokens("青稞青稞") == ["青稞", "稞青"]
    assert weighted([("青稞", 3), ("青稞酒", 1)]) == {"青稞": 4, "稞酒": 1}


def test_highlight_escapes_then_marks() -> None:
    assert highlight("<b>青稞</b>酒", "青稞") == "&lt;b&gt;<mark>青稞</mark>&lt;/b&gt;酒"
    assert highlight("GMP认证", "gmp") == "<mark>GMP</mark>认证"

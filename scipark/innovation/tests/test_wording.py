"""The tier rules' texts follow the UI language (the walk found the English tier page, the enterprise's
position block and the dashboard reading “科技人员占比 5.0% < 10%:还需 +6人” and “2022年版评价办法” among English
words): gaps, notes, routes and the seeded rule versions' names and sources are translated when a page is
drawn, while the stored values and the API stay as they are."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from scipark.innovation.cultivation import Profile, YearFigures, evaluate
from scipark.innovation.cultivation.defaults import DEFAULT_RULES
from scipark.innovation.models import Evaluation, TechArchive
from scipark.innovation.services import evaluate_park
from scipark.innovation.testing import FILLED
from scipark.innovation.wording import SENTENCES, _match, tier_text

HAN = re.compile(r"[\u3400-\u9fff]")
LEVELS = (None, "national", "provincial", "municipal")


def profiles(count: int = 1500) -> Iterator[Profile]:
    """The empty profile and ``count`` varied ones: every condition met and missed, data present and not."""
    yield Profile(year=2023)
    rnd = random.Random(20261204)

    def money(high: int) -> Decimal | None:
        return None if rnd.random() < 0.1 else Decimal(rnd.randint(0, high))

    for _ in range(count):
        employees = None if rnd.random() < 0.1 else rnd.randint(1, 800)
        history = tuple(
            YearFigures(year, money(300_000_000), money(300_000_000), money(20_000_000), money(100_000_000))
            for year in (2021, 2022)
        )
        yield Profile(
            year=2023, registered_on=dt.date(rnd.choice([2010, 2023]), rnd.randint(1, 12), 1),
            employees=employees, tech_staff=None if employees is None else rnd.randint(0, employees),
            sales=money(300_000_000), main_revenue=money(300_000_000), total_assets=money(300_000_000),
            total_liabilities=money(300_000_000), total_cost=money(300_000_000), net_assets=money(100_000_000),
            rd_expense=money(30_000_000), rd_expense_domestic=money(30_000_000),
            high_tech_income=money(300_000_000), new_equity=money(30_000_000), niche_years=rnd.randint(0, 5),
            key_field=rnd.random() < 0.5, strategic_emerging=rnd.random() < 0.5, major_incident=rnd.random() < 0.1,
            rd_management_score=None if rnd.random() < 0.5 else rnd.randint(0, 20), class_i=rnd.randint(0, 3),
            class_ii=rnd.randint(0, 6), class_i_high_value=rnd.randint(0, 1), class_i_own=rnd.randint(0, 2),
            class_i_in_use=rnd.randint(0, 3), conversions_3y=rnd.randint(0, 20), award_level=rnd.choice(LEVELS),
            institution_level=rnd.choice(LEVELS), led_standard=rnd.random() < 0.2,
            held=frozenset(rnd.sample(["tech_sme", "high_tech", "specialised", "innovative_sme"], rnd.randint(0, 3))),
            history=history,
        )  # fmt: skip


def written_texts() -> set[str]:
    """Every gap, note and route the evaluators write for :func:`profiles` under the default rules."""
    texts: set[str] = set()
    for profile in profiles():
        for rule in DEFAULT_RULES:
            result = evaluate(rule.tier, profile, rule.params)
            texts.update(g.message for g in result.gaps)
            texts.update(result.notes)
            if result.route:
                texts.add(result.route)
    return texts


def test_every_text_the_rules_write_has_a_sentence_and_reads_in_english_without_chinese() -> None:
    texts = written_texts()
    assert len(texts) > 1000
    unknown = sorted(t for t in texts if _match(t, SENTENCES) is None)
    assert not unknown, unknown[:10]
    assert {_match(t, SENTENCES)[0] for t in texts} == set(SENTENCES)  # type: ignore[index]  # none unused
    with translation.override("en"):
        chinese = sorted((t, tier_text(t)) for t in texts if HAN.search(tier_text(t)))
    assert not chinese, chinese[:10]
    with translation.override("zh-hans"):
        assert all(tier_text(t) == t for t in texts)


def test_numbers_read_as_the_park_counts_them_in_english() -> None:
    with translation.override("en"):
        assert tier_text("科技人员占比 5.0% < 10%:还需 +6人") == (
            "Tech staff share 5.0% < 10%: 6 more tech staff needed"
        )
        assert tier_text("近3年研发费用占比 3.2% < 4%(5000万–2亿档):还需 +47万元") == (
            "R&D share over the last 3 year(s) 3.2% < 4% (band CNY 50,000,000–CNY 200,000,000): "
            "+CNY 470,000 needed"
        )
        assert tier_text("Ⅰ类知识产权 1件 < 3件:还需 +2件") == "Class I IP 1 < 3: +2 needed"
        assert tier_text("须先认定为高新技术企业") == "Must first be recognised as High-tech enterprise"
        # a sentence nobody wrote a pattern for (a park's hand-made rule) reads as stored
        assert tier_text("园区另行规定的条件") == "园区另行规定的条件"


def client_for(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
def test_the_tier_pages_show_rules_and_gaps_in_english_and_keep_the_stored_chinese(
    world: Any, inn: Any
) -> None:
    inn.rules()
    for enterprise in (world.enterprise, world.other_enterprise):
        TechArchive.objects.create(
            park_id=enterprise.park_id, enterprise=enterprise, year=2023, state="accepted", **FILLED
        )
    evaluate_park(park=world.park, year=2023)
    stored = list(
        Evaluation.objects.filter(enterprise=world.enterprise, is_current=True).values_list("gaps", flat=True)
    )
    assert any(HAN.search(g["message"]) for gaps in stored for g in gaps)  # stored as written
    english = client_for(inn.staff, "en")

    profile = english.get(
        reverse("innovation:enterprise_profile", args=[world.enterprise.pk])
    ).content.decode()
    position = profile.split('data-testid="gaps"', 1)[1].split('data-testid="archives"', 1)[0]
    gaps = [re.sub(r"<[^>]+>", "", g).strip() for g in re.findall(r"<li>(.*?)</li>", position)]
    assert len(gaps) >= 6
    lines = re.findall(r'class="small text-body-secondary">(.*?)</div>', position)
    routes = re.findall(r'data-testid="route">(.*?)</div>', position)
    assert not [t for t in gaps + lines + routes if HAN.search(t)], gaps + lines + routes

    rules = english.get(reverse("innovation:rule_list")).content.decode()
    table = rules.split('data-testid="rule-table"', 1)[1].split("</table>", 1)[0]
    assert "2022 evaluation method" in table and not HAN.search(re.sub(r"<[^>]+>", " ", table))

    dashboard = english.get(reverse("innovation:dashboard")).content.decode()
    routes = re.findall(r'data-testid="route">(.*?)</div>', dashboard)
    assert not [r for r in routes if HAN.search(r)]

    # the Chinese pages and the API keep the words as stored
    chinese = client_for(inn.staff, "zh-hans")
    profile = chinese.get(
        reverse("innovation:enterprise_profile", args=[world.enterprise.pk])
    ).content.decode()
    assert (
        "还需" in profile
        and "2022年版评价办法" in chinese.get(reverse("innovation:rule_list")).content.decode()
    )
    api = english.get("/api/v1/innovation/evaluations/", {"enterprise": world.enterprise.pk}).json()
    assert any(HAN.search(g["message"]) for row in api["results"] for g in row["gaps"])

"""An incubator's criteria follow the UI language (the English walk found the incubator pages reading
“运营时间:已运营11年,要求≥1年” and “种子资金:200万元:还需 +100万元” among English words): the names and
details ``incubation.check`` writes in Chinese are read through ``wording.incubator_text``, as the tier rules'
gaps are; the Chinese page reads as before."""

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

from scipark.innovation import incubation
from scipark.innovation.models import Incubator
from scipark.innovation.wording import CRITERIA_SENTENCES, CRITERIA_TERMS, _match, incubator_text

HAN = re.compile(r"[\u3400-\u9fff]")
#: Full-width punctuation an English line should not show (the Chinese colon and enumeration comma).
WIDE = re.compile(r"[\uff1a\u3001\uff0c\uff08\uff09]")
ON = dt.date(2023, 12, 31)


def facts(count: int = 2000) -> Iterator[incubation.IncubatorFacts]:
    """Incubators of every age and size: each criterion met and missed, empty ones included."""
    rnd = random.Random(20261204)
    for _ in range(count):
        area = Decimal(rnd.choice([0, rnd.randint(100, 9000)]))
        staff = rnd.randint(0, 40)
        incubatees = rnd.randint(0, 300)
        yield incubation.IncubatorFacts(
            opened_on=dt.date(rnd.randint(2010, 2024), rnd.randint(1, 12), 1), area_m2=area,
            incubatee_area_m2=(area * Decimal(rnd.randint(0, 100)) / 100).quantize(Decimal("0.01")),
            staff=staff, professional_staff=rnd.randint(0, staff), seed_fund=Decimal(rnd.randint(0, 12) * 500_000),
            incubatees=incubatees, graduates=rnd.randint(0, 30), incubatees_with_ip=rnd.randint(0, incubatees),
            incubatees_certified=rnd.randint(0, incubatees),
        )  # fmt: skip


def written() -> tuple[set[str], set[str]]:
    """The names and details ``incubation.check`` writes for :func:`facts` under both incubator types."""
    labels: set[str] = set()
    details: set[str] = set()
    for one in facts():
        for criteria in (incubation.SPECIALISED, incubation.COMPREHENSIVE):
            for check in incubation.check(one, ON, criteria):
                labels.add(check.label)
                details.add(check.detail)
    return labels, details


def test_every_criterion_reads_in_english_without_chinese_and_as_written_in_chinese() -> None:
    labels, details = written()
    assert labels == set(CRITERIA_TERMS)
    # a detail is one of the sentences, or a figure alone (215家, 500万元, 66.7%)
    sentences = {_match(d, CRITERIA_SENTENCES)[0] for d in details if _match(d, CRITERIA_SENTENCES)}  # type: ignore[index]
    assert sentences == set(CRITERIA_SENTENCES)  # none unused
    with translation.override("en"):
        chinese = sorted((t, incubator_text(t)) for t in labels | details if HAN.search(incubator_text(t)))
        wide = sorted(incubator_text(t) for t in labels | details if WIDE.search(incubator_text(t)))
    assert not chinese, chinese[:10]
    assert not wide, wide[:10]
    with translation.override("zh-hans"):
        assert all(incubator_text(t) == t for t in labels | details)


def test_an_incubators_gaps_read_as_the_park_counts_them_in_english() -> None:
    with translation.override("en"):
        assert incubator_text("种子资金") == "Seed fund"
        assert incubator_text("200万元:还需 +100万元") == "CNY 2,000,000: +CNY 1,000,000 needed"
        assert incubator_text("7家:还需 +3家") == "7 enterprises: +3 enterprises needed"
        assert incubator_text("60.0% < 2/3:还需 +166.67m²") == "60.0% < 2/3: +166.67 m² needed"
        assert (
            incubator_text("1800.00m² < 2000m²:还需 +200.00m²") == "1800.00 m² < 2000 m²: +200.00 m² needed"
        )
        assert incubator_text("3人,占37.5%:还需 +8人(占比≥50%且每10家在孵企业≥1人)") == (
            "3 people, 37.5% of the staff: 8 more needed (at least 50% of the staff and 1 per 10 incubatees)"
        )
        assert incubator_text("园区另行规定的条件") == "园区另行规定的条件"  # nobody wrote it: as written


def client_for(user: Any, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
def test_the_incubator_page_shows_its_criteria_in_english_and_in_chinese(world: Any, inn: Any) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", operator=world.enterprise, opened_on=dt.date(2015, 1, 1),
        area_m2=Decimal(1800), incubatee_area_m2=Decimal(1000), staff=6, professional_staff=2,
        seed_fund=Decimal(2_000_000),
    )  # fmt: skip
    url = reverse("innovation:incubator_detail", args=[incubator.pk])

    def criteria(language: str) -> list[str]:
        page = client_for(inn.staff, language).get(url).content.decode()
        block = page.split('data-testid="criteria"', 1)[1].split("</ul>", 1)[0]
        return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li[^>]*>(.*?)</li>", block)]

    english = criteria("en")
    assert len(english) == 8
    assert not [line for line in english if HAN.search(line) or WIDE.search(line)], english
    assert "Seed fund: CNY 2,000,000: +CNY 1,000,000 needed" in english
    head = (
        client_for(inn.staff, "en").get(url).content.decode().split('class="small text-body-secondary"', 1)[1]
    )
    assert head.split("</div>", 1)[0].lstrip(">").startswith("Operator: ")
    chinese = criteria("zh-hans")
    assert "种子资金:200万元:还需 +100万元" in chinese
    assert any(line.startswith("运营时间:已运营") and line.endswith("年,要求≥1年") for line in chinese)

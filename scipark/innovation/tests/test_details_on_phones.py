"""The libraries' lists and an incubator's graduates on a phone: the crawl of the demo park at 390 px found
every library (专家库, 人才库, …) and the 毕业企业跟踪 table scrolling sideways inside their box; below md
each record is a card (table.sp-stack-sm) whose cells carry their column's header, in the UI language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from scipark.core.tests.stacked import card_labels, signed_in
from scipark.innovation.models import Evaluation, Expert, Incubation, Incubator, RuleVersion, TierCertificate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["专业领域", "姓名", "职称", "工作单位", "专业领域"]),
        ("en", ["Field", "Name", "Professional title", "Organisation", "Field"]),
    ],
)
def test_a_librarys_records_are_labelled_cards(
    world: Any, inn: Any, language: str, labels: list[str]
) -> None:
    Expert.objects.create(park=world.park, name="张建国", organisation="青海大学", field="青稞育种")
    page = signed_in(inn.staff, language).get(reverse("innovation:library_list", args=["experts"]))
    assert card_labels(page.content.decode(), "library-table") == labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["企业", "毕业日期", "年度营收(万元) / 从业人员", "仍在园区"]),
        (
            "en",
            [
                "Enterprise",
                "Graduated on",
                "Revenue for the year (10,000 yuan) / employees",
                "Still in the park",
            ],
        ),
    ],
)
def test_an_incubators_graduates_are_labelled_cards(world: Any, language: str, labels: list[str]) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000),
    )  # fmt: skip
    Incubation.objects.create(
        park=world.park, incubator=incubator, enterprise=world.other_enterprise, entered_on=dt.date(2020, 3, 1),
        left_on=dt.date(2023, 6, 30), outcome=Incubation.Outcome.GRADUATED,
    )  # fmt: skip
    page = signed_in(world.user("park_leader"), language).get(
        reverse("innovation:incubator_detail", args=[incubator.pk])
    )
    assert card_labels(page.content.decode(), "graduates") == labels


@pytest.mark.parametrize(
    ("language", "ladder", "candidates", "expiring"),
    [
        ("zh-hans", ["梯次", "已认定", "符合条件", "待专家评分"], ["企业", "梯次", "评估"], ["企业", "梯次", "证书编号", "有效期至"]),
        ("en", ["Tier", "Holding", "Qualifies", "Awaiting expert scoring"], ["Enterprise", "Tier", "Evaluation"],
         ["Enterprise", "Tier", "Certificate number", "Valid until"]),
    ],
)  # fmt: skip
def test_the_dashboards_ladder_candidates_and_expiring_are_labelled_cards(
    world: Any, inn: Any, language: str, ladder: list[str], candidates: list[str], expiring: list[str]
) -> None:
    """科技创新总览: the ladder (479 px) and the expiring certificates (447 px) scrolled sideways in their box at
    390 px in English; each tier, candidate and certificate is a card."""
    inn.rules()
    rule = RuleVersion.objects.get(park=world.park, tier="tech_sme")
    Evaluation.objects.create(
        park=world.park, enterprise=world.enterprise, year=2023, tier="tech_sme", rule=rule,
        qualifies=True, score_min=Decimal("70"), score_max=Decimal("70"),
    )  # fmt: skip
    today = timezone.localdate()
    TierCertificate.objects.create(
        park=world.park, enterprise=world.other_enterprise, tier="high_tech", number="GR202363000001",
        granted_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    page = signed_in(inn.staff, language).get(reverse("innovation:dashboard")).content.decode()
    found = card_labels(page, "ladder")
    assert found[:4] == ladder and len(found) % 4 == 0, found
    assert card_labels(page, "candidates") == candidates
    assert card_labels(page, "expiring") == expiring

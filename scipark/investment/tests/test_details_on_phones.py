"""A project's contracts and funds in place on a phone: the 390 px crawl found both scrolling sideways in their
box; each contract and each arrival is a record, below md a card (table.sp-stack-sm) labelled in the UI
language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.investment.models import Contract, FundsInPlace, Origin
from scipark.investment.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "contract", "funds"),
    [
        ("zh-hans", ["版本", "日期", "金额(万元)", "签约主体", "签约活动", "说明"], ["日期", "金额(万元)", "来源", "形式", "说明"]),
        ("en", ["Version", "Date"], ["Date"]),
    ],
)  # fmt: skip
def test_a_projects_contracts_and_funds_are_labelled_cards(
    world: World, language: str, contract: list[str], funds: list[str]
) -> None:
    project = route_samples(world)["investment.project"]["own"]
    Contract.objects.create(
        park_id=project.park_id, project=project, signed_on=dt.date(2023, 5, 1), amount=Decimal(1000000),
        signing_party="青海某某药业有限公司",
    )  # fmt: skip
    FundsInPlace.objects.create(
        park_id=project.park_id, project=project, arrived_on=dt.date(2023, 6, 1), amount=Decimal(500000),
        source_class=Origin.OTHER_PROVINCE,
    )  # fmt: skip
    client = signed_in(world.user("investment_officer"), language)
    page = client.get(reverse("investment:project_detail", args=[project.pk])).content.decode()
    assert card_labels(page, "contract-table")[: len(contract)] == contract
    assert card_labels(page, "fund-arrivals")[: len(funds)] == funds

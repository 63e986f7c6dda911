"""The environment lists on a phone: below md each finding, boiler, campaign and certification is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` (the 修改 link's unnamed
column as 操作) — at 390 px the certifications' nine columns were a table scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on
from scipark.environment.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [
        ("environment:finding_list", "finding-table"),
        ("environment:boiler_list", "boiler-table"),
        ("environment:campaign_list", "campaign-table"),
        ("environment:certification_list", "certification-table"),
        # drawn by its own template (a summary by category and each unit's ledger), not django-tables2
        ("environment:waste_list", "waste-table"),
        ("environment:waste_list", "waste-ledgers"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    labels = labels_on(world.user("environment_staff"), language, reverse(route), testid)
    if testid in ("boiler-table", "certification-table", "waste-ledgers"):  # the department's 修改 links
        assert ("Action" if language == "en" else "操作") in labels, labels

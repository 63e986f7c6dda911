"""The economy lists on a phone: below md each return, project, target and indicator is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` — at 390 px the returns'
nine columns and the catalogue's nine were a table scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on
from scipark.economy.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "route", "testid"),
    [
        ("economy_staff", "economy:return_list", "return-table"),
        ("economy_staff", "economy:project_list", "project-table"),
        ("economy_staff", "economy:target_list", "target-table"),
        ("economy_staff", "economy:indicator_list", "indicator-table"),
        ("system_admin", "economy:indicator_keep", "indicator-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, persona: str, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    labels = labels_on(world.user(persona), language, reverse(route), testid)
    if testid == "return-table":  # a figure's column keeps its label (its cells have a class of their own)
        revenue = "Revenue (10,000 yuan)" if language == "en" else "营业收入(万元)"
        assert revenue in labels, labels

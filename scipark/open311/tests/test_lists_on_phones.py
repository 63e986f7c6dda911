"""The Open311 lists on a phone: below md each client and each service question is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` (the 吊销 button's unnamed
column as 操作) — at 390 px the clients' nine columns were a table scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on
from scipark.open311.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [("open311:client_list", "open311-client-table"), ("open311:attribute_list", "open311-attribute-table")],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    labels_on(world.user("service_staff"), language, reverse(route), testid)

"""The alliance lists on a phone: below md each need, resource, joint action and party organisation is a card
(``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` — at 390 px the joint
actions' nine columns were a table scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.alliance.testing import route_samples
from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"),
    [
        ("alliance:need_list", "need-table"),
        ("alliance:resource_list", "resource-table"),
        ("alliance:action_list", "action-table"),
        ("alliance:party_org_list", "party-org-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    response = signed_in(world.user("park_leader"), language).get(reverse(route))
    assert response.status_code == 200
    card_labels(response.content.decode(), testid)

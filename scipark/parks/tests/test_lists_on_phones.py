"""The park list on a phone: below md each park is a card (``table.sp-stack-sm``) whose cells carry their
column's header as ``data-label``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_park_is_a_card_whose_cells_are_labelled(world: World, language: str) -> None:
    response = signed_in(world.user("zone_viewer"), language).get(reverse("parks:park_list"))
    assert response.status_code == 200
    card_labels(response.content.decode(), "park-table")

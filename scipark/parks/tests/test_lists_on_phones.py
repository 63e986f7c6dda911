"""The park list on a phone: below md each park is a card (``table.sp-stack-sm``) whose cells carry their
column's header as ``data-label``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_park_is_a_card_whose_cells_are_labelled(world: World, language: str) -> None:
    labels_on(world.user("zone_viewer"), language, reverse("parks:park_list"), "park-table")

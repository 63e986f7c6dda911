"""The event lists on a phone: below md each event and each job post is a card (``table.sp-stack-sm``) whose
cells carry their column's header as ``data-label`` — at 390 px the events' eight columns were a table
scrolling sideways."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on
from scipark.events.testing import route_samples

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("route", "testid"), [("events:event_list", "event-table"), ("events:post_list", "post-table")]
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, route: str, testid: str, language: str
) -> None:
    route_samples(world)
    labels_on(world.user("service_staff"), language, reverse(route), testid)

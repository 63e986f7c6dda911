"""The events' statistics and a registration's posts on a phone: the 390 px crawl found both scrolling
sideways in their box. The statistics are figures compared across columns: the table scrolls on a phone, its
first column staying put (sp-sticky-first). The posts are a form: each post a card of labelled fields
(sp-stack-sm), so the five inputs are usable at 390 px."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.events.testing import route_samples

pytestmark = pytest.mark.django_db


def test_the_statistics_keep_their_first_column(world: World) -> None:
    route_samples(world)
    page = signed_in(world.user("service_staff"), "zh-hans").get(reverse("events:stats")).content.decode()
    table = re.search(r'<table[^>]*data-testid="stats-table"[^>]*>', page)
    assert table is not None and "sp-sticky-first" in table.group(0)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_registrations_posts_are_cards_of_labelled_fields(world: World, language: str) -> None:
    event = route_samples(world)["events.event"]["own"]
    page = signed_in(world.user("service_staff"), language).get(
        reverse("events:participate", args=[event.pk])
    )
    labels = card_labels(page.content.decode(), "post-formset")
    assert labels[0] == ("岗位" if language == "zh-hans" else "Post"), labels

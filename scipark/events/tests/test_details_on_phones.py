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


@pytest.mark.parametrize(
    ("language", "second_headcount"), [("zh-hans", "招聘人数(第 2 行)"), ("en", "Headcount (row 2)")]
)
def test_each_of_the_posts_fields_has_an_accessible_name(
    world: World, language: str, second_headcount: str
) -> None:
    """A field in a table cell has no <label>, and the card's label is drawn by CSS: each input, select and
    text area of the posts is named by aria-label, its field and its row."""
    event = route_samples(world)["events.event"]["own"]
    page = signed_in(world.user("service_staff"), language).get(
        reverse("events:participate", args=[event.pk])
    )
    table = re.search(r'<table[^>]*data-testid="post-formset".*?</table>', page.content.decode(), flags=re.S)
    assert table is not None
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", table.group(0))
    assert len(fields) == 15, fields  # three empty posts of five fields
    names = [re.search(r'\baria-label="([^"]*)"', field) for field in fields]
    assert all(name and name.group(1).strip() for name in names), fields
    assert second_headcount in [name.group(1) for name in names if name]

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


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["企业", "岗位", "招聘人数", "收到简历", "达成录用", "操作"]),
        ("en", ["Enterprise", "Post", "Headcount", "Résumés received", "Hires", "Action"]),
    ],
)
def test_an_events_participants_are_labelled_cards(world: World, language: str, labels: list[str]) -> None:
    """An event's participants and their posts scrolled sideways in their box at 390 px in English (638 px):
    each enterprise is a card, its posts one line and its 添加岗位 / 撤回报名 the 操作 line."""
    event = route_samples(world)["events.event"]["own"]
    page = signed_in(world.user("service_staff"), language).get(
        reverse("events:event_detail", args=[event.pk])
    )
    assert card_labels(page.content.decode(), "participant-table") == labels * 2  # the two enterprises


def test_an_upcoming_events_row_buttons_only_for_who_may_change_the_row(world: World) -> None:
    """Crawling the demo, a park leader and the other departments were shown 添加岗位 on every row of an
    upcoming event, a page answering them 403; the enterprise sees them on its own row only."""
    samples = route_samples(world)
    event, own = samples["events.event"]["own"], samples["events.participation"]["own"]
    url = reverse("events:event_detail", args=[event.pk])
    add = reverse("events:post_add", args=[own.pk])
    for persona, shown in (("park_leader", False), ("economy_staff", False), ("service_staff", True)):
        client = signed_in(world.user(persona), "zh-hans")
        page = client.get(url).content.decode()
        assert (add in page) is shown, persona
        assert client.get(add).status_code == (200 if shown else 403), persona
    enterprise = signed_in(world.user("enterprise_user"), "zh-hans")
    page = enterprise.get(url).content.decode()
    assert add in page
    assert reverse("events:post_add", args=[samples["events.participation"]["other"].pk]) not in page
    assert enterprise.get(add).status_code == 200

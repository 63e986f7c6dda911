"""The appeal category list on a phone: below md each category is a card (``table.sp-stack-sm``) whose
cells carry their column's header as ``data-label`` — at 390 px its eight columns scrolled sideways inside
their box (the crawl of the demo as each persona)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from scipark.appeals.testing import route_samples
from scipark.core.testing import World
from scipark.core.tests.stacked import labels_on

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_category_is_a_card_whose_cells_are_labelled(world: World, language: str) -> None:
    route_samples(world)
    labels = labels_on(
        world.user("service_staff"), language, reverse("appeals:category_list"), "category-table"
    )
    assert ("Name" if language == "en" else "名称") in labels, labels


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_calendar_day_is_a_card_whose_cells_are_labelled(world: World, language: str) -> None:
    """工作日历 (the holidays an appeal's time limit skips): five columns and a delete button per day, which
    scrolled sideways at 390 px (the crawl as the system administrator)."""
    labels = labels_on(
        world.user("system_admin"), language, reverse("appeals:calendar_keep"), "calendar-table"
    )
    assert ("Action" if language == "en" else "操作") in labels, labels


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("zh-hans", ["走访日期", "企业", "走访部门"]),
        ("en", ["Visit date", "Enterprise", "Visiting department"]),
    ],
)
def test_each_visit_is_a_card_whose_cells_are_labelled(
    world: World, language: str, labels: list[str]
) -> None:
    """企业走访: five columns scrolled sideways at 390 px in English (the crawl of the demo)."""
    route_samples(world)
    found = labels_on(world.user("service_staff"), language, reverse("appeals:visit_list"), "visit-table")
    assert found[:3] == labels, found

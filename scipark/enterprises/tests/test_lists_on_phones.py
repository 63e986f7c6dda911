"""The registry's lists on a phone: below md each enterprise and each tag is a card (``table.sp-stack-sm``)
whose cells carry their column's header as ``data-label`` — at 390 px the registry's ten columns were a table
scrolling sideways. An enterprise's tags and a tag's 编辑 / 查看企业 links are one element of their card's
line: a card gives each element of a cell a line of its grid, so a second badge fell under the label."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.enterprises.models import Tag

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "route", "testid"),
    [
        ("park_leader", "enterprises:enterprise_list", "enterprise-table"),
        ("economy_staff", "enterprises:tag_list", "tag-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, persona: str, route: str, testid: str, language: str
) -> None:
    world.enterprise.tags.add(
        Tag.objects.create(park=world.park, name="重点企业", color="red"),
        Tag.objects.create(park=world.park, name="医药产业链", color="green"),
    )
    response = signed_in(world.user(persona), language).get(reverse(route))
    assert response.status_code == 200
    page = response.content.decode()
    labels = card_labels(page, testid)
    if testid == "tag-table":
        assert ("Action" if language == "en" else "操作") in labels, labels
        cells = re.findall(
            r'<td data-label="(?:操作|Action)" class="sp-actions">(.*?)</td>', page, flags=re.S
        )
        assert cells and all(re.fullmatch(r"<span>.*</span>", c.strip(), flags=re.S) for c in cells), cells
    else:
        tags = re.findall(r'<td data-label="(?:标签|Tags)">(.*?)</td>', page, flags=re.S)
        two = [cell for cell in tags if cell.count("sp-tag ") == 2]
        assert two and all(re.fullmatch(r"<span>.*</span>", cell.strip(), flags=re.S) for cell in two), tags

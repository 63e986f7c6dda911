"""A list links a row to its edit page only for a reader that page lets in (``core.tables.EditLinkColumn``).

Crawling the demo park as each persona at 390 and 1440 px found three lists — 年度目标, 诉求类别 and Open311
服务属性 — linking every row to its edit page for everyone who could read the list: the park's leader and
five departments' staff followed them into 403s. Here every persona of the test world opens each list and
follows every link in the table: none answers 403 or 404, and the persona who keeps the records has one."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from scipark.appeals.testing import route_samples as appeal_samples
from scipark.core.testing import PERSONAS, World
from scipark.economy.testing import route_samples as economy_samples
from scipark.open311.testing import route_samples as open311_samples

pytestmark = pytest.mark.django_db

#: the list, its table, and the persona who keeps its rows (the one who must see the links)
LISTS = [
    ("/economy/targets/", "target-table", "economy_staff"),
    ("/appeals/categories/", "category-table", "service_staff"),
    ("/open311/v2/attributes/", "open311-attribute-table", "service_staff"),
]


def table_links(page: str, testid: str) -> list[str]:
    table = re.search(rf'<table[^>]*data-testid="{testid}".*?</table>', page, flags=re.S)
    assert table is not None, testid
    body = table.group(0).split("<tbody", 1)[1]
    return re.findall(r'<a[^>]*href="([^"]+)"', body)


@pytest.mark.parametrize(("url", "testid", "keeper"), LISTS)
def test_a_list_links_only_to_edit_pages_its_reader_may_open(
    world: World, url: str, testid: str, keeper: str
) -> None:
    economy_samples(world)
    appeal_samples(world)
    open311_samples(world)
    readers = 0
    for persona in PERSONAS:
        client = Client()
        client.force_login(world.user(persona))
        response = client.get(url)
        if response.status_code != 200:
            continue
        readers += 1
        links = table_links(response.content.decode(), testid)
        for link in links:
            assert client.get(link).status_code == 200, (persona, link)
        if persona == keeper:
            assert links, f"{keeper} keeps these rows and is given no edit link on {url}"
    assert readers > 1, f"only the keeper reads {url}: nothing is shown to the others"

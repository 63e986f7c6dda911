"""A page offers 导出 Excel only to a reader whose export it would answer: a crawl of the demo found the
enterprise user (who reads its own 未报 list) offered an export that answers 403."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import PERSONAS, World

pytestmark = pytest.mark.django_db

PAGES = (
    "/economy/returns/missing/?period=2023-03",
    "/economy/pipeline/?period=2023-03",
    "/economy/drill/?year=2023&month=3&scale_set=above_scale_industry&measure=industrial_output",
)


@pytest.mark.parametrize("url", PAGES)
def test_the_export_button_is_offered_exactly_to_who_may_export(
    world: World, client_for: Any, url: str
) -> None:
    readers = 0
    for persona in PERSONAS:
        client = client_for(persona)
        page = client.get(url)
        if page.status_code != 200:
            continue
        readers += 1
        offered = 'data-testid="export-xlsx"' in page.content.decode()
        exported = client.get(f"{url}&export=xlsx").status_code
        assert offered == (exported == 200), (persona, offered, exported)
    assert readers >= 2

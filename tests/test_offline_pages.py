"""Pages work offline (DESIGN.md rule 8): every script, style and icon they load is served by scipark."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client

from scipark.core.testing import World

PAGES = ["/", "/enterprises/", "/parks/", "/enterprises/import/", "/api/docs/", "/accounts/password/"]


@pytest.mark.parametrize("path", PAGES)
def test_a_page_loads_nothing_from_outside_and_every_asset_is_served(
    world: World, client_for: Callable[[str], Client], path: str
) -> None:
    client = client_for("economy_staff")
    page = client.get(path)
    assert page.status_code == 200, path
    html = page.content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "the page refers to an outside address"
    assets = set(re.findall(r"(?:src|href)=\"(/static/[^\"]+)\"", html))
    assert assets, "the page loads no assets at all?"
    for asset in assets:
        assert client.get(asset).status_code == 200, asset


def test_the_sign_in_page_loads_nothing_from_outside(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert not re.search(r"(src|href)=\"(https?:)?//", html)

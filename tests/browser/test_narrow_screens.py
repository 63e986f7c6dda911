"""On a phone (390 px): no page scrolls sideways, and every table sits in a box that scrolls on its own.

The walkthrough of 2026-12-03 found three pages wider than the screen at 390 px (my account's tokens, the
appeal statistics, the alliance's chains): a table outside a ``.table-responsive`` box widened the whole page,
so the menu bar and every heading slid with it. Whether a table overflows depends on its rows, so the rule
checked is the one that holds whatever the data: each table has an ancestor that scrolls horizontally.
"""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

#: Per page: tables without a horizontally scrolling box around them, and how far the page scrolls sideways.
CHECK = """() => {
  const scrolls = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const x = getComputedStyle(a).overflowX;
      if (x === 'auto' || x === 'scroll') return true;
    }
    return false;
  };
  const bare = [...document.querySelectorAll('main table')].filter((t) => t.offsetParent && !scrolls(t))
    .map((t) => t.dataset.testid || t.className || 'table');
  return {bare, wider: document.documentElement.scrollWidth - window.innerWidth};
}"""


def _pages(page: Any, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "#sp-sidebar a.nav-link[href^='/']", "els => els.map(e => e.getAttribute('href'))"
    )
    return sorted({h.split("#")[0] for h in hrefs if "logout" not in h and "/api/" not in h})


@pytest.mark.parametrize("persona", ["park_leader", "zone_viewer", "enterprise_user"])
def test_no_page_is_wider_than_a_phone(page: Any, live_server: Any, world: World, persona: str) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, persona)
    paths = [*_pages(page, base), "/accounts/profile/", "/notifications/preferences/"]
    if persona == "park_leader":
        paths += [f"/enterprises/{world.enterprise.pk}/", f"/parks/{world.park.pk}/"]
    found = {}
    for path in paths:
        response = page.goto(base + path)
        if response is None or response.status != 200:
            continue
        page.wait_for_load_state("load")
        result = page.evaluate(CHECK)
        if result["bare"] or result["wider"] > 1:
            found[path] = result
    assert len(paths) > 3
    assert found == {}

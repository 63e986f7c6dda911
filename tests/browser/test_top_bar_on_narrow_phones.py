"""The top bar on the narrowest phones, in Debian's chromium: at 320 px in English its controls (简体中文, the bell
with its count, the account, Log out) were 11 px wider than the bar, so every page scrolled sideways, and the
brand's name was cut to "sc" (to "scipa" at 360 px). Now, at 320, 360 and 390 px in both languages, the bar
keeps to the screen, each control stays a 44 px target, and the brand shows its name whole or only its mark;
below 360 px Log out is its icon (its words still its name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.notifications.models import EventKind, Notification

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/top-bar-shots")
LEAST = 44 - 0.5

BAR = """() => {
  const row = document.querySelector('nav.sp-topbar .container-fluid');
  const brand = row.querySelector('.navbar-brand');
  const controls = [...row.querySelectorAll('a[href], button')].filter((el) => el.getClientRects().length)
    .map((el) => { const box = el.getBoundingClientRect();
                   return {text: (el.innerText || el.getAttribute('aria-label') || el.title).trim(),
                           width: box.width, height: box.height, right: box.right}; });
  return {page: document.documentElement.scrollWidth - window.innerWidth,
          row: row.scrollWidth - row.clientWidth, controls,
          brandCut: brand.scrollWidth - brand.clientWidth};
}"""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_top_bar_fits_a_320_px_phone(page: Any, live_server: Any, world: World, language: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    user = world.user("service_staff")
    Notification.objects.bulk_create(  # a two-digit count on the bell, as a busy desk has
        Notification(recipient=user, kind=EventKind.APPEAL_SUBMITTED, title=f"新诉求 {n}") for n in range(15)
    )
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    sign_in(page, base, "service_staff")
    for width in (320, 360, 390):
        page.set_viewport_size({"width": width, "height": 844})
        page.goto(f"{base}/")
        page.screenshot(
            path=str(SHOTS / f"top-bar-{language}-{width}.png"),
            clip={"x": 0, "y": 0, "width": width, "height": 64},
        )
        bar = page.evaluate(BAR)
        assert bar["page"] <= 0 and bar["row"] <= 0, (width, bar)
        assert all(c["right"] <= width for c in bar["controls"]), (width, bar["controls"])
        small = [c for c in bar["controls"] if c["height"] < LEAST or c["width"] < LEAST]
        assert not small, (width, small)
        # the brand's name is whole or not shown at all, never cut
        assert bar["brandCut"] <= 0, (width, bar)
        assert page.locator("nav.sp-topbar button[type=submit][title]").last.get_attribute("title") in (
            "Log out",
            "退出",
        )
    if language == "en":
        # at 390 px there is room for the name and for Log out's words
        name = page.locator("nav.sp-topbar .sp-brand-name").bounding_box()
        assert name is not None and name["width"] > 40
        assert page.locator("nav.sp-topbar .sp-logout-text").bounding_box()["width"] > 40
    assert page.console_errors == []

"""The innovation lists on a phone, in Debian's chromium: at 390 px the archive list's eight columns scrolled
sideways inside their box; below md each archive is a card of label and value lines (scipark.css
``table.sp-stack-sm``), and a number column's label, right-aligned by its column's ``text-end``, sits on the
left as every other label does. At 1440 px the table is the table it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.innovation.models import TechArchive
from scipark.innovation.testing import FILLED

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/innovation-list-shots")
LABELS = """() => [...document.querySelectorAll('[data-testid=archive-table] tbody td')].map(td => ({
    label: td.dataset.label || '', align: getComputedStyle(td, '::before').textAlign,
    left: td.getBoundingClientRect().left}))"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_on_a_phone_each_archive_is_a_card_with_its_labels_on_the_left(
    page: Any, live_server: Any, world: World, language: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    TechArchive.objects.create(
        park_id=world.park.pk, enterprise=world.enterprise, year=2023, state="accepted", **FILLED
    )
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    sign_in(page, base, "innovation_staff")
    page.goto(f"{base}/innovation/archives/")
    page.screenshot(path=str(SHOTS / f"archives-{language}-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert not page.locator("[data-testid=archive-table] thead").is_visible()
    cells = page.evaluate(LABELS)
    assert len(cells) == 8 and all(c["label"] for c in cells)
    assert {c["align"] for c in cells} <= {"start", "left"}, cells  # the figures' labels too
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{base}/innovation/archives/")
    assert page.locator("[data-testid=archive-table] thead").is_visible()

"""梯度培育测评 in Debian's chromium at 1440 px and 390 px, in English: the innovation department reaches the
page from the dashboard, reads the per-tier summary and the gaps in English, runs 重新测评 and sees the run's
outcome on the page; the page does not scroll sideways on a phone and its buttons are thumb-sized; a
leader reads the page without the button; no console error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.innovation.cultivation.defaults import DEFAULT_RULES
from scipark.innovation.models import RuleVersion, TechArchive
from scipark.innovation.services import evaluate_park
from scipark.innovation.testing import FILLED

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/innovation-shots")
HAN = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize("width", [1440, 390])
def test_staff_run_the_tier_evaluation_from_its_page_in_english(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for rule in DEFAULT_RULES:
        RuleVersion.objects.create(park=world.park, tier=rule.tier, name=rule.name, source=rule.source,
                                   valid_from=rule.valid_from, params=rule.params)  # fmt: skip
    for enterprise in (world.enterprise, world.other_enterprise):
        TechArchive.objects.create(
            park=world.park, enterprise=enterprise, year=2023, state="accepted", **FILLED
        )
    evaluate_park(park=world.park, year=2023)
    base = live_server.url
    page.set_viewport_size({"width": width, "height": 900})
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    sign_in(page, base, "innovation_staff")
    page.goto(f"{base}/innovation/")
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=evaluations-link]")
    assert page.locator("[data-testid=evaluation-summary] tbody tr").count() == 6
    gaps = page.locator("[data-testid=gap]").all_inner_texts()
    assert gaps and not [g for g in gaps if HAN.search(g)], gaps
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    button = page.locator("[data-testid=evaluation-run]").bounding_box()
    assert button is not None and (width > 575 or button["height"] >= 44 - 0.5)  # a thumb's target on a phone
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=evaluation-run]")
    page.wait_for_selector("[data-testid=task-run][data-state=done]")
    assert "Re-evaluated 2 enterprises" in page.inner_text("[data-testid=evaluation-run-done]")
    page.screenshot(path=str(SHOTS / f"tier-evaluation-run-{width}.png"), full_page=True)
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=evaluation-run-result]")
    assert page.locator("[data-testid=task-run]").count() == 0
    assert page.console_errors == []

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    sign_in(page, base, "park_leader")
    page.goto(f"{base}/innovation/evaluations/")
    assert page.locator("[data-testid=evaluation-summary]").is_visible()
    assert page.locator("[data-testid=evaluation-run]").count() == 0
    assert page.console_errors == []

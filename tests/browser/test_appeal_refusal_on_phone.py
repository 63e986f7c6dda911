"""On a phone a refused appeal step said why at the top of the page while the form with the kept reply sat a
screen or more below. The refusal is shown in the step's form and the page opens at it: at 390 px the
message and the kept text are both in view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.testing import World
from scipark.parks.models import Department

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/appeals-shots")


def in_view(page: Any, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"]


def test_a_refused_reply_is_seen_beside_its_kept_text_on_a_phone(
    page: Any, live_server: Any, world: World
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    category = make_category(world.park, "power", name="水电气暖", time_limit_days=5)
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.IN_PROGRESS)
    appeal.lead_department = Department.objects.get(park=world.park, kind="service")
    appeal.save()
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    sign_in(page, base, "service_staff")
    page.goto(f"{base}/appeals/{appeal.pk}/")
    page.fill("[data-testid=notes-conclude]", "供电所已更换进线电缆接头,连续三晚未再停电。")
    page.set_input_files(
        "[data-testid=attachments-conclude]",
        files=[{"name": "bad.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00binary"}],
    )
    page.click("[data-testid=do-conclude]")
    refusal = "[data-testid=step-conclude] [data-testid=step-refusal]"
    page.wait_for_selector(refusal)
    page.wait_for_function("window.scrollY > 0")  # the page opens at the refused form (a smooth scroll)
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "appeal-refused-390.png"))
    assert "类型不受支持" in page.inner_text(refusal)
    assert page.evaluate("document.activeElement.dataset.testid") == "step-refusal"
    assert in_view(page, refusal) and in_view(page, "[data-testid=notes-conclude]")
    assert page.input_value("[data-testid=notes-conclude]").startswith("供电所已更换")
    assert all("400" in e for e in page.console_errors), page.console_errors

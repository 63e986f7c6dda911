"""In Debian's chromium: the home page as people open it (issue 10 items 1 and 7, issue 14 item 2). The
service department's workbench lists an overdue appeal first and the link opens the list; the enterprise
sees its appeal waiting for its rating; the leader lands on the cockpit. At 390 px the top bar stays one
line (it broke 简体中文 into a character a line) and no page scrolls sideways. Screenshots go to
/tmp/workbench-shots/ to be looked at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.testing import World
from scipark.parks.models import DepartmentKind

from .conftest import sign_in

SHOTS = Path("/tmp/workbench-shots")
WIDTHS = (1440, 390)
TOP_BAR = """() => {
  const bar = document.querySelector(".sp-topbar");
  const tallest = Math.max(...Array.from(bar.querySelectorAll(".btn, .navbar-brand, [data-testid=current-user]"))
    .map((el) => el.getBoundingClientRect().height));
  return {bar: bar.getBoundingClientRect().height, tallest,
          sideways: document.documentElement.scrollWidth > window.innerWidth};
}"""

WIDEST = """() => Array.from(document.querySelectorAll("body *"))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 6)
  .map((el) => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right))"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check_top_bar(page: Any, where: str) -> None:
    bar = page.evaluate(TOP_BAR)
    assert bar["tallest"] <= 44, f"{where}: something in the top bar wraps ({bar})"
    assert bar["bar"] <= 72, f"{where}: the top bar takes two lines ({bar})"
    assert not bar["sideways"], f"{where}: the page scrolls sideways: {page.evaluate(WIDEST)}"


def test_each_persona_lands_on_what_they_have_to_do(page: Any, live_server: Any, world: World) -> None:
    SHOTS.mkdir(exist_ok=True)
    base = live_server.url
    category = make_category(world.park)
    now = timezone.now()
    make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.IN_PROGRESS,
        lead_kind=DepartmentKind.SERVICE,
        title="园区道路照明不足",
        received_at=now - dt.timedelta(days=20),
        due_at=now - dt.timedelta(days=1),
    )
    make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.CONCLUDED)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        sign_in(page, base, "service_staff")
        todos = page.locator("[data-testid=todos] li")
        assert "已超期" in todos.first.inner_text()  # the most urgent first
        _check_top_bar(page, f"service_staff {width}")
        page.screenshot(path=str(SHOTS / f"service-{width}.png"), full_page=True)
        todos.first.locator("a").click()
        page.wait_for_url("**/appeals/?box=overdue")
        assert page.get_by_text("园区道路照明不足").count() >= 1
        page.context.clear_cookies()

        sign_in(page, base, "enterprise_user")
        assert "待您评价" in page.locator("[data-testid=todos]").inner_text()
        _check_top_bar(page, f"enterprise_user {width}")
        page.screenshot(path=str(SHOTS / f"enterprise-{width}.png"), full_page=True)
        page.context.clear_cookies()

        sign_in(page, base, "park_leader")
        assert page.url == f"{base}/reports/cockpit/"
        _check_top_bar(page, f"park_leader {width}")
        page.screenshot(path=str(SHOTS / f"leader-{width}.png"), full_page=True)
        page.context.clear_cookies()
    assert not page.console_errors, page.console_errors


def test_on_a_phone_the_menu_scrolls_to_its_last_entry(page: Any, live_server: Any, world: World) -> None:
    """The off-canvas menu is as tall as the screen: without scrolling, the entries below the fold (a
    department's settings, the innovation libraries) could not be reached on a 390 × 600 phone."""
    sign_in(page, live_server.url, "innovation_staff")
    page.set_viewport_size({"width": 390, "height": 600})
    page.reload()
    page.click("[data-bs-target='#sp-sidebar']")
    last = page.locator("#sp-sidebar a.nav-link").last
    last.wait_for(state="attached")
    href = last.get_attribute("href")
    assert page.evaluate(
        "() => { const s = document.querySelector('#sp-sidebar'); return s.scrollHeight > s.clientHeight; }"
    ), "the menu should be longer than this screen, or the test shows nothing"
    with page.expect_navigation(wait_until="load"):
        last.click()
    assert page.url.endswith(href)

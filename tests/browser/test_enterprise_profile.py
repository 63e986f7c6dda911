"""In Debian's chromium: 企业画像 (issue 10, item 3) as park staff, a department's staff and an enterprise
user, at 1440 and 390 px. The registry list's name opens the profile; the returns trend is drawn; the
enterprise sees its own profile without the staff's visit notes and not another enterprise's; no page
scrolls sideways. Screenshots go to /tmp/profile-shots/ to be looked at."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scipark.appeals.testing import make_appeal, make_category
from scipark.core.contributions import contributed_modules
from scipark.core.testing import World
from scipark.economy.models import MonthlyReturn

from .conftest import open_menu, sign_in

SHOTS = Path("/tmp/profile-shots")
WIDTHS = (1440, 390)
SIDEWAYS = "() => document.documentElement.scrollWidth > window.innerWidth"
WIDEST = """() => Array.from(document.querySelectorAll("body *"))
  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 6)
  .map((el) => el.tagName + "." + el.className + " " + Math.round(el.getBoundingClientRect().right))"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _records(world: World) -> None:
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            module.route_samples(world)
    category = make_category(world.park, "profile")
    make_appeal(world.park, category, enterprise=world.enterprise, title="本企业食堂油烟扰民")
    make_appeal(world.park, category, enterprise=world.other_enterprise, title="邻企业厂区道路破损")
    for month in range(1, 13):
        MonthlyReturn.objects.create(
            park=world.park,
            enterprise=world.enterprise,
            period=dt.date(2024, month, 1),
            status=MonthlyReturn.Status.ACCEPTED,
            is_current=True,
            revenue=Decimal(1_000_000 + 50_000 * month),
            industrial_output=Decimal(1_200_000 + 40_000 * month),
        )


def _check(page: Any, where: str) -> None:
    assert page.locator("[data-testid=profile-name]").is_visible(), where
    assert not page.evaluate(SIDEWAYS), f"{where}: the page scrolls sideways: {page.evaluate(WIDEST)}"


def test_the_profile_as_each_persona_sees_it(page: Any, live_server: Any, world: World) -> None:
    SHOTS.mkdir(exist_ok=True)
    base = live_server.url
    _records(world)
    own = f"{base}/enterprises/{world.enterprise.pk}/profile/"
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})

        sign_in(page, base, "economy_staff")  # a department's staff: from the registry list's name
        open_menu(page, "企业名录")
        with page.expect_navigation(wait_until="load"):
            page.locator("[data-testid=enterprise-table] a", has_text=world.enterprise.name).first.click()
        assert page.url == own
        chart = page.locator("[data-testid=profile-economy-chart]")
        chart.scroll_into_view_if_needed()
        page.wait_for_selector("[data-testid=profile-economy-chart][data-rendered=true]")
        # appeals are read by the departments handling them: not this one's, as on the appeal list
        assert "本企业食堂油烟扰民" not in page.locator("[data-testid=profile-appeals]").inner_text()
        _check(page, f"economy_staff {width}")
        page.screenshot(path=str(SHOTS / f"department-{width}.png"), full_page=True)
        page.context.clear_cookies()

        sign_in(page, base, "park_leader")  # the park's leadership: every module's panel
        page.goto(own, wait_until="load")
        for slug in ("registry", "economy", "appeals", "events", "alliance", "investment", "innovation"):
            assert page.locator(f"[data-testid=profile-{slug}]").count() == 1, slug
        assert page.locator("[data-testid=profile-visit-list]").count() == 1
        body = page.locator("[data-testid=profile-panels]").inner_text()
        assert "本企业食堂油烟扰民" in body and "邻企业厂区道路破损" not in body
        _check(page, f"park_leader {width}")
        page.screenshot(path=str(SHOTS / f"leader-{width}.png"), full_page=True)
        page.context.clear_cookies()

        sign_in(page, base, "enterprise_user")
        page.goto(own, wait_until="load")
        assert "本企业食堂油烟扰民" in page.locator("[data-testid=profile-panels]").inner_text()
        assert page.locator("[data-testid=profile-visit-list]").count() == 0
        _check(page, f"enterprise_user {width}")
        page.screenshot(path=str(SHOTS / f"enterprise-{width}.png"), full_page=True)
        answer = page.goto(f"{base}/enterprises/{world.other_enterprise.pk}/profile/", wait_until="load")
        assert answer is not None and answer.status == 404
        page.context.clear_cookies()
    # the other enterprise's profile answered 404 on purpose (the browser logs it); nothing else may err
    errors = [e for e in page.console_errors if "status of 404" not in e]
    assert not errors, errors

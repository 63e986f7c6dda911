"""In Debian's chromium: the park leader opens the cockpit (1440 and 390 px), sees an overdue appeal among the
alerts, opens the wall mode at 1920×1080 (dark, no navigation), and downloads the annual summary; the
economy department and the leader work an indicator alert from the cockpit's link (1440 and 390 px); the
figures page at both widths (issue 14). Screenshots go to /tmp/reports-shots/ to be looked at."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from django.utils import timezone

from scipark.appeals import services as appeals
from scipark.appeals.testing import make_category
from scipark.core.testing import World
from scipark.economy import services as economy
from scipark.economy.models import Indicator
from scipark.reports.alert_services import alerts_evaluate
from scipark.reports.models import Alert
from scipark.reports.tests.test_cockpit import returns_of_one_enterprise

from .conftest import cut_words, open_menu, sign_in

SHOTS = Path("/tmp/reports-shots")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_leader_reads_the_cockpit_the_wall_and_downloads_the_summary(
    page: Any, live_server: Any, world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    appeals.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=make_category(world.park, "telecom", name="通信网络", time_limit_days=5),
        enterprise=world.enterprise,
        description="企业周边电信信号弱,影响生产调度。",
        received_at=timezone.now() - dt.timedelta(days=40),
    )
    sign_in(page, base, "park_leader")
    page.set_viewport_size({"width": 1440, "height": 900})
    open_menu(page, "领导驾驶舱")
    page.wait_for_selector("[data-testid=alerts]")
    assert "1件诉求超期未办结" in page.locator("[data-testid=alerts]").inner_text()
    assert page.locator("[data-testid=department-cards] [data-testid=card]").count() >= 10
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "cockpit-1440.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the cockpit scrolls sideways at 390 px ({width}px)"
    alerts_top = page.locator("[data-testid=alerts]").bounding_box()["y"]
    cards_top = page.locator("[data-testid=economy-cards]").bounding_box()["y"]
    assert alerts_top < cards_top  # on a phone the alerts come first
    page.screenshot(path=str(SHOTS / "cockpit-390.png"), full_page=True)

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{base}/reports/cockpit/wall/?park={world.park.code}")
    page.wait_for_selector("[data-testid=wall]")
    assert page.locator("#sp-sidebar").count() == 0 and page.locator("nav").count() == 0
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(11, 18, 32)"
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    page.screenshot(path=str(SHOTS / "wall-1920.png"))

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{base}/reports/summary/?park={world.park.code}&year=2023")
    page.click("[data-testid=generate] button")
    page.wait_for_selector("[data-testid=download]")
    with page.expect_download() as downloaded:
        page.click("[data-testid=download]")
    document = docx.Document(io.BytesIO(Path(downloaded.value.path()).read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"{world.park.name}2023年度工作总结" in text and "【待补充:" in text
    assert page.console_errors == []


def no_sideways_scroll(page: Any, what: str) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{what} scrolls sideways ({width}px)"


def test_the_owner_department_and_the_leader_work_an_indicator_alert(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    returns_of_one_enterprise(world)  # 1 200 000 元 in 2023
    economy.target_set(
        user=world.user("economy_staff"),
        park=world.park,
        indicator=Indicator.objects.get(code="above_scale_output"),
        year=2023,
        value=Decimal(2_000_000),
    )
    assert alerts_evaluate(park=world.park, today=dt.date(2024, 1, 15)).created == 1
    page.on("dialog", lambda dialog: dialog.accept())
    SHOTS.mkdir(exist_ok=True)

    sign_in(page, base, "economy_staff")
    page.set_viewport_size({"width": 1440, "height": 900})
    open_menu(page, "指标预警")
    row = page.locator("[data-testid=alert-row]")
    assert row.count() == 1 and "落后40个百分点" in row.inner_text()
    page.screenshot(path=str(SHOTS / "alerts-1440.png"), full_page=True)
    page.click("[data-testid=alert-acknowledge]")
    page.wait_for_selector("text=已确认预警")
    assert "economy_staff" in page.locator("[data-testid=alert-row]").inner_text()
    assert page.locator("[data-testid=alert-acknowledge]").count() == 0

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    no_sideways_scroll(page, "the alert list at 390 px")
    page.screenshot(path=str(SHOTS / "alerts-390.png"), full_page=True)

    page.context.clear_cookies()
    sign_in(page, base, "park_leader")
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{base}/reports/cockpit/?park={world.park.code}")
    link = page.locator("[data-testid=alerts-link]")
    assert "1" in link.inner_text()
    link.click()
    page.click("[data-testid=alert-resolve]")
    page.wait_for_selector("text=已解除预警")
    assert page.locator("[data-testid=alerts-empty]").count() == 1
    assert Alert.objects.get(park=world.park).resolved_by == world.user("park_leader")
    page.goto(f"{base}/reports/alerts/?park={world.park.code}&state=resolved")
    assert "park_leader" in page.locator("[data-testid=alert-row]").inner_text()
    page.screenshot(path=str(SHOTS / "alerts-resolved-1440.png"), full_page=True)
    assert page.console_errors == []


def test_the_figures_page_at_both_widths(page: Any, live_server: Any, world: World) -> None:
    base = live_server.url
    SHOTS.mkdir(exist_ok=True)
    sign_in(page, base, "park_leader")
    for width, height in ((1440, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{base}/reports/figures/?park={world.park.code}")
        page.wait_for_selector("[data-testid=figures]")
        no_sideways_scroll(page, f"the figures page at {width} px")
        # Regression: at 390 px the four columns squeezed each title to three characters a line and the
        # sources ran off the side; each row is now a block, the title as wide as the value allows.
        title = page.locator("[data-testid^=figure-] td").first.bounding_box()
        table = page.locator("[data-testid=figures]").bounding_box()
        if width < 576:
            assert title["width"] >= table["width"] * 0.6, (width, title, table)
        sources = page.locator("[data-testid^=figure-] td:nth-child(4)").first.bounding_box()
        assert sources["x"] + sources["width"] <= width, (width, sources)
        page.screenshot(path=str(SHOTS / f"figures-{width}.png"), full_page=True)
    assert page.console_errors == []


def test_the_english_cockpit_breaks_its_figures_between_words(
    page: Any, live_server: Any, world: World
) -> None:
    """The cards broke English figures inside words (“100 mi / llion yuan”): a rule made for unbroken Chinese
    figures (word-break: break-all) cut every word; a figure now wraps at its spaces and breaks a word only
    when it cannot fit a line."""
    returns_of_one_enterprise(world)
    base = live_server.url
    sign_in(page, base, "park_leader")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    for width in (1440, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/reports/cockpit/")
        assert page.get_by_text("× 100 million yuan").first.is_visible()
        assert cut_words(page, ".sp-cockpit-card .fs-4") == [], width
        # the demo's figures that were cut, written into the cards the page drew
        for figure in ("21 × 100 million yuan", "1697 × 10,000 yuan", "148.7 × 100 million yuan"):
            page.evaluate(
                "f => document.querySelectorAll('.sp-cockpit-card .fs-4').forEach(e => { e.textContent = f; })",
                figure,
            )
            assert cut_words(page, ".sp-cockpit-card .fs-4") == [], (width, figure)

"""In Debian's chromium: the park leader opens the cockpit (1440 and 390 px), sees an overdue appeal among the
alerts, opens the wall mode at 1920×1080 (dark, no navigation), and downloads the annual summary (issue 14)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
from django.utils import timezone

from scipark.appeals import services as appeals
from scipark.appeals.testing import make_category
from scipark.core.testing import World

from .conftest import sign_in

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
    page.click("text=领导驾驶舱")
    page.wait_for_selector("[data-testid=alerts]")
    assert "1件诉求超期未办结" in page.locator("[data-testid=alerts]").inner_text()
    assert page.locator("[data-testid=department-cards] [data-testid=card]").count() >= 10
    page.screenshot(path=str(tmp_path / "cockpit-1440.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the cockpit scrolls sideways at 390 px ({width}px)"
    alerts_top = page.locator("[data-testid=alerts]").bounding_box()["y"]
    cards_top = page.locator("[data-testid=economy-cards]").bounding_box()["y"]
    assert alerts_top < cards_top  # on a phone the alerts come first

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(f"{base}/reports/cockpit/wall/?park={world.park.code}")
    page.wait_for_selector("[data-testid=wall]")
    assert page.locator("#sp-sidebar").count() == 0 and page.locator("nav").count() == 0
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(11, 18, 32)"
    assert page.evaluate("document.documentElement.scrollHeight") <= 1080
    page.screenshot(path=str(tmp_path / "wall-1920.png"))

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

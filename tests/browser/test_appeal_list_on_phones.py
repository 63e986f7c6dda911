"""The appeals list (企业诉求) on a phone, in Debian's chromium: at 390 px its nine columns were squeezed into
one screen's width (a title broken two characters a line, the enterprise's name five lines high, the
deadline off to the right); below md each appeal is now a card of label and value lines (scipark.css
``table.sp-stack-sm``, the import preview's pattern), for the service staff and for an enterprise user, in
Chinese and in English. At 1440 px the table is the table it was."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.testing import World

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/appeal-list-shots")


def appeals(world: World) -> None:
    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    long_ago = timezone.now() - dt.timedelta(days=30)
    make_appeal(world.park, category, enterprise=world.enterprise, title="厂区计划外停电频繁,影响生产调度",
                number="SQ2026000085", received_at=long_ago)  # fmt: skip
    make_appeal(world.park, category, enterprise=world.enterprise, title="园区东路电信信号弱",
                number="SQ2026000086", state=AppealState.IN_PROGRESS, lead_kind="service")  # fmt: skip


def cards(page: Any) -> list[dict[str, Any]]:
    """Each row of the appeal table as drawn: its box, and each cell's label, box and text."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid=appeal-table] tbody tr')].map(tr => ({
            box: tr.getBoundingClientRect().toJSON(),
            cells: [...tr.cells].map(td => ({label: td.dataset.label || '', text: td.innerText.trim(),
                                             box: td.getBoundingClientRect().toJSON()}))}))"""
    )


@pytest.mark.parametrize(("username", "language"), [("service_staff", "zh-hans"), ("service_staff", "en"),
                                                     ("enterprise_user", "zh-hans"), ("enterprise_user", "en")])  # fmt: skip
def test_on_a_phone_each_appeal_is_a_card_of_labelled_lines(
    page: Any, live_server: Any, world: World, username: str, language: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    appeals(world)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    sign_in(page, base, username)
    page.goto(f"{base}/appeals/")
    page.screenshot(path=str(SHOTS / f"appeals-{username}-{language}-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert not page.locator("[data-testid=appeal-table] thead").is_visible()
    rows = cards(page)
    assert len(rows) == 2
    for row in rows:
        # the card spans the content's width, and nothing in it scrolls sideways
        assert row["box"]["width"] >= 330 and row["box"]["right"] <= 390
        labels = [cell["label"] for cell in row["cells"]]
        assert len(labels) == 9 and all(labels), labels
        title = row["cells"][1]
        # the title reads on one or two lines of the card's width, not a column two characters wide
        assert title["box"]["width"] >= 300 and title["box"]["height"] <= 60, title
        # the deadline and its badge sit on one line beside their label
        due = row["cells"][-1]
        assert due["box"]["height"] <= 50, due
    assert ("编号" if language == "zh-hans" else "No.") == rows[0]["cells"][0]["label"]
    assert page.locator("[data-testid=overdue]").count() == 1
    assert page.console_errors == []


def test_on_a_desktop_the_appeals_are_a_table(page: Any, live_server: Any, world: World) -> None:
    appeals(world)
    base = live_server.url
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, base, "service_staff")
    page.goto(f"{base}/appeals/")
    assert page.locator("[data-testid=appeal-table] thead").is_visible()
    rows = cards(page)
    assert len(rows) == 2
    tops = {round(cell["box"]["top"]) for cell in rows[0]["cells"]}
    assert len(tops) == 1  # one row of cells side by side
    assert page.console_errors == []

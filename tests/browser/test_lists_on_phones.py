"""The list pages on a phone, in Debian's chromium: at 390 px the economy, investment, environment, alliance,
event, registry, park and Open311 lists were tables of seven to ten columns scrolling sideways; below md
each row is a card of label and value lines (scipark.css ``table.sp-stack-sm``). One list of each app, as
the person whose work it is: the page does not scroll sideways, the header row is hidden, every line of a
card shows its label, and a row without buttons has no empty 操作 line. At 1440 px the table is the table
it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.alliance.testing import route_samples as alliance_samples
from scipark.core.testing import World
from scipark.economy.testing import route_samples as economy_samples
from scipark.environment.testing import route_samples as environment_samples
from scipark.events.testing import route_samples as event_samples
from scipark.investment.models import Loan
from scipark.investment.testing import route_samples as investment_samples
from scipark.open311.testing import route_samples as open311_samples

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/lists-on-phones-shots")
#: persona, list, its table
LISTS = [
    ("economy_staff", "/economy/returns/", "return-table"),
    ("investment_officer", "/investment/loans/", "loan-table"),
    ("environment_staff", "/environment/certifications/", "certification-table"),
    ("environment_staff", "/environment/waste/", "waste-ledgers"),  # a template's own table
    ("park_leader", "/alliance/actions/", "action-table"),
    ("service_staff", "/events/", "event-table"),
    ("service_staff", "/open311/v2/clients/", "open311-client-table"),
    ("park_leader", "/enterprises/", "enterprise-table"),
    ("zone_viewer", "/parks/", "park-table"),
]
#: Each shown cell of the table: its label, what its card writes before it, and whether it lies in the screen.
CELLS = """testid => [...document.querySelectorAll(`[data-testid=${testid}] tbody td`)]
    .filter(td => getComputedStyle(td).display !== 'none').map(td => {
        const box = td.getBoundingClientRect();
        return {label: td.dataset.label || '', before: getComputedStyle(td, '::before').content,
                inside: box.left >= 0 && box.right <= window.innerWidth};
    })"""


def test_on_a_phone_each_list_is_cards_with_their_labels(page: Any, live_server: Any, world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for samples in (
        economy_samples, investment_samples, environment_samples, alliance_samples, event_samples,
        open311_samples,
    ):  # fmt: skip
        samples(world)
    Loan.objects.filter(enterprise=world.other_enterprise).update(status="confirmed")  # no buttons left
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    for persona, url, testid in LISTS:
        page.context.clear_cookies()
        sign_in(page, base, persona)
        page.goto(base + url)
        page.screenshot(path=str(SHOTS / f"{testid}-390.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        assert not page.locator(f"[data-testid={testid}] thead").is_visible(), url
        cells = page.evaluate(CELLS, testid)
        assert cells, url
        for cell in cells:
            assert cell["label"] and cell["before"] == f'"{cell["label"]}"', (url, cell)
            assert cell["inside"], (url, cell)
        if testid == "loan-table":  # the confirmed loan's card has no 操作 line; the others' buttons do
            actions = page.locator("[data-testid=loan-table] td.sp-actions")
            shown = [actions.nth(i).is_visible() for i in range(actions.count())]
            assert True in shown and False in shown, shown
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{base}/parks/")
    assert page.locator("[data-testid=park-table] thead").is_visible()

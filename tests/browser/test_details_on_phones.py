"""The detail pages' tables on a phone, in Debian's chromium: a crawl of the demo park at 390 px found the
libraries, an incubator's graduates, the alliance's chains, members and milestones, the economy's decisions,
missing returns and revisions, a campaign's results, a project's contracts and funds, a registration's posts
and one's own API tokens scrolling sideways inside their box. Each page as the person whose work it is: the
page does not scroll sideways, a carded table (sp-stack-sm) does not scroll inside its box and hides its
header row; a matrix of figures (the appeals' and events' statistics) still scrolls inside its box but keeps
its first column in place (sp-sticky-first). At 1440 px the tables are tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scipark.accounts.testing import token_for
from scipark.alliance.testing import route_samples as alliance_samples
from scipark.core.testing import World
from scipark.economy import services as economy_services
from scipark.economy.testing import route_samples as economy_samples
from scipark.environment.testing import route_samples as environment_samples
from scipark.events.testing import route_samples as event_samples
from scipark.innovation.models import Expert, Incubation, Incubator
from scipark.investment.models import Contract, FundsInPlace, Origin
from scipark.investment.testing import route_samples as investment_samples

from .conftest import cut_words, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/details-on-phones-shots")
#: the shown table's box: how wide its content is against how wide it shows, its header row shown or not,
#: and where its first body cell sits once the box is scrolled to the end
BOX = """testid => {
    const table = document.querySelector(`[data-testid=${testid}]`);
    const box = table.closest('.table-responsive') || table.parentElement;
    const cell = table.querySelector('tbody tr > :first-child');
    box.scrollLeft = box.scrollWidth;
    return {scroll: box.scrollWidth, client: box.clientWidth, head: getComputedStyle(table.tHead).display,
            position: getComputedStyle(cell).position,
            kept: Math.abs(cell.getBoundingClientRect().left - box.getBoundingClientRect().left) <= 1};
}"""


def samples(world: World) -> dict[str, str]:
    """The rows the pages show, and each page's address."""
    alliance = alliance_samples(world)
    economy = economy_samples(world)
    environment = environment_samples(world)
    investment = investment_samples(world)
    events = event_samples(world)
    Expert.objects.create(park=world.park, name="张建国", organisation="青海大学", field="青稞育种")
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000),
    )  # fmt: skip
    Incubation.objects.create(
        park=world.park, incubator=incubator, enterprise=world.other_enterprise, entered_on=dt.date(2020, 3, 1),
        left_on=dt.date(2023, 6, 30), outcome=Incubation.Outcome.GRADUATED,
    )  # fmt: skip
    economy_services.scale_decision_record(
        user=world.user("economy_staff"), enterprise=world.enterprise, scale_set="above_scale_industry",
        direction="enter", effective_period=dt.date(2023, 1, 1), decided_on=dt.date(2023, 2, 1),
    )  # fmt: skip
    project = investment["investment.project"]["own"]
    Contract.objects.create(
        park_id=project.park_id, project=project, signed_on=dt.date(2023, 5, 1), amount=Decimal(500000000),
        signing_party="上海某生物科技股份有限公司", event="青洽会",
    )  # fmt: skip
    FundsInPlace.objects.create(
        park_id=project.park_id, project=project, arrived_on=dt.date(2023, 6, 1), amount=Decimal(500000),
        source_class=Origin.OTHER_PROVINCE,
    )  # fmt: skip
    token_for(world.user("economy_staff"))
    return {
        "incubator": f"/innovation/incubators/{incubator.pk}/",
        "chain": f"/alliance/chains/{alliance['alliance.chain']['own'].pk}/",
        "action": f"/alliance/actions/{alliance['alliance.jointaction']['own'].pk}/",
        "return": f"/economy/returns/{economy['economy.monthlyreturn']['own'].pk}/",
        "campaign": f"/environment/campaigns/{environment['environment.campaign']['own'].pk}/",
        "project": f"/investment/projects/{project.pk}/",
        "participate": f"/events/{events['events.event']['own'].pk}/participate/",
    }


def test_on_a_phone_the_detail_tables_are_cards_or_keep_their_first_column(
    page: Any, live_server: Any, world: World
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    at = samples(world)
    #: persona, page, its carded tables, its matrices
    pages = [
        ("park_leader", "/innovation/libraries/experts/", ["library-table"], []),
        ("park_leader", at["incubator"], ["graduates"], []),
        ("park_leader", "/alliance/", ["chain-table"], []),
        ("park_leader", at["chain"], ["member-table"], []),
        ("park_leader", at["action"], ["milestone-table"], []),
        ("economy_staff", "/economy/pipeline/?period=2023-12", ["decision-table"], []),
        ("economy_staff", "/economy/returns/missing/?period=2023-12", ["missing-table"], []),
        ("economy_staff", at["return"], ["revision-table"], []),
        ("environment_staff", at["campaign"], ["campaign-results"], []),
        ("investment_officer", at["project"], ["contract-table", "fund-arrivals"], []),
        ("service_staff", at["participate"], ["post-formset"], []),
        ("service_staff", "/appeals/statistics/", [], ["by-month"]),
        ("service_staff", "/events/stats/", [], ["stats-table"]),
        ("economy_staff", "/accounts/profile/", ["my-tokens"], []),
    ]
    base = live_server.url
    for persona, url, cards, matrices in pages:
        page.context.clear_cookies()
        page.set_viewport_size({"width": 390, "height": 844})
        sign_in(page, base, persona)
        page.goto(base + url)
        name = url.strip("/").replace("/", "-").split("?")[0]
        page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url
        for testid in cards:
            box = page.evaluate(BOX, testid)
            assert box["scroll"] <= box["client"] + 2, (url, testid, box)
            assert box["head"] == "none", (url, testid, box)
        for testid in matrices:
            box = page.evaluate(BOX, testid)
            assert box["scroll"] > box["client"], (url, testid, box)  # still a table, wider than the phone
            assert box["position"] == "sticky" and box["kept"], (url, testid, box)
        page.set_viewport_size({"width": 1440, "height": 900})
        page.goto(base + url)
        page.screenshot(path=str(SHOTS / f"{name}-1440.png"), full_page=True)
        for testid in cards + matrices:
            box = page.evaluate(BOX, testid)
            assert box["head"] != "none", (url, testid, box)
            assert box["position"] == "static", (url, testid, box)


def test_field_labels_keep_their_words_whole_on_a_phone_in_english(
    page: Any, live_server: Any, world: World
) -> None:
    """An English crawl at 390 px found the enterprise's registration details and a joint action's fields
    cutting their labels mid-word (“establishm/ent”, “Responsi/ble department”) in a third of the width; on a
    phone a label now sits above its value."""
    alliance = alliance_samples(world)
    investment = investment_samples(world)
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, "park_leader")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    for url in (
        f"/enterprises/{world.enterprise.pk}/",
        alliance["alliance.jointaction"]["own"].get_absolute_url(),
        alliance["alliance.need"]["own"].get_absolute_url(),
        investment["investment.project"]["own"].get_absolute_url(),
    ):
        page.goto(base + url)
        assert page.locator("main dt").count() > 3, url
        assert cut_words(page, "main dt") == [], url

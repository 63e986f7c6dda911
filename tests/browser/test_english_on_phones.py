"""The English pages on a phone, in Debian's chromium: English labels are longer than Chinese ones, and a
crawl of the demo at 390 px in English found 联盟's row of list buttons (455 px) and a monthly return's
energy table (465 px) wider than the screen, though both fit in Chinese. The head's buttons wrap and the
energy rows are cards; neither page scrolls sideways in either language. A second crawl in English found
twenty more tables scrolling inside their box (visits, the enterprise's statuses and contacts, its profile's
returns, chains and loans, a need's suggestions, an event's participants, the innovation dashboard, the tier
rules and evaluations, a project's months, the enterprise portal, a fund, 招商设置, the investment dashboard,
the energy benchmarks) and an account's grants making the page wider than the phone: each is cards now."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from scipark.alliance.testing import route_samples as alliance_samples
from scipark.core.testing import World, ensure_industry
from scipark.economy.models import ProjectMonthlyInvestment
from scipark.economy.testing import route_samples as economy_samples
from scipark.enterprises.models import Contact, EnterpriseStatus
from scipark.environment.models import EnergyBenchmark
from scipark.events.testing import route_samples as event_samples
from scipark.innovation.cultivation.defaults import DEFAULT_RULES
from scipark.innovation.models import Evaluation, RuleVersion, TierCertificate
from scipark.investment.models import FundInvestment, FundPartner, ReserveBand, Target
from scipark.investment.testing import YI
from scipark.investment.testing import route_samples as investment_samples

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_alliance_and_a_return_fit_a_phone_in_english_and_chinese(
    page: Any, live_server: Any, world: World
) -> None:
    alliance_samples(world)
    returned = economy_samples(world)["economy.monthlyreturn"]["own"]
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, "economy_staff")
    for language in ("en", "zh-hans"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for url in ("/alliance/", f"/economy/returns/{returned.pk}/"):
            page.goto(base + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (language, url)
        assert page.locator("[data-testid=energy-values] thead").is_hidden()  # the energy rows are cards


#: the shown table's box: how wide its content is against how wide it shows, and its header row shown or not
BOX = """testid => {
    const table = document.querySelector(`[data-testid=${testid}]`);
    const box = table.closest('.table-responsive') || table.parentElement;
    return {scroll: box.scrollWidth, client: box.clientWidth, head: getComputedStyle(table.tHead).display};
}"""

#: the labels of the card lines of the table ``testid`` that show nothing beside their label (no text, no
#: field or icon, no "—" drawn by scipark.css)
BLANK = """testid => [...document.querySelectorAll(`[data-testid=${testid}] td[data-label]`)].filter(td =>
    getComputedStyle(td).display !== 'none' && td.innerText.trim() === ''
    && !td.querySelector('input, select, textarea, img, svg, .bi')
    && ![td, ...td.querySelectorAll('*')].some(e => !['none', 'normal'].includes(getComputedStyle(e, '::after').content))
).map(td => td.dataset.label)"""

#: what a card writes for each empty value of the table ``testid``: its label shown, and "—" after it
EMPTY = """testid => [...document.querySelectorAll(`[data-testid=${testid}] td[data-label]:empty`)].map(
    td => [getComputedStyle(td).display, getComputedStyle(td, '::after').content])"""


def english_samples(world: World) -> dict[str, str]:
    """The rows of the pages the English crawl found scrolling sideways, and each page's address."""
    alliance = alliance_samples(world)
    economy = economy_samples(world)
    investment = investment_samples(world)
    events = event_samples(world)
    for default in DEFAULT_RULES:
        RuleVersion.objects.create(
            park=world.park, tier=default.tier, name=default.name, source=default.source,
            valid_from=default.valid_from, params=default.params,
        )  # fmt: skip
    Evaluation.objects.create(
        park=world.park, enterprise=world.enterprise, year=2023, tier="specialised",
        rule=RuleVersion.objects.get(park=world.park, tier="specialised"),
        qualifies=True, score_min=Decimal("70"), score_max=Decimal("70"),
    )  # fmt: skip
    today = timezone.localdate()
    TierCertificate.objects.create(
        park=world.park, enterprise=world.other_enterprise, tier="specialised", number="QH2023-ZJTX-0001",
        granted_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=30),
    )  # fmt: skip
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise,
        park=world.park,
        kind="above_scale_industry",
        valid_from=dt.date(2023, 1, 1),
    )
    Contact.objects.create(enterprise=world.enterprise, park=world.park, name="李华", position="总经理")
    project = economy["economy.fixedassetproject"]["own"]
    ProjectMonthlyInvestment.objects.create(
        park=world.park, project=project, period=dt.date(2023, 4, 1), amount=Decimal("1200000")
    )
    fund = investment["investment.fund"]["own"]
    FundPartner.objects.create(
        fund=fund, name="青海省科技成果转化引导基金", commitment=YI, share=Decimal("20")
    )
    FundInvestment.objects.create(
        fund=fund, project=investment["investment.project"]["own"], amount=YI, invested_on=dt.date(2023, 5, 1)
    )
    ReserveBand.objects.create(park=world.park, label="10亿–30亿元", lower=10 * YI, upper=30 * YI)
    Target.objects.create(park=world.park, year=today.year, indicator="funds_other_province", value=YI)
    EnergyBenchmark.objects.create(
        park=world.park, industry=ensure_industry(), intensity=Decimal("0.35"), valid_from=dt.date(2023, 1, 1),
        source="青海省重点行业能效标杆水平(2023年版)",
    )  # fmt: skip
    return {
        "enterprise": f"/enterprises/{world.enterprise.pk}/",
        "profile": f"/enterprises/{world.enterprise.pk}/profile/",
        "match": f"/alliance/needs/{alliance['alliance.need']['own'].pk}/match/",
        "event": f"/events/{events['events.event']['own'].pk}/",
        "project": f"/economy/projects/{project.pk}/",
        "fund": f"/investment/funds/{fund.pk}/",
        "user": f"/accounts/users/{world.user('economy_staff').pk}/",
    }


def test_the_tables_the_english_crawl_found_wide_fit_a_phone_in_both_languages(
    page: Any, live_server: Any, world: World
) -> None:
    """A crawl of the demo at 390 px in English found these tables scrolling sideways in their box (and the
    account page's grants making the page 423 px wide), though they fit in Chinese: each row is a card now.
    In both languages no page scrolls sideways, no carded table scrolls inside its box nor shows its header
    row, and an empty value (a contact without phone or e-mail, a status without note, a tick column's "no")
    reads "—" beside its label, never a bare label."""
    at = english_samples(world)
    #: persona, page, its carded tables
    pages = [
        ("service_staff", "/appeals/visits/", ["visit-table"]),
        ("service_staff", at["enterprise"], ["status-table", "contact-table"]),
        ("service_staff", at["match"], ["suggestion-table"]),
        ("service_staff", at["event"], ["participant-table"]),
        ("park_leader", at["profile"], ["profile-economy-table", "profile-alliance-table", "profile-loan-table"]),
        ("park_leader", "/enterprises/", ["enterprise-table"]),  # a tick column's "no" (在孵, 规上/限上)
        ("innovation_staff", "/innovation/", ["ladder", "candidates", "expiring"]),
        ("innovation_staff", "/innovation/rules/", ["rule-table"]),
        ("innovation_staff", "/innovation/evaluations/", ["evaluation-table"]),
        ("economy_staff", at["project"], ["investment-table"]),
        ("enterprise_user", "/economy/portal/", ["portal-table"]),
        ("investment_officer", at["fund"], ["partner-table", "fund-investment-table"]),
        ("investment_officer", "/investment/settings/", ["band-table", "target-table"]),
        ("investment_officer", "/investment/dashboard/", ["funnel"]),
        ("environment_staff", "/environment/energy/", ["benchmark-table"]),
        ("security_admin", at["user"], ["membership-table"]),
    ]  # fmt: skip
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    signed = None
    for persona, url, cards in pages:
        if persona != signed:
            page.context.clear_cookies()
            sign_in(page, base, persona)
            signed = persona
        for language in ("en", "zh-hans"):
            page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            page.goto(base + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (language, url)
            for testid in cards:
                box = page.evaluate(BOX, testid)
                assert box["scroll"] <= box["client"] + 1, (language, url, testid, box)
                assert box["head"] == "none", (language, url, testid, box)
                assert not page.evaluate(BLANK, testid), (language, url, testid)
            if url == at["enterprise"]:
                empty = page.evaluate(EMPTY, "contact-table") + page.evaluate(EMPTY, "status-table")
                assert len(empty) == 3 and all(shown == ["grid", '"—"'] for shown in empty), (language, empty)

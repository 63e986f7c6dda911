"""The zone cockpit's registry rows (``cockpit.ZONE_ROWS``) each have a many-parks form
(``core.figures.figure_for_parks``): for every park it gives exactly the figure the row's own function gives
— value, unit, basis, sources with their ids and counts, details, note, and the confidential cells the
zone viewer's suppression reads (SECURITY.md row 10) — and the zone's statements do not grow with the
number of parks.

Five parks of one zone with different records: world.park has some of everything (cancelled fairs, a fair
of the year before, projects landed in another year, below 5000万元 or not industrial, renewals, patents of
other kinds, unresolved appeals …), world.other_park and 乙 little, 甲 none, 丙 a little of each row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scipark.appeals.models import AppealChannel, AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core import figures
from scipark.core.figures import (
    Figure,
    compute_figures,
    compute_figures_for_parks,
    figure_as_dict,
    registered,
)
from scipark.core.roles import DepartmentKind
from scipark.core.testing import World, make_enterprise
from scipark.environment.models import Campaign, CampaignResult, CampaignRound, CampaignTarget
from scipark.environment.tests.helpers import campaign_with_round
from scipark.events.models import Participation, Post
from scipark.events.tests.conftest import TZ, make_event
from scipark.innovation.models import Incubation, Incubator, IntellectualProperty, TierCertificate
from scipark.investment.models import Project, Stage, StageChange
from scipark.investment.tests.conftest import Inv, staff_of
from scipark.reports import cockpit
from scipark.reports.cockpit import ZONE_ROWS, zone_cockpit

pytestmark = pytest.mark.django_db

YEAR = 2023
YI = Decimal(100_000_000)
WAN = Decimal(10_000)


@dataclass
class Zone:
    world: World
    parks: list[Any]  # world.park, world.other_park, 甲 (no records), 乙, 丙 — ordered by pk
    other_investment: Any  # the investment department's staff of world.other_park

    @property
    def full(self) -> list[Any]:
        """Two parks with records of every row (each grouped statement runs for them as for all five)."""
        return [self.world.park, self.parks[4]]


def _park(world: World, name: str, code: str) -> Any:
    park = apps.get_model("parks", "Park").objects.create(zone=world.zone, name=name, code=code)
    for kind in DepartmentKind:
        apps.get_model("parks", "Department").objects.create(park=park, kind=kind, name=str(kind.label))
    return park


# --- S2: job fairs -------------------------------------------------------------------------------------


def _fair(park: Any, when: dt.datetime, title: str, **extra: Any) -> Any:
    return make_event(park, "job_fair", when, title, **extra)


def _attend(fair: Any, enterprise: Any, resumes: int, hires: int, *posts: tuple[str, int]) -> None:
    part = Participation.objects.create(event=fair, enterprise=enterprise, resumes=resumes, hires=hires)
    for title, headcount in posts:
        Post.objects.create(participation=part, title=title, headcount=headcount)


def _job_fairs(world: World, yi: Any, bing: Any, yi_firms: list[Any], bing_firms: list[Any]) -> None:
    spring = _fair(
        world.park, dt.datetime(YEAR, 3, 18, 9, tzinfo=TZ), "春季招聘会", status="held", attendees=300
    )
    _attend(spring, world.enterprise, 12, 3, ("质检员", 4), ("化验员", 1))
    _attend(spring, world.other_enterprise, 5, 1, ("操作工", 2))
    _fair(world.park, dt.datetime(YEAR, 9, 23, 9, tzinfo=TZ), "秋季招聘会", status="held")  # nobody came
    _fair(world.park, dt.datetime(YEAR, 10, 1, 9, tzinfo=TZ), "取消的招聘会", status="cancelled")
    _fair(world.park, dt.datetime(YEAR - 1, 5, 1, 9, tzinfo=TZ), "上一年的招聘会", status="held")
    make_event(world.park, "training", dt.datetime(YEAR, 6, 1, 9, tzinfo=TZ), "培训")
    # 2023-12-31 23:30 in Shanghai is still 2023 (15:30 UTC).
    _fair(world.park, dt.datetime(YEAR, 12, 31, 23, 30, tzinfo=TZ), "跨年招聘会")
    _fair(world.other_park, dt.datetime(YEAR, 4, 1, 9, tzinfo=TZ), "外园取消的招聘会", status="cancelled")
    held = _fair(yi, dt.datetime(YEAR, 5, 20, 9, tzinfo=TZ), "乙园招聘会", status="held")
    _attend(held, yi_firms[0], 7, 2, ("电工", 3))
    own = _fair(bing, dt.datetime(YEAR, 7, 8, 9, tzinfo=TZ), "丙园招聘会", status="held")
    _attend(own, bing_firms[0], 3, 0)
    _attend(own, bing_firms[1], 4, 1, ("司机", 1))
    # 2024-01-01 00:30 in Shanghai is 2023-12-31 16:30 UTC: a fair of 2024.
    _fair(bing, dt.datetime(YEAR + 1, 1, 1, 0, 30, tzinfo=TZ), "新年招聘会")


# --- I3: landed industrial projects --------------------------------------------------------------------


def _landed(
    inv: Inv, park: Any, name: str, investor: str, planned: Decimal, *days: dt.date, **extra: Any
) -> Project:
    """A project of ``park`` that reached 落地 on each of ``days`` (the first counts)."""
    project = inv.project(
        Stage.LANDED, name=name, investor=investor, planned=planned, park=park, since=days[-1], **extra
    )
    for day in days:
        StageChange.objects.create(
            project=project, action="land", from_stage=Stage.SIGNED, to_stage=Stage.LANDED, happened_on=day
        )
    return project


def _projects(world: World, yi: Any, bing: Any) -> None:
    inv = Inv(world, None, None)
    park = world.park
    # Three investors, none over 85 %: the zone viewer sees world.park's I3.
    _landed(inv, park, "锂电池正极材料项目", "青海甲投资有限公司", Decimal("1.2") * YI, dt.date(YEAR, 3, 1))
    _landed(inv, park, "光伏组件项目", "上海乙能源有限公司", Decimal("0.9") * YI, dt.date(YEAR, 6, 30))
    _landed(inv, park, "门槛上的项目", "北京丙科技有限公司", 5000 * WAN, dt.date(YEAR, 12, 31))
    _landed(inv, park, "上一年落地的项目", "青海甲投资有限公司", 2 * YI, dt.date(YEAR - 1, 12, 31))
    _landed(inv, park, "下一年落地的项目", "青海甲投资有限公司", 2 * YI, dt.date(YEAR + 1, 1, 1))
    _landed(inv, park, "五千万以下的项目", "上海乙能源有限公司", 4999 * WAN, dt.date(YEAR, 5, 1))
    _landed(inv, park, "商业综合体", "北京丙科技有限公司", 3 * YI, dt.date(YEAR, 4, 1), is_industrial=False)
    # Landed first in 2022, went back and landed again in 2023: it landed in 2022.
    _landed(
        inv,
        park,
        "再次落地的项目",
        "上海乙能源有限公司",
        2 * YI,
        dt.date(YEAR - 1, 11, 1),
        dt.date(YEAR, 3, 1),
    )
    inv.project(Stage.SIGNED, name="已签约未落地", investor="青海甲投资有限公司", planned=2 * YI, park=park)
    # One investor: suppressed for the zone viewer.
    _landed(
        inv,
        world.other_park,
        "独家落地项目",
        "上海独家投资有限公司",
        Decimal(345_678_901),
        dt.date(YEAR, 7, 1),
    )
    # One investor written twice with other spacing: one contributor, suppressed.
    _landed(inv, yi, "乙园一期", "深圳 丁实业有限公司", 1 * YI, dt.date(YEAR, 2, 1))
    _landed(inv, yi, "乙园二期", "深圳丁实业 有限公司", 1 * YI, dt.date(YEAR, 8, 1))
    # Three investors, one holding more than 85 %: suppressed.
    _landed(inv, bing, "丙园大项目", "戊集团有限公司", 30 * YI, dt.date(YEAR, 9, 1))
    _landed(inv, bing, "丙园小项目一", "己有限公司", 1 * YI, dt.date(YEAR, 9, 2))
    _landed(inv, bing, "丙园小项目二", "庚有限公司", 1 * YI, dt.date(YEAR, 9, 3))


# --- T1, T2, T5: incubation, tiers, patents ------------------------------------------------------------


def _incubator(park: Any, name: str) -> Incubator:
    return Incubator.objects.create(
        park=park,
        name=name,
        opened_on=dt.date(2018, 1, 1),
        area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(3000),
    )


def _stay(incubator: Incubator, enterprise: Any, entered: dt.date, left: dt.date | None = None) -> None:
    Incubation.objects.create(
        park=incubator.park,
        incubator=incubator,
        enterprise=enterprise,
        entered_on=entered,
        left_on=left,
        outcome="" if left is None else Incubation.Outcome.EXITED,
    )


def _certificate(park: Any, enterprise: Any, tier: str, granted: dt.date) -> None:
    TierCertificate.objects.create(park=park, enterprise=enterprise, tier=tier, granted_on=granted)


def _patent(
    park: Any, number: str, kind: str, granted: dt.date | None, applied: dt.date | None = None
) -> None:
    IntellectualProperty.objects.create(
        park=park,
        owner_name="某企业",
        kind=kind,
        number=number,
        title=f"专利{number}",
        granted_on=granted,
        applied_on=applied,
        status="granted" if granted else "applied",
    )


def _innovation(world: World, yi: Any, bing: Any, yi_firms: list[Any], bing_firms: list[Any]) -> None:
    park, own, other = world.park, world.enterprise, world.other_enterprise
    first, second = _incubator(park, "创业孵化器"), _incubator(park, "众创空间")
    _stay(first, own, dt.date(2022, 1, 1))
    _stay(first, other, dt.date(2021, 3, 1), dt.date(YEAR, 6, 30))  # left before the year's end
    _stay(first, other, dt.date(YEAR, 8, 1))  # and came back
    _stay(second, own, dt.date(YEAR, 2, 1), dt.date(YEAR + 1, 3, 1))  # in two incubators: counted once
    _stay(second, other, dt.date(YEAR + 1, 1, 5))  # entered after the year's end
    gone = _incubator(world.other_park, "外园孵化器")
    _stay(gone, world.foreign_enterprise, dt.date(2020, 1, 1), dt.date(YEAR, 12, 30))
    _stay(_incubator(bing, "丙园孵化器"), bing_firms[0], dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31))

    _certificate(park, own, "high_tech", dt.date(2020, 11, 1))
    _certificate(park, own, "high_tech", dt.date(YEAR, 11, 1))  # a renewal: not new
    _certificate(park, own, "tech_sme", dt.date(YEAR, 5, 1))
    _certificate(park, other, "tech_sme", dt.date(YEAR - 1, 5, 1))
    _certificate(park, other, "tech_sme", dt.date(YEAR, 5, 1))  # registered again: not new
    _certificate(park, other, "specialised", dt.date(YEAR, 7, 1))
    # world.other_park's certificates are all of later years, 乙's all of earlier ones: no T2, and T2 of 0.
    _certificate(world.other_park, world.foreign_enterprise, "tech_sme", dt.date(YEAR + 1, 3, 1))
    _certificate(bing, bing_firms[1], "tech_sme", dt.date(YEAR, 4, 1))
    _certificate(yi, yi_firms[0], "high_tech", dt.date(YEAR - 2, 4, 1))

    _patent(park, "ZL1", "invention", dt.date(YEAR, 3, 1), dt.date(2020, 1, 1))
    _patent(park, "ZL2", "invention", dt.date(YEAR, 3, 1))
    _patent(park, "ZL3", "utility_model", dt.date(YEAR, 9, 1), dt.date(YEAR - 1, 9, 1))
    _patent(park, "ZL4", "design", dt.date(YEAR - 1, 9, 1))
    _patent(park, "ZL5", "invention", None, dt.date(YEAR, 1, 1))  # applied, not granted
    _patent(park, "RZ1", "software", dt.date(YEAR, 5, 1))  # not a patent
    _patent(world.other_park, "ZL6", "utility_model", dt.date(YEAR - 1, 2, 1))
    _patent(yi, "RZ2", "software", dt.date(YEAR, 5, 1))  # no patent at all: no figure
    _patent(bing, "ZL7", "design", dt.date(YEAR, 12, 31))


# --- G4: water monitoring ------------------------------------------------------------------------------


def _campaigns(world: World, bing: Any, bing_firms: list[Any]) -> None:
    campaign, target, first = campaign_with_round(world.park, world.enterprise)
    other = CampaignTarget.objects.create(
        park=world.park, campaign=campaign, enterprise=world.other_enterprise, joined_on=dt.date(YEAR, 1, 1)
    )
    second = CampaignRound.objects.create(
        park=world.park,
        campaign=campaign,
        number=2,
        starts_on=dt.date(YEAR, 9, 1),
        ends_on=dt.date(YEAR, 11, 30),
    )
    for t, rnd, day in (
        (target, first, dt.date(YEAR, 5, 5)),
        (other, first, dt.date(YEAR, 6, 1)),
        (target, second, dt.date(YEAR, 10, 1)),
    ):
        CampaignResult.objects.create(park=world.park, target=t, round=rnd, done_on=day, outcome="compliant")
    campaign_with_round(world.park, world.other_enterprise, kind=Campaign.Kind.WASTE_INSPECTION)
    Campaign.objects.filter(pk=campaign_with_round(world.other_park, world.foreign_enterprise)[0].pk).update(
        year=YEAR - 1
    )
    campaign_with_round(bing, bing_firms[0])  # no result yet


# --- S1: appeals ---------------------------------------------------------------------------------------


def _appeals(world: World, bing: Any) -> None:
    telecom = make_category(world.park, "telecom", name="通信网络")
    roads = make_category(world.park, "roads", name="道路交通")
    number = iter(range(1, 100))

    def closed(park: Any, category: Any, at: dt.datetime, *, resolved: bool = True, **extra: Any) -> None:
        make_appeal(
            park,
            category,
            number=f"Z{next(number):05d}",
            state=AppealState.CONCLUDED,
            closed_at=at,
            resolved=resolved,
            received_at=at - dt.timedelta(days=3),
            **extra,
        )

    closed(world.park, telecom, dt.datetime(YEAR, 2, 10, 10, tzinfo=TZ))
    closed(world.park, telecom, dt.datetime(YEAR, 2, 20, 10, tzinfo=TZ), channel=AppealChannel.PHONE)
    closed(world.park, roads, dt.datetime(YEAR, 8, 1, 10, tzinfo=TZ))
    closed(world.park, roads, dt.datetime(YEAR, 9, 1, 10, tzinfo=TZ), resolved=False)
    closed(world.park, roads, dt.datetime(YEAR - 1, 12, 31, 23, 0, tzinfo=TZ))
    make_appeal(world.park, telecom, number="Z00900")  # still open
    other = make_category(world.other_park, "telecom", name="通信网络")
    closed(world.other_park, other, dt.datetime(YEAR + 1, 1, 1, 0, 30, tzinfo=TZ))  # 2024 in Shanghai
    closed(bing, make_category(bing, "power", name="供电"), dt.datetime(YEAR, 12, 31, 23, 0, tzinfo=TZ))


@pytest.fixture(scope="module")
def zone(module_world: World) -> Zone:
    world = module_world
    made = [_park(world, name, f"rows-{n}") for n, name in enumerate(("甲园区", "乙园区", "丙园区"))]
    yi, bing = made[1], made[2]
    yi_firms = [make_enterprise(yi, 300 + n, f"乙园企业{n}有限公司") for n in range(2)]
    bing_firms = [make_enterprise(bing, 310 + n, f"丙园企业{n}有限公司") for n in range(2)]
    _job_fairs(world, yi, bing, yi_firms, bing_firms)
    _projects(world, yi, bing)
    _innovation(world, yi, bing, yi_firms, bing_firms)
    _campaigns(world, bing, bing_firms)
    _appeals(world, bing)
    parks = list(apps.get_model("parks", "Park").objects.filter(zone=world.zone).order_by("pk"))
    assert [p.pk for p in parks] == [world.park.pk, world.other_park.pk, *(p.pk for p in made)]
    return Zone(world, parks, staff_of(world.other_park, "rows_other_investment"))


def _one_and_many(row: str) -> tuple[Callable[[Any, int], Figure], Callable[[Sequence[Any], int], Any]]:
    figures.discover()
    return figures._REGISTRY[row].function, figures._FOR_PARKS[row]


@pytest.mark.parametrize("row", ZONE_ROWS)
def test_each_zone_row_has_a_many_parks_form_that_gives_each_park_its_own_figure(
    zone: Zone, row: str
) -> None:
    one, many = _one_and_many(row)
    found = many(zone.parks, YEAR)
    assert set(found) == {p.pk for p in zone.parks}
    spec = figures._REGISTRY[row]
    for park in zone.parks:
        alone = one(park, YEAR)
        assert found[park.pk] == alone, (row, park.name)  # the dataclasses, confidential cells included
        assert figure_as_dict(spec, found[park.pk]) == figure_as_dict(spec, alone)
    # A park's figure does not depend on which other parks were read with it.
    assert many(zone.parks[::-1], YEAR) == found
    assert many([zone.parks[2]], YEAR) == {zone.parks[2].pk: found[zone.parks[2].pk]}


def test_the_records_give_what_each_row_counts(zone: Zone) -> None:
    """The comparison above is of figures with something in them: the expected values, by hand."""
    found = compute_figures_for_parks(zone.parks, YEAR, ZONE_ROWS)
    values = {row: [found[p.pk][row]["value"] for p in zone.parks] for row in ZONE_ROWS}
    assert values["S2"] == [3, 0, 0, 1, 1]
    assert values["I3"] == [3, 1, 0, 2, 3]
    assert values["T1"] == [2, 0, None, None, 1]
    assert values["T2"] == [2, None, None, 0, 1]
    assert values["T5"] == [3, 0, None, None, 1]
    assert values["G4"] == [2, None, None, None, 1]
    assert values["S1"] == [3, 0, 0, 0, 1]
    park = found[zone.world.park.pk]
    spring = park["S2"]["details"]["fairs"][0]
    assert (spring["enterprises"], spring["posts"], spring["headcount"], spring["hires"]) == (2, 3, 7, 4)
    assert park["S2"]["sources"][1]["count"] == 2
    assert [p["name"] for p in park["I3"]["details"]["projects"]] == [
        "门槛上的项目",
        "光伏组件项目",
        "锂电池正极材料项目",
    ]
    assert park["I3"]["details"]["total_investment_yi"] == 2.6
    assert park["T1"]["details"]["by_incubator"] == {"众创空间": 1, "创业孵化器": 2}
    assert park["T1"]["sources"][0]["count"] == 3
    assert park["T2"]["details"]["previous_year"]["tech_sme"] == 1
    assert park["T2"]["sources"][0]["count"] == 4
    assert park["T5"]["details"] == {
        "by_kind": {"invention": 2, "utility_model": 1, "design": 0},
        "previous_year": 1,
    }
    assert park["G4"]["details"]["done"] == 3 and park["G4"]["details"]["planned"] == 4
    assert park["S1"]["details"]["by_month"] == {"02": 2, "08": 1}


#: Which parks' I3 each viewer finds suppressed (world.park, world.other_park, 甲, 乙, 丙): shown with three
#: investors, hidden with one investor, one investor spelt twice, or one over 85 % — unless the viewer may
#: see the park's individual investment data.
SUPPRESSED_I3 = {
    "zone_viewer": [False, True, False, True, True],
    "park_leader": [False, True, False, True, True],
    "other_investment": [False, False, False, True, True],
}


@pytest.mark.parametrize("persona", list(SUPPRESSED_I3))
def test_the_viewers_suppression_of_i3_is_the_same_on_both_paths(zone: Zone, persona: str) -> None:
    viewer = zone.other_investment if persona == "other_investment" else zone.world.user(persona)
    found = compute_figures_for_parks(zone.parks, YEAR, ["I3"], viewer=viewer)
    for park in zone.parks:
        assert found[park.pk] == compute_figures(park, YEAR, ["I3"], viewer=viewer), park.name
    assert [found[p.pk]["I3"]["suppressed"] for p in zone.parks] == SUPPRESSED_I3[persona]
    hidden = found[zone.parks[3].pk]["I3"]
    assert hidden["value"] == 2  # a count (Confidential.value_is_count): only its sums are hidden
    assert hidden["details"]["projects"] is None and hidden["details"]["total_investment_yi"] is None
    assert hidden["sources"][0]["ids"] == [] and hidden["sources"][0]["count"] == 2


def _statements(call: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """How many statements ``call(*args, **kwargs)`` runs."""
    with CaptureQueriesContext(connection) as queries:
        call(*args, **kwargs)
    return len(queries)


def test_the_zone_rows_read_the_same_number_of_statements_for_two_parks_or_five(zone: Zone) -> None:
    viewer = zone.world.user("zone_viewer")
    compute_figures_for_parks(zone.parks, YEAR, ZONE_ROWS, viewer=viewer)  # the viewer's scope, read once
    counts = [
        _statements(compute_figures_for_parks, some, YEAR, ZONE_ROWS, viewer=viewer)
        for some in (zone.full, zone.parks)
    ]
    assert counts[0] == counts[1], counts
    for row in ZONE_ROWS:  # and row by row
        _one, many = _one_and_many(row)
        assert _statements(many, zone.full, YEAR) == _statements(many, zone.parks, YEAR), row


def test_the_zone_cockpit_reads_the_same_number_of_statements_for_two_parks_or_five(
    zone: Zone, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the registry's rows this time (test_zone_columns pins economy's reads without them), for 2023:
    these parks have no returns, so the cockpit would open on last month's year otherwise."""
    assert {spec.row_id for spec in registered()} >= set(ZONE_ROWS)
    monkeypatch.setattr(cockpit, "cockpit_opening", lambda reach: (dt.date(YEAR, 12, 1), False))
    user = zone.world.user("zone_viewer")
    zone_cockpit(user, zone.parks)
    counts = [_statements(zone_cockpit, user, some) for some in (zone.full, zone.parks)]
    assert counts[0] == counts[1], counts

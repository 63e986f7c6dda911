"""A campaign's target set by rule: the rule read and refused, enterprises entering and leaving as the facts
change, coverage following the set, the department's page, and nobody else's write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from scipark.core.access import AccessDenied
from scipark.core.testing import World, ensure_industry, make_enterprise
from scipark.enterprises.models import Enterprise
from scipark.environment import selectors
from scipark.environment.models import Campaign, CampaignResult, CampaignRound, CampaignTarget, WasteProducer
from scipark.environment.services import campaign_apply_rule
from scipark.environment.targeting import EnterpriseFacts, Member, RuleError, TargetRule, reconcile

D1, D2 = dt.date(2023, 3, 1), dt.date(2023, 9, 1)

# --- the pure rule ------------------------------------------------------------------------------------


def facts(pk: int, code: str = "2710", *, tags: tuple[str, ...] = (), producer: str | None = None,
          operating: bool = True) -> EnterpriseFacts:  # fmt: skip
    return EnterpriseFacts(pk, code, frozenset(tags), producer, operating)


@pytest.mark.parametrize(
    ("rule", "taken"),
    [
        ({"industries": ["27"]}, {1, 2, 5}),  # 大类 27: 2710, 2720, and the key producer
        ({"industries": "2620, 2720"}, {2, 3}),  # a comma list, 小类 codes
        ({"industries": ["262"]}, {3}),  # 中类
        ({"tags": ["涉水"]}, {2, 3}),
        ({"industries": ["27"], "tags": ["涉水"]}, {2}),  # AND
        ({"producers": "any"}, {4, 5}),
        ({"producers": "key"}, {5}),
        ({"producers": "non_key"}, {4}),
        ({"all": True}, {1, 2, 3, 4, 5}),  # every operating enterprise: not 6
    ],
)
def test_which_enterprises_a_rule_takes(rule: dict[str, Any], taken: set[int]) -> None:
    park = [
        facts(1, "2710"),
        facts(2, "2720", tags=("涉水",)),
        facts(3, "2620", tags=("涉水", "重点")),
        facts(4, "1492", producer="non_key"),
        facts(5, "2761", producer="key"),
        facts(6, "2710", tags=("涉水",), producer="key", operating=False),
    ]
    parsed = TargetRule.from_data(rule)
    assert parsed is not None
    assert {f.enterprise_id for f in park if parsed.takes(f)} == taken


@pytest.mark.parametrize(
    ("rule", "named"),
    [
        ({"industries": ["C27"]}, "行业代码"),
        ({"industries": ["2"]}, "行业代码"),
        ({"producers": "big"}, "产废单位"),
        ({"sizes": ["large"]}, "未知条件"),
        ({"tags": 5}, "标签"),
        ({"industries": [], "tags": []}, "至少要有一个条件"),
        ("27", "JSON 对象"),
    ],
)
def test_a_rule_that_cannot_be_read_is_refused_naming_the_field(rule: Any, named: str) -> None:
    with pytest.raises(RuleError, match=named):
        TargetRule.from_data(rule)


def test_no_rule_means_a_typed_list() -> None:
    assert TargetRule.from_data({}) is None
    assert TargetRule.from_data(None) is None


def test_reconcile_joins_leaves_and_reports_a_returning_enterprise() -> None:
    rule = TargetRule(industries=("27",))
    park = [facts(1), facts(2), facts(3, "1492"), facts(4), facts(5, "1492")]
    members = [
        Member(2, D1),  # still taken: stays
        Member(3, D1),  # no longer taken: leaves
        Member(4, D1, left_on=dt.date(2023, 5, 1)),  # left before, taken again: reported only
        Member(5, D1, left_on=dt.date(2023, 5, 1)),  # left before, still not taken: nothing
    ]
    plan = reconcile(rule, park, members, D2)
    assert (plan.join, plan.leave, plan.returning) == ((1,), (3,), (4,))
    assert plan.changes
    # Applied again on the same day with the set brought in line: nothing more to do.
    after = [Member(1, D2), Member(2, D1), Member(3, D1, D2), Member(4, D1, dt.date(2023, 5, 1)),
             Member(5, D1, dt.date(2023, 5, 1))]  # fmt: skip
    assert not reconcile(rule, park, after, D2).changes


def test_a_member_that_joins_later_than_the_day_is_not_made_to_leave_before_it_joined() -> None:
    plan = reconcile(TargetRule(industries=("14",)), [facts(1, "2710")], [Member(1, D2)], D1)
    assert plan.leave == ()


# --- the service, on the database ---------------------------------------------------------------------


@pytest.fixture
def campaign(world: World) -> Campaign:
    campaign = Campaign.objects.create(
        park=world.park, kind="water_monitoring", year=2023, title="涉水企业监测"
    )
    CampaignRound.objects.create(
        park=world.park,
        campaign=campaign,
        number=1,
        starts_on=dt.date(2023, 4, 1),
        ends_on=dt.date(2023, 6, 30),
    )
    CampaignRound.objects.create(
        park=world.park,
        campaign=campaign,
        number=2,
        starts_on=dt.date(2023, 10, 1),
        ends_on=dt.date(2023, 12, 31),
    )
    return campaign


def apply(world: World, campaign: Campaign, rule: dict[str, Any] | None, on: dt.date) -> Any:
    campaign.refresh_from_db()
    return campaign_apply_rule(
        user=world.user("environment_staff"),
        campaign=campaign,
        rule=rule,
        on=on,
        expected_version=campaign.version,
    )


def in_set(campaign: Campaign) -> dict[str, tuple[dt.date, dt.date | None]]:
    return {
        t.enterprise.name: (t.joined_on, t.left_on)
        for t in CampaignTarget.objects.filter(campaign=campaign).select_related("enterprise")
    }


def test_enterprises_enter_and_leave_the_set_as_the_rule_and_their_facts_change(
    world: World, campaign: Campaign
) -> None:
    ensure_industry("2620", "非专业视听设备制造")
    pharma = make_enterprise(
        world.park, 9101, "青海水务制药", industry=ensure_industry("2720", "化学药品制剂制造")
    )
    other = make_enterprise(
        world.park, 9102, "高原电子", industry=ensure_industry("2620", "非专业视听设备制造")
    )
    applied = apply(world, campaign, {"industries": ["27"]}, D1)
    taken = in_set(campaign)
    assert taken["青海水务制药"] == (D1, None)
    assert "高原电子" not in taken
    assert set(applied.plan.join) == {
        e.pk
        for e in Enterprise.objects.filter(
            park=world.park, industry__code__startswith="27", status="operating"
        )
    }
    assert Campaign.objects.get(pk=campaign.pk).target_rule == {"industries": ["27"]}

    # The firm stops operating in summer: on 1 September it leaves; round 1 still counts it.
    CampaignResult.objects.create(
        park=world.park, target=CampaignTarget.objects.get(campaign=campaign, enterprise=pharma),
        round=campaign.rounds.get(number=1), done_on=dt.date(2023, 5, 5), outcome="compliant",
    )  # fmt: skip
    Enterprise.objects.filter(pk=pharma.pk).update(status=Enterprise.Status.SUSPENDED)
    Enterprise.objects.filter(pk=other.pk).update(industry_id="2720")  # and another now falls under 27
    applied = apply(world, campaign, None, D2)  # the stored rule
    taken = in_set(campaign)
    assert taken["青海水务制药"] == (D1, D2)
    assert taken["高原电子"] == (D2, None)
    assert applied.plan.leave == (pharma.pk,) and other.pk in applied.plan.join
    assert CampaignTarget.objects.get(campaign=campaign, enterprise=pharma).left_reason == "不再符合对象规则"
    members = CampaignTarget.objects.filter(campaign=campaign).count()
    cov = selectors.campaign_coverage(Campaign.objects.get(pk=campaign.pk))
    # Round 1 (ends 30 June): every member but the late joiner; round 2: every member but the leaver.
    assert cov.planned == (members - 1) * 2
    assert cov.done == 1


def test_key_producers_join_as_key_targets(world: World, campaign: Campaign) -> None:
    WasteProducer.objects.create(park=world.park, enterprise=world.enterprise, is_key=True, registered_on=D1)
    WasteProducer.objects.create(
        park=world.park, enterprise=world.other_enterprise, is_key=False, registered_on=D1
    )
    apply(world, campaign, {"producers": "any"}, D2)
    categories = dict(
        CampaignTarget.objects.filter(campaign=campaign).values_list("enterprise_id", "category")
    )
    assert categories == {world.enterprise.pk: "key", world.other_enterprise.pk: "non_key"}


def test_bad_rule_date_or_version_writes_nothing(world: World, campaign: Campaign) -> None:
    with pytest.raises(ValidationError) as caught:
        apply(world, campaign, {"industries": ["药"]}, D1)
    assert "target_rule" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        apply(world, campaign, {"industries": ["27"]}, dt.date(2024, 1, 2))
    assert "2023" in caught.value.message_dict["on"][0]
    assert not CampaignTarget.objects.filter(campaign=campaign).exists()
    assert Campaign.objects.get(pk=campaign.pk).target_rule == {}


def test_only_the_department_sets_a_rule(world: World, campaign: Campaign) -> None:
    for who in ("enterprise_user", "economy_staff"):
        with pytest.raises(AccessDenied):
            campaign_apply_rule(
                user=world.user(who),
                campaign=campaign,
                rule={"all": True},
                on=D1,
                expected_version=campaign.version,
            )
    assert not CampaignTarget.objects.filter(campaign=campaign).exists()


def test_the_rule_page(world: World, client_for: Any, campaign: Campaign) -> None:
    url = reverse("environment:campaign_rule", args=[campaign.pk])
    staff = client_for("environment_staff")
    assert staff.get(url).status_code == 200
    refused = staff.post(url, {"industries": "化工", "on": "2023-03-01", "version": campaign.version})
    assert refused.status_code == 400 and "行业代码" in refused.content.decode()
    done = staff.post(url, {"all": "on", "on": "2023-03-01", "version": campaign.version})
    assert done.status_code == 302
    page = staff.get(campaign.get_absolute_url()).content.decode()
    assert "园区全部在营企业" in page and world.enterprise.name in page
    assert client_for("economy_staff").get(url).status_code == 403


def test_the_campaign_list_shows_coverage_per_page(world: World, client_for: Any, campaign: Campaign) -> None:
    apply(world, campaign, {"all": True}, D1)
    target = CampaignTarget.objects.filter(campaign=campaign).first()
    assert target is not None
    CampaignResult.objects.create(
        park=world.park, target=target, round=campaign.rounds.get(number=1), done_on=dt.date(2023, 5, 5),
        outcome="compliant",
    )  # fmt: skip
    planned = CampaignTarget.objects.filter(campaign=campaign).count() * 2
    response = client_for("environment_staff").get(
        reverse("environment:campaign_list"), {"q": "涉水企业监测"}
    )
    row = next(r for r in response.context["table"].page.object_list if r.record.pk == campaign.pk)
    assert (row.get_cell("planned"), row.get_cell("done")) == (planned, 1)
    assert row.get_cell("rate") == f"{Decimal(100) / planned:.0f}%"


# --- a new campaign ------------------------------------------------------------------------------------

NEW = {"kind": "soil_monitoring", "year": 2023, "title": "土壤监测全覆盖"}


def test_the_department_creates_a_campaign_with_its_rounds_then_sets_its_targets(
    world: World, client_for: Any
) -> None:
    staff = client_for("environment_staff")
    list_page = staff.get(reverse("environment:campaign_list")).content.decode()
    assert reverse("environment:campaign_add") in list_page
    response = staff.post(
        reverse("environment:campaign_add"),
        {"park": world.park.pk, **NEW, "round1_starts_on": "2023-04-01", "round1_ends_on": "2023-06-30",
         "round3_starts_on": "2023-10-01", "round3_ends_on": "2023-12-31"},
    )  # fmt: skip
    assert response.status_code == 302
    campaign = Campaign.objects.get(park=world.park, title="土壤监测全覆盖")
    assert list(campaign.rounds.values_list("number", "starts_on", "ends_on")) == [
        (1, dt.date(2023, 4, 1), dt.date(2023, 6, 30)),
        (2, dt.date(2023, 10, 1), dt.date(2023, 12, 31)),  # numbered in order, the gap closed
    ]
    assert response["Location"] == campaign.get_absolute_url()
    applied = apply(world, campaign, {"all": True}, D1)
    assert world.enterprise.pk in applied.plan.join


@pytest.mark.parametrize(
    ("rounds", "field", "named"),
    [
        ({"round1_starts_on": "2023-06-30", "round1_ends_on": "2023-04-01"}, "round1_ends_on", "早于"),
        ({"round1_starts_on": "2022-12-01", "round1_ends_on": "2023-01-31"}, "round1_starts_on", "2023"),
        ({"round1_starts_on": "2023-04-01", "round1_ends_on": "2023-06-30", "round2_starts_on": "2023-09-01"},
         "round2_ends_on", "第 2 轮"),
        ({}, "round1_starts_on", ""),
    ],
)  # fmt: skip
def test_a_bad_round_is_refused_naming_the_field_and_nothing_is_written(
    world: World, client_for: Any, rounds: dict[str, str], field: str, named: str
) -> None:
    response = client_for("environment_staff").post(
        reverse("environment:campaign_add"), {"park": world.park.pk, **NEW, **rounds}
    )
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert named in str(response.context["form"].errors[field])
    assert not Campaign.objects.filter(title=NEW["title"]).exists()


def test_only_the_department_creates_campaigns(world: World, client_for: Any) -> None:
    for who in ("economy_staff", "enterprise_user"):
        assert client_for(who).get(reverse("environment:campaign_add")).status_code == 403

"""Sample alliances for tests and the route matrix: one in the world's park, one in the other park."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scipark.core.testing import as_shown
from scipark.parks.models import Department

from .models import Alliance, Chain, ChainMember, JointAction, Milestone, Need, PartyOrganization, Resource


@dataclass
class AllianceWorld:
    """An alliance with one chain, both world enterprises as members, a party org, lists and an action."""

    alliance: Alliance
    chain: Chain
    member: ChainMember
    other_member: ChainMember
    party_org: PartyOrganization
    need: Need  # the enterprise's own, unpublished
    other_need: Need  # the other enterprise's, published
    resource: Resource
    other_resource: Resource
    action: JointAction
    milestone: Milestone


def build_alliance(park: Any, enterprise: Any, other_enterprise: Any, *, suffix: str = "") -> AllianceWorld:
    """Write a small alliance in ``park`` (``other_enterprise`` may be None for a foreign one)."""
    service = Department.objects.get(park=park, kind="service")
    alliance = Alliance.objects.create(
        park=park, name=f"测试医药产业链党建联盟{suffix}", lead_department=service
    )
    chain = Chain.objects.create(alliance=alliance, name="新型医药", position=1)
    member = ChainMember.objects.create(
        chain=chain, kind="enterprise", enterprise=enterprise, segment="midstream", role="化学药品制剂"
    )
    other_member = member
    if other_enterprise is not None:
        other_member = ChainMember.objects.create(
            chain=chain, kind="enterprise", enterprise=other_enterprise, segment="upstream", role="药用辅料"
        )
    party_org = PartyOrganization.objects.create(
        alliance=alliance,
        name=f"{enterprise.name}党支部",
        kind="branch",
        secretary="李书记",
        member_count=12,
        enterprise=enterprise,
    )
    ChainMember.objects.create(chain=chain, kind="party_org", party_org=party_org)
    ChainMember.objects.create(chain=chain, kind="department", department=service)
    day = dt.date(2023, 5, 8)
    need = Need.objects.create(
        alliance=alliance,
        chain=chain,
        enterprise=enterprise,
        title="厂区周边通信信号弱",
        category="supporting",
        keywords="通信信号、基站",
        description="厂区及周边移动通信信号弱,影响生产调度。",
        raised_on=day,
    )
    other_need = Need.objects.create(
        alliance=alliance,
        chain=chain,
        enterprise=other_enterprise or enterprise,
        title="招聘质量检验人员",
        category="labour",
        keywords="质检、招聘",
        raised_on=day,
        published=True,
    )
    resource = Resource.objects.create(
        alliance=alliance,
        chain=chain,
        enterprise=enterprise,
        title="GMP 洁净车间代加工",
        category="technology",
        keywords="洁净车间、代加工",
        valid_from=day,
        published=True,
    )
    other_resource = Resource.objects.create(
        alliance=alliance,
        department=service,
        title="基站建设协调服务",
        category="supporting",
        keywords="基站、通信信号、网络覆盖",
        description="协调通信运营商开展基站建设与信号优化。",
        valid_from=day,
    )
    action = JointAction.objects.create(
        alliance=alliance,
        chain=chain,
        title="厂区通信信号优化",
        owner_department=service,
        owner_person="韩明",
        start_on=day,
        due_on=day + dt.timedelta(days=30),
        published=False,
    )
    action.needs.set([need])
    action.resources.set([other_resource])
    action.partners.set([enterprise])
    milestone = Milestone.objects.create(action=action, title="实地走访", due_on=day + dt.timedelta(days=3))
    return AllianceWorld(
        alliance,
        chain,
        member,
        other_member,
        party_org,
        need,
        other_need,
        resource,
        other_resource,
        action,
        milestone,
    )


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    """own = the enterprise's rows, other = the other enterprise's (published where the model allows),
    foreign = rows of an alliance in the other park."""
    own = build_alliance(world.park, world.enterprise, world.other_enterprise)
    foreign = build_alliance(world.other_park, world.foreign_enterprise, None, suffix="(南川)")
    other_org = PartyOrganization.objects.create(
        alliance=own.alliance, name="青海另一家胶囊有限公司党支部", enterprise=world.other_enterprise
    )
    other_action = JointAction.objects.create(
        alliance=own.alliance,
        title="质检人员联合招聘",
        owner_department=own.action.owner_department,
        owner_person="韩明",
        start_on=dt.date(2023, 6, 1),
        due_on=dt.date(2023, 7, 1),
        published=True,
    )
    other_action.needs.set([own.other_need])
    other_action.partners.set([world.other_enterprise])
    other_milestone = Milestone.objects.create(
        action=other_action, title="发布岗位", due_on=dt.date(2023, 6, 5)
    )
    return {
        "alliance.alliance": {"own": own.alliance, "other": own.alliance, "foreign": foreign.alliance},
        "alliance.chain": {"own": own.chain, "other": own.chain, "foreign": foreign.chain},
        "alliance.chainmember": {"own": own.member, "other": own.other_member, "foreign": foreign.member},
        "alliance.partyorganization": {
            "own": own.party_org,
            "other": other_org,
            "foreign": foreign.party_org,
        },
        "alliance.need": {"own": own.need, "other": own.other_need, "foreign": foreign.need},
        "alliance.resource": {"own": own.resource, "other": own.other_resource, "foreign": foreign.resource},
        "alliance.jointaction": {"own": own.action, "other": other_action, "foreign": foreign.action},
        "alliance.milestone": {"own": own.milestone, "other": other_milestone, "foreign": foreign.milestone},
    }


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "alliance:action_edit": as_shown,
    "alliance:milestone_done": as_shown,
    "alliance:need_edit": as_shown,
    "alliance:need_transition": as_shown,
    "alliance:resource_edit": as_shown,
    "alliance:resource_withdraw": as_shown,
    "alliance:member_remove": as_shown,
}
#: Route matrix: POST routes whose valid data is not declared yet, with what their form as shown gets.
WITHOUT_VALID_DATA = {
    "alliance:alliance_add": 400,
    "alliance:chain_add": 400,
    "alliance:party_org_add": 400,
    "alliance:member_add": 400,
    "alliance:need_add": 400,
    "alliance:need_match": 400,
    "alliance:resource_add": 400,
    "alliance:milestone_add": 400,
    "alliance:action_transition": 400,
}
#: Route matrix: allowed by role, refused by the alliance's own rule.
ROUTE_STATUS = {
    ("alliance:member_remove", "POST", "enterprise_user"): (403, "only the lead department removes members"),
}

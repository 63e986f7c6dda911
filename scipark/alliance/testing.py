"""Sample alliances for tests and the route matrix: one in the world's park, one in the other park."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scipark.core.testing import as_shown
from scipark.parks.models import Department, Park

from .models import Alliance, Chain, ChainMember, JointAction, Milestone, Need, PartyOrganization, Resource
from .views.items import alliances_for_new_items


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


def _found(world: Any, obj: Any, user: Any) -> dict[str, Any]:
    """Found an alliance in a park the user serves, after moving that park's alliance to a park of its own:
    a park has one alliance, and both of the world's parks have theirs."""
    park = Park.objects.restrict(user, "add", domain="service").order_by("pk").first()
    if park is None:
        return {}
    spare = Park.objects.create(zone=park.zone, name=f"{park.name}(联盟迁出)", code=f"{park.code}-moved")
    Alliance.objects.filter(park=park).update(park=spare)
    lead = Department.objects.get(park=park, kind="service")
    return {
        "park": park.pk,
        "name": "矩阵产业链党建联盟",
        "founded_on": "2023-05-08",
        "lead_department": lead.pk,
    }


def _new_chain(world: Any, alliance: Any, user: Any) -> dict[str, Any]:
    taken = set(Chain.objects.filter(alliance=alliance).values_list("name", flat=True))
    name = next(n for n in ("生物制药", "中藏药", "医疗器械", "健康食品") if n not in taken)
    return {"name": name, "position": 2}


def _free_department(world: Any, chain: Any, user: Any) -> dict[str, Any]:
    """A department of the chain's park that is not a member yet (the enterprises and the party
    organisation of the samples are)."""
    members = ChainMember.objects.filter(chain=chain, department__isnull=False).values("department_id")
    free = Department.objects.filter(park_id=chain.alliance.park_id).exclude(pk__in=members).order_by("pk")
    return {"kind": "department", "department": getattr(free.first(), "pk", "")}


def _item(user: Any, **typed: Any) -> dict[str, Any]:
    """A new need or resource in the alliance the user reaches: its first chain and, for staff, the first
    member enterprise as the one who raises or offers it (an enterprise user's own is taken)."""
    alliance = alliances_for_new_items(user).first()
    if alliance is None:
        return typed
    chain = Chain.objects.filter(alliance=alliance).order_by("pk").first()
    member = ChainMember.objects.filter(chain__alliance=alliance, kind="enterprise").order_by("pk").first()
    return {
        "alliance": alliance.pk,
        "chain": getattr(chain, "pk", ""),
        "enterprise": getattr(member, "enterprise_id", ""),
        **typed,
    }


def _match(world: Any, need: Any, user: Any) -> dict[str, Any]:
    lead = Department.objects.get(park_id=need.alliance.park_id, kind="service")
    return {
        "title": "冷链运输协调",
        "owner_department": lead.pk,
        "owner_person": "韩明",
        "start_on": "2023-05-10",
        "due_on": "2023-06-10",
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
    "alliance:alliance_add": _found,
    "alliance:chain_add": _new_chain,
    # of an outside unit: the page's enterprise and department lists are left unchosen
    "alliance:party_org_add": lambda world, obj, user: {
        "name": "青海医药行业协会党支部",
        "enterprise": "",
        "department": "",
        "unit_name": "青海医药行业协会",
        "secretary": "张书记",
        "member_count": 9,
    },
    "alliance:member_add": _free_department,
    "alliance:need_add": lambda world, obj, user: _item(
        user,
        title="急需冷链运输车辆",
        category="supporting",
        keywords="冷链、运输",
        description="药品冷链运输车辆不足,旺季需协调。",
    ),
    "alliance:need_match": _match,
    "alliance:resource_add": lambda world, obj, user: _item(
        user, title="检测实验室共享", category="technology", keywords="检测、实验室", valid_from="2023-05-08"
    ),
    "alliance:milestone_add": lambda world, obj, user: {"title": "签订协议", "due_on": "2023-06-30"},
    "alliance:action_transition": lambda world, obj, user: {"to": "in_progress", "on": "2023-05-10"},
}
#: Route matrix: allowed by role, refused by the alliance's own rule.
_FOUNDERS = (403, "the park's enterprise-service staff found its alliance")
ROUTE_STATUS = {
    ("alliance:alliance_add", "GET", "enterprise_user"): _FOUNDERS,
    ("alliance:alliance_add", "POST", "enterprise_user"): _FOUNDERS,
    ("alliance:member_remove", "POST", "enterprise_user"): (403, "only the lead department removes members"),
    ("alliance:need_match", "POST", "enterprise_user"): (403, "only the lead department matches needs"),
}

"""Writes of the alliance: one function per business action, each in one transaction, access re-checked.

Staff of the department keeping enterprise service (企业服务) edit everything of their park's
alliance — in ``core.access`` terms, they may change the alliance row; an enterprise user raises and
edits its own enterprise's needs and resources while they are open. A change to a stored row locks it
with ``lock_for_change`` (reach and version re-checked), checks the locked state and saves through
``save_changes`` (SECURITY.md row 14).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, model_update, save_changes
from scipark.core.terms import joined
from scipark.enterprises.models import Enterprise

from .models import (
    Alliance,
    Chain,
    ChainMember,
    JointAction,
    Milestone,
    Need,
    PartyOrganization,
    Resource,
)

NEED_FIELDS = ("chain", "title", "category", "keywords", "description", "urgency", "published", "party_org")
RESOURCE_FIELDS = (
    "chain",
    "title",
    "category",
    "keywords",
    "description",
    "capacity",
    "valid_from",
    "valid_to",
    "published",
    "party_org",
    "department",
)
#: What an enterprise user may set on its own enterprise's needs and resources.
MEMBER_FIELDS = frozenset({"chain", "title", "category", "keywords", "description", "urgency", "capacity"})
MEMBER_FIELDS |= {"valid_from", "valid_to"}
ACTION_FIELDS = ("title", "chain", "owner_department", "owner_person", "start_on", "due_on", "published")

#: Allowed status changes of a need (to → from-set is checked against the stored row).
NEED_TRANSITIONS: dict[str, frozenset[str]] = {
    Need.Status.OPEN: frozenset({Need.Status.MATCHED, Need.Status.CLOSED}),
    Need.Status.MATCHED: frozenset({Need.Status.MET, Need.Status.OPEN, Need.Status.CLOSED}),
    Need.Status.MET: frozenset({Need.Status.CLOSED}),
    Need.Status.CLOSED: frozenset({Need.Status.OPEN}),
}
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    JointAction.Status.PLANNED: frozenset({JointAction.Status.IN_PROGRESS, JointAction.Status.CANCELLED}),
    JointAction.Status.IN_PROGRESS: frozenset({JointAction.Status.DONE, JointAction.Status.CANCELLED}),
    JointAction.Status.DONE: frozenset(),
    JointAction.Status.CANCELLED: frozenset(),
}
ACTIVE_ACTION_STATES = frozenset({JointAction.Status.PLANNED, JointAction.Status.IN_PROGRESS})


# --- who may ------------------------------------------------------------------------------------


def keeps(user: Any, alliance: Alliance) -> bool:
    """Whether the user keeps this alliance: staff whose department edits the service domain in its
    park, i.e. who may change the alliance row (members only read it)."""
    return access.can_reach(user, alliance, access.Action.CHANGE)


def _ensure_keeps(user: Any, alliance: Alliance) -> None:
    if not keeps(user, alliance):
        raise access.AccessDenied(_("只有负责企业服务的部门可以执行此操作。"))


def is_member(*, alliance: Alliance, enterprise_id: int) -> bool:
    """Whether the enterprise sits in one of the alliance's chains."""
    return ChainMember.objects.filter(
        chain__alliance=alliance, kind=ChainMember.Kind.ENTERPRISE, enterprise_id=enterprise_id
    ).exists()


# --- structure ----------------------------------------------------------------------------------


def alliance_create(*, user: Any, park: Any, name: str, **data: Any) -> Alliance:
    """Found the park's alliance."""
    with transaction.atomic():
        # Staff of enterprise service in that park (an enterprise user adds only for its enterprise).
        access.ensure_can_add(user, access.Domain.SERVICE, park_id=park.pk)
        if Alliance.objects.filter(park=park).exists():
            raise ValidationError({"name": _("该园区已有产业链党建联盟。")})
        alliance = Alliance(park=park, name=name.strip(), **data)
        alliance.full_clean()
        alliance.save()
    return alliance


def chain_create(
    *,
    user: Any,
    alliance: Alliance,
    name: str,
    description: str = "",
    position: int = 0,
    founded_on: dt.date | None = None,
) -> Chain:
    """Add an industry chain to the alliance, set up on ``founded_on`` (today by default)."""
    with transaction.atomic():
        _ensure_keeps(user, alliance)
        chain = Chain(
            alliance=alliance,
            name=name.strip(),
            description=description,
            position=position,
            founded_on=founded_on or dt.date.today(),
        )
        if Chain.objects.filter(alliance=alliance, name=chain.name).exists():
            raise ValidationError({"name": _("产业链“%(name)s”已存在。") % {"name": chain.name}})
        if alliance.founded_on and chain.founded_on < alliance.founded_on:
            raise ValidationError(
                {
                    "founded_on": _("产业链成立日期不能早于联盟成立日期(%(founded_on)s)。")
                    % {"founded_on": alliance.founded_on.isoformat()}
                }
            )
        chain.full_clean()
        chain.save()
    return chain


def party_org_create(*, user: Any, alliance: Alliance, data: Mapping[str, Any]) -> PartyOrganization:
    """Register a party organisation in the alliance (of an enterprise, a department or an outside unit)."""
    fields = ("name", "kind", "secretary", "member_count", "enterprise", "department", "unit_name")
    with transaction.atomic():
        _ensure_keeps(user, alliance)
        values = {k: ("" if v is None and k in {"secretary", "unit_name"} else v) for k, v in data.items()}
        org = PartyOrganization(alliance=alliance, **{k: v for k, v in values.items() if k in fields})
        _check_owner(org, alliance)
        org.full_clean()
        org.save()
    return org


def _check_owner(org: PartyOrganization, alliance: Alliance) -> None:
    owners = [x for x in (org.enterprise_id, org.department_id, org.unit_name.strip()) if x]
    if len(owners) != 1:
        raise ValidationError({"enterprise": _("所属企业、所属部门、园区外单位须填且只填一项。")})
    if org.enterprise_id and org.enterprise and org.enterprise.park_id != alliance.park_id:
        raise ValidationError({"enterprise": _("所属企业须在联盟所在园区。")})
    if org.department_id and org.department and org.department.park_id != alliance.park_id:
        raise ValidationError({"department": _("所属部门须属于联盟所在园区。")})


def member_add(
    *,
    user: Any,
    chain: Chain,
    enterprise: Any = None,
    party_org: PartyOrganization | None = None,
    department: Any = None,
    segment: str = "",
    role: str = "",
    joined_on: dt.date | None = None,
) -> ChainMember:
    """Put an enterprise (with its segment), a party organisation or a department into a chain."""
    given = [x for x in (enterprise, party_org, department) if x is not None]
    if len(given) != 1:
        raise ValidationError({"kind": _("请选择且只选择一个企业、党组织或部门。")})
    with transaction.atomic():
        _ensure_keeps(user, chain.alliance)
        park_id = chain.alliance.park_id
        if enterprise is not None:
            kind = ChainMember.Kind.ENTERPRISE
            if enterprise.park_id != park_id:
                raise ValidationError({"enterprise": _("成员企业须在联盟所在园区。")})
            if not segment:
                raise ValidationError({"segment": _("成员企业须注明在产业链上游、中游还是下游。")})
            duplicate = ChainMember.objects.filter(chain=chain, enterprise=enterprise).exists()
        elif party_org is not None:
            kind = ChainMember.Kind.PARTY_ORG
            if party_org.alliance_id != chain.alliance_id:
                raise ValidationError({"party_org": _("党组织须属于本联盟。")})
            duplicate = ChainMember.objects.filter(chain=chain, party_org=party_org).exists()
        else:
            kind = ChainMember.Kind.DEPARTMENT
            if department.park_id != park_id:
                raise ValidationError({"department": _("部门须属于联盟所在园区。")})
            duplicate = ChainMember.objects.filter(chain=chain, department=department).exists()
        if duplicate:
            raise ValidationError({"kind": _("该成员已在“%(name)s”中。") % {"name": chain.name}})
        member = ChainMember(
            chain=chain,
            kind=kind,
            enterprise=enterprise,
            party_org=party_org,
            department=department,
            segment=segment if kind == ChainMember.Kind.ENTERPRISE else "",
            role=role,
            joined_on=joined_on,
        )
        member.full_clean()
        member.save()
    return member


def member_remove(*, user: Any, member: ChainMember) -> None:
    """Take a member out of a chain (its needs and resources stay on the lists)."""
    with transaction.atomic():
        current = lock_for_change(ChainMember, member.pk, user=user, related=("chain__alliance",))
        _ensure_keeps(user, current.chain.alliance)
        current.delete()


# --- needs and resources ------------------------------------------------------------------------


def _clean_item(
    user: Any, alliance: Alliance, data: Mapping[str, Any], allowed: Iterable[str]
) -> tuple[dict[str, Any], Any]:
    """The values to store, and the enterprise the item is raised by / offered by."""
    staff = keeps(user, alliance)
    values: dict[str, Any] = {
        k: ("" if v is None and k in {"keywords", "description", "capacity"} else v) for k, v in data.items()
    }
    enterprise: Any = values.pop("enterprise", None)
    if not staff:
        own = access.scope_for(user).enterprise_ids()
        enterprise_ids = [e for e in own if is_member(alliance=alliance, enterprise_id=e)]
        if not enterprise_ids:
            raise access.AccessDenied(_("只有联盟成员企业可以登记需求或资源。"))
        forbidden = {
            k
            for k in values
            if k not in MEMBER_FIELDS and k in allowed and values[k] not in (None, "", False)
        }
        if forbidden:
            raise ValidationError(dict.fromkeys(forbidden, _("企业用户不能设置此项。")))
        enterprise = Enterprise.objects.get(pk=sorted(enterprise_ids)[0])
    kept = {k: v for k, v in values.items() if k in allowed}
    chain = kept.get("chain")
    if chain is not None and chain.alliance_id != alliance.pk:
        raise ValidationError({"chain": _("产业链须属于本联盟。")})
    org = kept.get("party_org")
    if org is not None and org.alliance_id != alliance.pk:
        raise ValidationError({"party_org": _("党组织须属于本联盟。")})
    if enterprise is not None and enterprise.park_id != alliance.park_id:
        raise ValidationError({"enterprise": _("企业须在联盟所在园区。")})
    return kept, enterprise


def need_create(
    *, user: Any, alliance: Alliance, data: Mapping[str, Any], raised_on: dt.date | None = None
) -> Need:
    """Raise a need: an enterprise user for its own enterprise, staff for a member enterprise or party org."""
    with transaction.atomic():
        values, enterprise = _clean_item(user, alliance, data, NEED_FIELDS)
        access.ensure_can_add(
            user,
            access.Domain.SERVICE,
            park_id=alliance.park_id,
            enterprise_id=getattr(enterprise, "pk", None),
        )
        if enterprise is None and values.get("party_org") is None:
            raise ValidationError({"enterprise": _("请选择提出需求的成员企业或党组织。")})
        if enterprise is not None and not is_member(alliance=alliance, enterprise_id=enterprise.pk):
            raise ValidationError(
                {"enterprise": _("“%(name)s”不是联盟成员企业。") % {"name": enterprise.name}}
            )
        need = Need(
            alliance=alliance,
            enterprise=enterprise,
            raised_on=raised_on or dt.date.today(),
            created_by=user if getattr(user, "pk", None) else None,
            **values,
        )
        need.full_clean()
        need.save()
    return need


def resource_create(*, user: Any, alliance: Alliance, data: Mapping[str, Any]) -> Resource:
    """Offer a resource: an enterprise user for its own enterprise, staff for a member, org or department."""
    with transaction.atomic():
        values, enterprise = _clean_item(user, alliance, data, RESOURCE_FIELDS)
        access.ensure_can_add(
            user,
            access.Domain.SERVICE,
            park_id=alliance.park_id,
            enterprise_id=getattr(enterprise, "pk", None),
        )
        providers = [
            x for x in (enterprise, values.get("party_org"), values.get("department")) if x is not None
        ]
        if len(providers) != 1:
            raise ValidationError(
                {"enterprise": _("提供方须是一家成员企业、一个党组织或一个部门(只选一项)。")}
            )
        department = values.get("department")
        if department is not None and department.park_id != alliance.park_id:
            raise ValidationError({"department": _("部门须属于联盟所在园区。")})
        if enterprise is not None and not is_member(alliance=alliance, enterprise_id=enterprise.pk):
            raise ValidationError(
                {"enterprise": _("“%(name)s”不是联盟成员企业。") % {"name": enterprise.name}}
            )
        values.setdefault("valid_from", dt.date.today())
        resource = Resource(
            alliance=alliance,
            enterprise=enterprise,
            created_by=user if getattr(user, "pk", None) else None,
            **values,
        )
        if resource.valid_to and resource.valid_from and resource.valid_to < resource.valid_from:
            raise ValidationError({"valid_to": _("有效期止不能早于有效期起。")})
        resource.full_clean()
        resource.save()
    return resource


def item_editable_fields(*, user: Any, item: Need | Resource) -> tuple[str, ...]:
    """What the user may change on a need or resource: everything for staff, a few for its enterprise."""
    fields = NEED_FIELDS if isinstance(item, Need) else RESOURCE_FIELDS
    if keeps(user, item.alliance):
        return fields
    open_states = {Need.Status.OPEN, Resource.Status.AVAILABLE}
    if item.enterprise_id in access.scope_for(user).enterprise_ids() and item.status in open_states:
        return tuple(f for f in fields if f in MEMBER_FIELDS)
    return ()


def item_update(
    *, user: Any, item: Need | Resource, data: Mapping[str, Any], expected_version: int
) -> Need | Resource:
    """Change a need or a resource; a stale version is a conflict, a field the role may not set a 400."""
    with transaction.atomic():
        current = lock_for_change(
            type(item), item.pk, user=user, expected_version=expected_version, related=("alliance",)
        )
        allowed = item_editable_fields(user=user, item=current)
        if not allowed:
            raise access.AccessDenied(_("该条目已进入对接或已关闭,只能由企业服务部门修改。"))
        values: dict[str, Any] = {
            k: ("" if v is None and k in {"keywords", "description", "capacity"} else v)
            for k, v in data.items()
        }
        for key in ("chain", "party_org"):
            value = values.get(key)
            if key in allowed and value is not None and value.alliance_id != current.alliance_id:
                raise ValidationError({key: _("须属于本联盟。")})
        valid_from = values.get("valid_from", getattr(current, "valid_from", None))
        valid_to = values.get("valid_to", getattr(current, "valid_to", None))
        if isinstance(current, Resource) and valid_to and valid_from and valid_to < valid_from:
            raise ValidationError({"valid_to": _("有效期止不能早于有效期起。")})
        updated, _changed = model_update(instance=current, data=values, fields=allowed)
    return updated


def need_transition(
    *, user: Any, need: Need, to: str, expected_version: int | None = None, on: dt.date | None = None
) -> Need:
    """Move a need to ``to`` if the stored state allows it (staff; an enterprise may withdraw its open need)."""
    with transaction.atomic():
        current = lock_for_change(
            Need, need.pk, user=user, expected_version=expected_version, related=("alliance",)
        )
        staff = keeps(user, current.alliance)
        withdrawing = current.status == Need.Status.OPEN and to == Need.Status.CLOSED
        if not staff and not withdrawing:
            raise access.AccessDenied(_("只有企业服务部门可以变更需求状态。"))
        _set_need_status(current, to, on=on)
    return current


def _set_need_status(need: Need, to: str, *, on: dt.date | None = None) -> None:
    if to not in NEED_TRANSITIONS.get(need.status, frozenset()):
        labels = dict(Need.Status.choices)
        raise ValidationError(
            {
                "status": _("需求“%(title)s”当前为“%(current)s”,不能改为“%(target)s”。")
                % {"title": need.title, "current": labels[need.status], "target": labels.get(to, to)}
            }
        )
    met_on = need.met_on
    if to == Need.Status.MET:
        met_on = on or dt.date.today()
    elif to == Need.Status.OPEN:
        met_on = None  # reopened: it is not met any more
    save_changes(need, status=to, met_on=met_on)


def resource_withdraw(*, user: Any, resource: Resource, expected_version: int | None = None) -> Resource:
    """Withdraw a resource (its provider or staff)."""
    with transaction.atomic():
        current = lock_for_change(Resource, resource.pk, user=user, expected_version=expected_version)
        if current.status == Resource.Status.WITHDRAWN:
            raise ValidationError({"status": _("该资源已撤回。")})
        save_changes(current, status=Resource.Status.WITHDRAWN)
    return current


# --- joint actions ------------------------------------------------------------------------------


def joint_action_create(
    *,
    user: Any,
    needs: Sequence[Need],
    resources: Sequence[Resource],
    title: str,
    owner_department: Any,
    owner_person: str,
    start_on: dt.date,
    due_on: dt.date,
    published: bool = True,
) -> JointAction:
    """Start a joint action meeting ``needs`` with ``resources`` (the matching view's one step).

    The needs become 已对接; the raising and offering enterprises and party organisations become partners.
    """
    if not needs:
        raise ValidationError({"needs": _("请至少选择一项需求。")})
    alliance = needs[0].alliance
    with transaction.atomic():
        _ensure_keeps(user, alliance)
        locked = list(Need.objects.select_for_update().filter(pk__in=[n.pk for n in needs]).order_by("pk"))
        if any(n.alliance_id != alliance.pk for n in locked):
            raise ValidationError({"needs": _("所选需求须属于同一联盟。")})
        picked = list(Resource.objects.filter(pk__in=[r.pk for r in resources], alliance=alliance))
        if len(picked) != len({r.pk for r in resources}):
            raise ValidationError({"resources": _("所选资源须属于同一联盟。")})
        withdrawn = [r.title for r in picked if r.status != Resource.Status.AVAILABLE]
        if withdrawn:
            raise ValidationError(
                {"resources": _("资源“%(titles)s”已撤回,不能对接。") % {"titles": joined(withdrawn)}}
            )
        if owner_department is None or owner_department.park_id != alliance.park_id:
            raise ValidationError({"owner_department": _("责任部门须属于联盟所在园区。")})
        if due_on < start_on:
            raise ValidationError({"due_on": _("计划完成日期不能早于开始日期。")})
        action = JointAction(
            alliance=alliance,
            chain=locked[0].chain,
            title=title.strip(),
            owner_department=owner_department,
            owner_person=owner_person.strip(),
            start_on=start_on,
            due_on=due_on,
            published=published,
        )
        action.full_clean()
        action.save()
        action.needs.set(locked)
        action.resources.set(picked)
        action.partners.set({x.enterprise_id for x in [*locked, *picked] if x.enterprise_id})
        action.partner_orgs.set({x.party_org_id for x in [*locked, *picked] if x.party_org_id})
        for need in locked:
            if need.status == Need.Status.OPEN:
                _set_need_status(need, Need.Status.MATCHED)
            elif need.status != Need.Status.MATCHED:
                raise ValidationError(
                    {
                        "needs": _("需求“%(title)s”已%(status)s,不能再对接。")
                        % {"title": need.title, "status": need.get_status_display()}
                    }
                )
    return action


def joint_action_update(
    *, user: Any, action: JointAction, data: Mapping[str, Any], expected_version: int
) -> JointAction:
    """Change a joint action's name, owner, dates or publication."""
    with transaction.atomic():
        current = lock_for_change(
            JointAction, action.pk, user=user, expected_version=expected_version, related=("alliance",)
        )
        _ensure_keeps(user, current.alliance)
        department = data.get("owner_department")
        if department is not None and department.park_id != current.alliance.park_id:
            raise ValidationError({"owner_department": _("责任部门须属于联盟所在园区。")})
        start_on = data.get("start_on", current.start_on)
        due_on = data.get("due_on", current.due_on)
        if start_on and due_on and due_on < start_on:
            raise ValidationError({"due_on": _("计划完成日期不能早于开始日期。")})
        updated, _changed = model_update(instance=current, data=data, fields=ACTION_FIELDS)
    return updated


def joint_action_transition(
    *,
    user: Any,
    action: JointAction,
    to: str,
    expected_version: int | None = None,
    on: dt.date | None = None,
    outcome: str = "",
) -> JointAction:
    """Start, complete or cancel a joint action; completing meets its needs, cancelling reopens them."""
    with transaction.atomic():
        current = lock_for_change(
            JointAction, action.pk, user=user, expected_version=expected_version, related=("alliance",)
        )
        _ensure_keeps(user, current.alliance)
        if to not in ACTION_TRANSITIONS.get(current.status, frozenset()):
            labels = dict(JointAction.Status.choices)
            raise ValidationError(
                {
                    "status": _("项目当前为“%(current)s”,不能改为“%(target)s”。")
                    % {"current": labels[current.status], "target": labels.get(to, to)}
                }
            )
        day = on or dt.date.today()
        completion: dict[str, Any] = {}
        if to == JointAction.Status.DONE:
            if not outcome.strip():
                raise ValidationError({"outcome": _("完成项目须填写成效。")})
            if day < current.start_on:
                raise ValidationError({"on": _("完成日期不能早于开始日期。")})
            completion = {"completed_on": day, "outcome": outcome.strip()}
        save_changes(current, status=to, **completion)
        needs = list(current.needs.select_for_update().order_by("pk"))
        for need in needs:
            if to == JointAction.Status.DONE and need.status == Need.Status.MATCHED:
                _set_need_status(need, Need.Status.MET, on=day)
            elif to == JointAction.Status.CANCELLED and need.status == Need.Status.MATCHED:
                others = need.actions.exclude(pk=current.pk).filter(status__in=ACTIVE_ACTION_STATES)
                if not others.exists():
                    _set_need_status(need, Need.Status.OPEN)
    return current


def milestone_add(
    *, user: Any, action: JointAction, title: str, due_on: dt.date, weight: int = 1
) -> Milestone:
    """Add a milestone to a joint action that is still open."""
    with transaction.atomic():
        current = lock_for_change(JointAction, action.pk, user=user, related=("alliance",))
        _ensure_keeps(user, current.alliance)
        if current.status not in ACTIVE_ACTION_STATES:
            raise ValidationError({"title": _("项目已结束,不能再添加节点。")})
        milestone = Milestone(action=current, title=title.strip(), due_on=due_on, weight=weight)
        milestone.full_clean()
        milestone.save()
    return milestone


def milestone_done(*, user: Any, milestone: Milestone, done_on: dt.date) -> Milestone:
    """Record that a milestone was reached; a joint action not yet started is now under way."""
    with transaction.atomic():
        current = lock_for_change(Milestone, milestone.pk, user=user, related=("action__alliance",))
        _ensure_keeps(user, current.action.alliance)
        if current.done_on is not None:
            raise ValidationError(
                {
                    "done_on": _("节点“%(title)s”已于 %(done_on)s 完成。")
                    % {"title": current.title, "done_on": current.done_on.isoformat()}
                }
            )
        if current.action.status not in ACTIVE_ACTION_STATES:
            raise ValidationError({"done_on": _("项目已结束,节点不能再变更。")})
        if done_on < current.action.start_on:
            raise ValidationError({"done_on": _("完成日期不能早于项目开始日期。")})
        save_changes(current, done_on=done_on)
        if current.action.status == JointAction.Status.PLANNED:
            joint_action_transition(
                user=user, action=current.action, to=JointAction.Status.IN_PROGRESS, on=done_on
            )
    return current

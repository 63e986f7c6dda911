"""Reads of the alliance: lists, the chain diagram, matching suggestions, progress and the S3 summary."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from scipark.core import access
from scipark.core.masking import EnterpriseNames
from scipark.core.terms import joined
from scipark.enterprises.models import Enterprise

from . import matching
from .models import (
    Alliance,
    Chain,
    ChainMember,
    JointAction,
    Milestone,
    Need,
    PartyOrganization,
    Resource,
    Segment,
)

#: How a member enterprise the reader may not see in the registry is named (SECURITY.md row 2).
MASKED_ENTERPRISE = gettext_noop("联盟成员企业")


def progress_percent(milestones: Iterable[tuple[int, bool]]) -> int:
    """Weighted share of milestones done, in whole percent (rounded down): Σ weight done / Σ weight."""
    total = done = 0
    for weight, is_done in milestones:
        total += weight
        done += weight if is_done else 0
    return 0 if total == 0 else done * 100 // total


def action_progress(action: JointAction) -> int:
    """A joint action's progress: 100 when done, else from its milestones."""
    if action.status == JointAction.Status.DONE:
        return 100
    return progress_percent((m.weight, m.done_on is not None) for m in action.milestones.all())


class NameMasker(EnterpriseNames):
    """Core's enterprise names for the alliance's pages: other members read “联盟成员企业”, their party
    organisations “成员企业党组织”, and a need's or resource's provider is put together from both."""

    def __init__(self, user: Any) -> None:
        super().__init__(user, _(MASKED_ENTERPRISE))

    def party_org(self, org: PartyOrganization | None) -> str:
        if org is None:
            return ""
        return org.name if self.visible(org.enterprise_id) else _("成员企业党组织")

    def learn(self, item: Need | Resource) -> None:
        """Take what :func:`with_provider_reach` read with the row, so naming it costs no query."""
        for enterprise_id, flag in (
            (item.enterprise_id, "enterprise_visible"),
            (item.party_org.enterprise_id if item.party_org else None, "party_org_visible"),
        ):
            if enterprise_id is not None and hasattr(item, flag):
                self._visible.setdefault(enterprise_id, bool(getattr(item, flag)))

    def provider(self, item: Need | Resource) -> str:
        """Who raised a need or offers a resource, as this reader may read it."""
        self.learn(item)
        parts = [self.name(item.enterprise), self.party_org(item.party_org)]
        department = getattr(item, "department", None)
        if department is not None:
            parts.append(department.name)
        return " / ".join(p for p in parts if p)


def visible_alliances(*, user: Any) -> QuerySet[Alliance]:
    return Alliance.objects.restrict(user, access.Action.VIEW).select_related("park", "lead_department")


def with_provider_reach(queryset: QuerySet[Any], user: Any) -> QuerySet[Any]:
    """Whether the reader sees the provider's enterprise and its party organisation's, read with the rows
    (a list names its providers without a query per row; see :meth:`NameMasker.learn`)."""
    seen = Enterprise.objects.restrict(user, access.Action.VIEW)
    return queryset.annotate(
        enterprise_visible=Exists(seen.filter(pk=OuterRef("enterprise_id"))),
        party_org_visible=Exists(seen.filter(pk=OuterRef("party_org__enterprise_id"))),
    )


def need_list(*, user: Any) -> QuerySet[Need]:
    needs = Need.objects.restrict(user, access.Action.VIEW)
    return with_provider_reach(needs, user).select_related(
        "alliance__park", "chain", "enterprise", "party_org"
    )


def resource_list(*, user: Any) -> QuerySet[Resource]:
    resources = Resource.objects.restrict(user, access.Action.VIEW)
    return with_provider_reach(resources, user).select_related(
        "alliance__park", "chain", "enterprise", "party_org", "department"
    )


def action_list(*, user: Any) -> QuerySet[JointAction]:
    return (
        JointAction.objects.restrict(user, access.Action.VIEW)
        .select_related("alliance__park", "chain", "owner_department")
        .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")))
    )


def party_org_list(*, user: Any) -> QuerySet[PartyOrganization]:
    return PartyOrganization.objects.restrict(user, access.Action.VIEW).select_related(
        "alliance__park", "enterprise", "department"
    )


@dataclass(frozen=True)
class ChainSummary:
    """A chain with its member counts per segment and kind."""

    chain: Chain
    segments: dict[str, int]
    party_orgs: int
    departments: int

    @property
    def enterprises(self) -> int:
        return sum(self.segments.values())


def chain_summaries(*, alliance: Alliance, as_of: dt.date | None = None) -> list[ChainSummary]:
    """Every chain of the alliance with its counts (counts are no names: every reader may see them).

    ``as_of``: only the chains founded by that day (a year's figures); by default every chain.
    """
    chains = Chain.objects.filter(alliance=alliance)
    if as_of is not None:
        chains = chains.filter(founded_on__lte=as_of)
    rows = (
        ChainMember.objects.filter(chain__alliance=alliance)
        .values("chain_id", "kind", "segment")
        .annotate(n=Count("id"))
    )
    counts: dict[int, Counter[str]] = {}
    for row in rows:
        key = row["segment"] if row["kind"] == ChainMember.Kind.ENTERPRISE else row["kind"]
        counts.setdefault(row["chain_id"], Counter())[key] += row["n"]
    out = []
    for chain in chains.order_by("position", "name"):
        c = counts.get(chain.pk, Counter())
        out.append(
            ChainSummary(
                chain=chain,
                segments={s.value: c[s.value] for s in Segment},
                party_orgs=c[ChainMember.Kind.PARTY_ORG],
                departments=c[ChainMember.Kind.DEPARTMENT],
            )
        )
    return out


@dataclass(frozen=True)
class MemberRow:
    """One line of a chain's member table, named as the reader may read it."""

    member: ChainMember
    name: str
    kind: str
    segment: str
    role: str
    detail: str
    own: bool


def chain_members(*, chain: Chain, user: Any) -> list[MemberRow]:
    """The chain's members; enterprises the reader may not see in the registry are not named."""
    members = list(
        ChainMember.objects.filter(chain=chain).select_related(
            "enterprise", "party_org__enterprise", "department"
        )
    )
    masker = NameMasker(user)
    masker.prime(
        [m.enterprise_id for m in members] + [m.party_org.enterprise_id for m in members if m.party_org]
    )
    own = access.scope_for(user).enterprise_ids()
    rows = []
    order = {s.value: i for i, s in enumerate(Segment)}
    for m in sorted(members, key=lambda m: (m.kind != "enterprise", order.get(m.segment, 9), m.kind, m.pk)):
        if m.kind == ChainMember.Kind.ENTERPRISE:
            name, detail = masker.name(m.enterprise), ""
        elif m.kind == ChainMember.Kind.PARTY_ORG and m.party_org is not None:
            org = m.party_org
            name = masker.party_org(org)
            detail = _("%(kind)s · 书记 %(secretary)s · 党员 %(count)s 名") % {
                "kind": org.get_kind_display(),
                "secretary": masker.person(org.enterprise_id, org.secretary) or "—",
                "count": org.member_count,
            }
        else:
            name, detail = (m.department.name if m.department else ""), ""
        rows.append(
            MemberRow(
                member=m,
                name=name,
                kind=m.get_kind_display(),
                segment=m.get_segment_display() if m.segment else "",
                role=m.role,
                detail=detail,
                own=m.enterprise_id in own,
            )
        )
    return rows


def chain_diagram(*, chain: Chain, rows: list[MemberRow]) -> dict[str, Any]:
    """Data for the chain diagram: the three segments in order, each with its member enterprises."""
    segments = []
    for segment in Segment:
        members = [
            {"name": r.name, "role": r.role, "own": r.own}
            for r in rows
            if r.member.kind == ChainMember.Kind.ENTERPRISE and r.member.segment == segment.value
        ]
        segments.append({"key": segment.value, "label": str(segment.label), "members": members})
    return {"chain": chain.name, "segments": segments}


@dataclass(frozen=True)
class Suggestion:
    """A suggested resource for a need, with its score and the reasons in words."""

    resource: Resource
    match: matching.Match
    reasons: tuple[str, ...]
    provider: str


def _item(obj: Need | Resource) -> matching.Item:
    return matching.Item(
        id=obj.pk,
        category=obj.category,
        keywords=matching.parse_keywords(obj.keywords),
        text=f"{obj.title} {obj.description}",
    )


def need_suggestions(
    *, need: Need, user: Any, today: dt.date | None = None, limit: int = 10
) -> list[Suggestion]:
    """Available, valid resources of the need's alliance that the user may read, best first."""
    today = today or dt.date.today()
    candidates = list(
        resource_list(user=user)
        .filter(alliance_id=need.alliance_id, status=Resource.Status.AVAILABLE, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
    )
    by_id = {r.pk: r for r in candidates}
    ranked = matching.rank(_item(need), [_item(r) for r in candidates], limit=limit)
    masker = NameMasker(user)
    masker.prime(r.enterprise_id for r in candidates)
    out = []
    for m in ranked:
        resource = by_id[m.resource_id]
        reasons = []
        if m.same_category:
            reasons.append(_("类别相同:%s") % resource.get_category_display())
        if m.shared_keywords:
            reasons.append(_("关键词相关:%s") % joined(m.shared_keywords))
        if m.keyword_overlap:
            reasons.append(_("关键词重合度 %s") % f"{m.keyword_overlap:.0%}")
        if m.text_overlap:
            reasons.append(_("描述相似度 %s") % f"{m.text_overlap:.0%}")
        out.append(Suggestion(resource, m, tuple(reasons), masker.provider(resource)))
    return out


def need_status_counts(*, needs: QuerySet[Need]) -> dict[str, int]:
    rows = needs.order_by().values("status").annotate(n=Count("id"))
    return {r["status"]: r["n"] for r in rows}


# --- the S3 figure ------------------------------------------------------------------------------


def alliance_year_summary(*, park: Any, year: int) -> dict[str, Any] | None:
    """The alliance of ``park`` as at the end of ``year``: chains, members, the three lists (S3).

    ``None`` when the park has no alliance, or had none yet at the end of ``year`` (it was founded
    later); only the chains founded by the year end are counted.
    """
    alliance = Alliance.objects.filter(park=park).first()
    year_end = dt.date(year, 12, 31)
    if alliance is None or (alliance.founded_on is not None and alliance.founded_on > year_end):
        return None
    chains = []
    for summary in chain_summaries(alliance=alliance, as_of=year_end):
        chains.append(
            {
                "chain": summary.chain.name,
                "enterprises": summary.enterprises,
                "segments": {str(Segment(k).label): v for k, v in summary.segments.items()},
                "party_orgs": summary.party_orgs,
                "departments": summary.departments,
            }
        )
    needs = Need.objects.filter(alliance=alliance, raised_on__lte=year_end)
    resources = Resource.objects.filter(alliance=alliance, valid_from__lte=year_end)
    actions = JointAction.objects.filter(alliance=alliance, start_on__lte=year_end)
    met = needs.filter(status=Need.Status.MET, met_on__year=year)
    return {
        "alliance": alliance,
        "chains": chains,
        "needs": needs,
        "needs_in_year": needs.filter(raised_on__year=year),
        "resources": resources,
        "actions": actions,
        "actions_done_in_year": actions.filter(status=JointAction.Status.DONE, completed_on__year=year),
        "met_in_year": met,
        "party_orgs": PartyOrganization.objects.filter(alliance=alliance),
    }


def by_category(items: QuerySet[Any], labels: Callable[[str], str]) -> dict[str, int]:
    rows = items.order_by().values("category").annotate(n=Count("id"))
    return {labels(r["category"]): r["n"] for r in rows}

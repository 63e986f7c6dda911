"""Reads of the appeals workflow: lists within reach, a user's part on an appeal, duplicate suggestions
and the statistics (by category, department and month)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from scipark.core import access
from scipark.core.roles import DepartmentKind, Role
from scipark.core.terms import month_label
from scipark.enterprises.selectors import mask_email, mask_name, mask_phone

from .calendar import WorkCalendar, add_working_days, work_calendar, working_days_between
from .models import (
    CLOSED_STATES,
    OPEN_STATES,
    Appeal,
    AppealCategory,
    AppealChannel,
    AppealDepartment,
    AppealRating,
    Visit,
)
from .workflow import FLOW, Actor

__all__ = [
    "active_categories",
    "add_working_days",
    "appeal_actions",
    "appeal_actors",
    "appeal_get",
    "appeal_list",
    "appeal_requester",
    "appeal_statistics",
    "category_list",
    "channel_appeals",
    "similar_open_appeals",
    "text_similarity",
    "visit_list",
    "working_days_between",
]


def appeal_list(user: Any) -> QuerySet[Appeal]:
    """The appeals the user may see, newest first."""
    return Appeal.objects.restrict(user, access.Action.VIEW).select_related(
        "category", "enterprise", "lead_department__park", "park"
    )


def handled_by_my_departments(user: Any) -> Q:
    """Appeals that a department the user is staff of leads or co-handles, in its park (the inbox's
    转办给我的部门, and the workbench's counts)."""
    mine = Q(pk__in=[])
    for grant in access.scope_for(user).grants:
        if grant.role == Role.DEPARTMENT_STAFF and grant.department:
            co = AppealDepartment.objects.filter(
                department__park_id=grant.park_id or 0, department__kind=grant.department
            ).values("appeal_id")
            mine |= Q(park_id=grant.park_id) & (Q(lead_department__kind=grant.department) | Q(pk__in=co))
    return mine


def appeal_get(user: Any, pk: Any) -> Appeal | None:
    """One appeal within the user's reach, or ``None``."""
    return appeal_list(user).filter(pk=pk).first()


def category_list(user: Any, *, park: Any = None, active_only: bool = False) -> QuerySet[AppealCategory]:
    qs = AppealCategory.objects.restrict(user, access.Action.VIEW).select_related(
        "park", "default_department__park"
    )
    if park is not None:
        qs = qs.filter(park=park)
    if active_only:
        qs = qs.filter(is_active=True)
    return qs


def visit_list(user: Any) -> QuerySet[Visit]:
    return Visit.objects.restrict(user, access.Action.VIEW).select_related("enterprise", "department__park")


def appeal_actors(user: Any, appeal: Appeal) -> frozenset[Actor]:
    """The parts this user plays on this appeal (see ``workflow.Actor``)."""
    actors: set[Actor] = set()
    co_kinds: set[str] | None = None
    for grant in access.scope_for(user).grants:
        if grant.role == Role.ENTERPRISE_USER:
            if appeal.enterprise_id is not None and grant.enterprise_id == appeal.enterprise_id:
                actors.add(Actor.REQUESTER)
            continue
        if grant.role != Role.DEPARTMENT_STAFF or grant.park_id != appeal.park_id:
            continue
        if grant.department == DepartmentKind.SERVICE:
            actors.add(Actor.DISPATCHER)
        lead = appeal.lead_department
        if lead is not None and lead.kind == grant.department:
            actors.add(Actor.HANDLER)
        if co_kinds is None:
            co_kinds = set(appeal.co_handling.values_list("department__kind", flat=True))
        if grant.department in co_kinds:
            actors.add(Actor.CO_HANDLER)
    return frozenset(actors)


def appeal_actions(user: Any, appeal: Appeal) -> list[str]:
    """The workflow steps the user may take on the appeal now (the detail page's buttons)."""
    return FLOW.available_actions(appeal.state, appeal_actors(user, appeal))


@dataclass(frozen=True)
class RequesterView:
    name: str
    phone: str
    email: str
    masked: bool
    #: Nothing shown at all: an outside requester's data, asked for by an enterprise user.
    withheld: bool = False


WITHHELD = RequesterView("", "", "", masked=True, withheld=True)


def appeal_requester(user: Any, appeal: Appeal) -> RequesterView:
    """The requester's contact data, masked unless the user's role needs it (SECURITY.md row 20).

    The park's 企业服务/经济发展 staff and the lead department see it; an enterprise user sees it only
    on the appeals its own users filed in the portal, and nothing of anyone else's (an Open311 requester,
    someone staff recorded): they may be a neighbour complaining about the enterprise (row 2).
    """
    scope = access.scope_for(user)
    staff_sees = scope.sees_personal_data(park_id=appeal.park_id, enterprise_id=None) or (
        Actor.HANDLER in appeal_actors(user, appeal)
    )
    own = appeal.enterprise_id is not None and appeal.enterprise_id in scope.enterprise_ids()
    if staff_sees or (own and appeal.channel == AppealChannel.PORTAL):
        return RequesterView(appeal.requester_name, appeal.requester_phone, appeal.requester_email, False)
    if own or not scope.roles - {Role.ENTERPRISE_USER}:
        return WITHHELD
    return RequesterView(
        mask_name(appeal.requester_name),
        mask_phone(appeal.requester_phone),
        mask_email(appeal.requester_email) if appeal.requester_email else "",
        True,
    )


# --- duplicate suggestions -------------------------------------------------------------------------

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of ``text`` without spaces and punctuation (a single character is its own gram)."""
    clean = _NOISE.sub("", text.lower())
    if len(clean) < 2:
        return frozenset({clean}) if clean else frozenset()
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two texts' character bigrams, 0.0 to 1.0."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 0.0
    return len(ga & gb) / len(ga | gb)


@dataclass(frozen=True)
class Suggestion:
    appeal: Appeal
    score: float
    reasons: tuple[str, ...]


def rank_similar(
    text: str,
    candidates: Iterable[Appeal],
    *,
    enterprise_id: int | None = None,
    category_id: int | None = None,
    threshold: float = 0.2,
    limit: int = 5,
) -> list[Suggestion]:
    """Order candidates by text similarity, with a bonus for the same enterprise (+0.15) and category
    (+0.1); keep those whose text similarity reaches ``threshold``."""
    found: list[Suggestion] = []
    for appeal in candidates:
        similarity = text_similarity(text, f"{appeal.title} {appeal.description}")
        if similarity < threshold:
            continue
        reasons = [gettext("内容相似度 %(share)s") % {"share": f"{similarity:.0%}"}]
        score = similarity
        if enterprise_id is not None and appeal.enterprise_id == enterprise_id:
            score += 0.15
            reasons.append(gettext("同一企业"))
        if category_id is not None and appeal.category_id == category_id:
            score += 0.1
            reasons.append(gettext("同一类别"))
        found.append(Suggestion(appeal, round(score, 4), tuple(reasons)))
    found.sort(key=lambda s: (-s.score, -s.appeal.pk))
    return found[:limit]


def similar_open_appeals(
    *,
    user: Any,
    park: Any,
    text: str,
    enterprise: Any = None,
    category: Any = None,
    limit: int = 5,
) -> list[Suggestion]:
    """Open appeals in the park (within the user's reach) that look like ``text``: possible duplicates."""
    if len(text.strip()) < 4:
        return []
    candidates = (
        Appeal.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, state__in=OPEN_STATES)
        .only("pk", "number", "title", "description", "enterprise_id", "category_id", "state", "received_at")
        .order_by("-received_at")[:500]
    )
    return rank_similar(
        text,
        candidates,
        enterprise_id=getattr(enterprise, "pk", None),
        category_id=getattr(category, "pk", None),
        limit=limit,
    )


# --- statistics ------------------------------------------------------------------------------------


@dataclass
class StatRow:
    """One line of the statistics: appeals received, closed, resolved, on time, handling days, ratings."""

    key: str
    label: str
    received: int = 0
    closed: int = 0
    resolved: int = 0
    on_time: int = 0
    #: Still open and already past the deadline (due in the period): late whatever happens next.
    overdue_open: int = 0
    handling_days: int = 0
    rated: int = 0
    score_sum: int = 0
    satisfied: int = 0

    @property
    def on_time_base(self) -> int:
        """What 按期办结率 is taken over: the appeals closed, and the open ones already past due (left out,
        12 overdue appeals beside 3 closed on time would read 100%)."""
        return self.closed + self.overdue_open

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.on_time_base if self.on_time_base else None

    @property
    def average_days(self) -> float | None:
        return self.handling_days / self.closed if self.closed else None

    @property
    def average_score(self) -> float | None:
        return self.score_sum / self.rated if self.rated else None

    @property
    def satisfaction_rate(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


@dataclass
class AppealStatistics:
    year: int
    total: StatRow
    by_category: list[StatRow] = field(default_factory=list)
    by_department: list[StatRow] = field(default_factory=list)
    by_month: list[StatRow] = field(default_factory=list)
    open_now: int = 0
    overdue_now: int = 0


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(dt.datetime(year, 1, 1), tz),
        timezone.make_aware(dt.datetime(year + 1, 1, 1), tz),
    )


def appeal_statistics(
    user: Any, park: Any, year: int, *, calendar: WorkCalendar | None = None
) -> AppealStatistics:
    """Appeals of ``park`` within the user's reach: received in ``year`` (by receipt), and closed in
    ``year`` (办结: resolved count, on-time rate, average handling time in working days, satisfaction from
    each appeal's latest rating)."""
    calendar = calendar or work_calendar()
    start, end = _year_bounds(year)
    base = appeal_list(user).filter(park=park)
    now = timezone.now()
    overdue_open = Q(state__in=OPEN_STATES, due_at__gte=start, due_at__lt=min(end, now))
    rows = list(
        base.filter(
            Q(received_at__gte=start, received_at__lt=end)
            | Q(closed_at__gte=start, closed_at__lt=end)
            | overdue_open
        )
    )
    latest: dict[int, int] = {}
    for appeal_id, rating_score in (
        AppealRating.objects.filter(appeal__in=[a.pk for a in rows])
        .order_by("rated_at", "id")
        .values_list("appeal_id", "score")
    ):
        latest[appeal_id] = rating_score
    total = StatRow("all", gettext("合计"))
    categories: dict[str, StatRow] = {}
    departments: dict[str, StatRow] = {}
    months = {m: StatRow(f"{m:02d}", month_label(m)) for m in range(1, 13)}
    for appeal in rows:
        cat = categories.setdefault(
            str(appeal.category_id), StatRow(appeal.category.code, appeal.category.name)
        )
        dept_name = appeal.lead_department.name if appeal.lead_department is not None else gettext("未转办")
        dept = departments.setdefault(dept_name, StatRow(dept_name, dept_name))
        received_local = timezone.localtime(appeal.received_at)
        if start <= appeal.received_at < end:
            for row in (total, cat, dept, months[received_local.month]):
                row.received += 1
        if appeal.state in OPEN_STATES and start <= appeal.due_at < min(end, now):
            due_local = timezone.localtime(appeal.due_at)
            for row in (total, cat, dept, months[due_local.month]):
                row.overdue_open += 1
        closed = (
            appeal.closed_at is not None and start <= appeal.closed_at < end and appeal.state in CLOSED_STATES
        )
        if not closed:
            continue
        assert appeal.closed_at is not None
        closed_local = timezone.localtime(appeal.closed_at)
        days = calendar.between(received_local.date(), closed_local.date())
        score = latest.get(appeal.pk)
        for row in (total, cat, dept, months[closed_local.month]):
            row.closed += 1
            row.resolved += int(appeal.resolved)
            row.on_time += int(appeal.closed_at <= appeal.due_at)
            row.handling_days += days
            if score is not None:
                row.rated += 1
                row.score_sum += score
                row.satisfied += int(score >= AppealRating.SATISFIED_FROM)
    return AppealStatistics(
        year=year,
        total=total,
        by_category=sorted(categories.values(), key=lambda r: (-r.received - r.closed, r.label)),
        by_department=sorted(departments.values(), key=lambda r: (-r.received - r.closed, r.label)),
        by_month=[months[m] for m in range(1, 13)],
        open_now=base.filter(state__in=OPEN_STATES).count(),
        overdue_now=base.filter(state__in=OPEN_STATES, due_at__lt=now).count(),
    )


def resolved_in_year(park: Any, year: int) -> QuerySet[Appeal]:
    """Appeals of the park closed as resolved (办结, 已解决) in ``year``: the S1 figure's records."""
    return resolved_in_year_of_parks([park], year)


def resolved_in_year_of_parks(parks: Iterable[Any], year: int) -> QuerySet[Appeal]:
    """``resolved_in_year`` of any of ``parks`` (S1 of many parks at once)."""
    start, end = _year_bounds(year)
    return Appeal.objects.filter(
        park__in=[access.park_pk(park) for park in parks],
        resolved=True,
        state__in=CLOSED_STATES,
        closed_at__gte=start,
        closed_at__lt=end,
    )


# Reads for a client that is not a user (an Open311 API key belongs to one park, ADR 0008): its reach
# is "this park's appeals that came in through this channel", decided by the caller's key, not a scope.


def channel_appeals(park: Any, channel: str) -> QuerySet[Appeal]:
    """The appeals of ``park`` that came in through ``channel``, newest first."""
    return (
        Appeal.objects.filter(park=park, channel=channel)
        .select_related("category", "category__default_department", "lead_department", "open311_submission")
        .prefetch_related("co_handling__department")
        .order_by("-received_at", "-id")
    )


def active_categories(park: Any) -> QuerySet[AppealCategory]:
    """The park's active appeal categories (the public list of what can be filed)."""
    return (
        AppealCategory.objects.filter(park=park, is_active=True)
        .select_related("default_department")
        .order_by("order", "code")
    )

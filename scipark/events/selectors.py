"""Reads of events: lists, an event's participants as the reader may see them, statistics, the S2 figure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from scipark.core import access
from scipark.core.masking import EnterpriseNames
from scipark.parks.models import Park

from .models import Event, Participation, Post

MASKED_ENTERPRISE = gettext_noop("参会企业")


def event_list(*, user: Any) -> QuerySet[Event]:
    return (
        Event.objects.restrict(user, access.Action.VIEW)
        .select_related("park", "organiser")
        .annotate(enterprise_count=Count("participations", distinct=True))
        .order_by("-starts_at", "-id")
    )


def parks_for_new_events(*, user: Any) -> QuerySet[Park]:
    """The parks in which the user may announce events (staff of enterprise service there)."""
    return Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE).order_by("name")


def post_list(*, user: Any) -> QuerySet[Post]:
    return Post.objects.restrict(user, access.Action.VIEW).select_related(
        "participation__event__park", "participation__enterprise"
    )


@dataclass(frozen=True)
class ParticipantRow:
    """One participating enterprise, named only for readers who may see it in the registry."""

    participation: Participation
    name: str
    visible: bool
    posts: list[Post]
    headcount: int


def event_participants(*, event: Event, user: Any) -> list[ParticipantRow]:
    """The event's participants; an enterprise user sees its own in full and the others only as counts."""
    parts = list(
        Participation.objects.filter(event=event)
        .select_related("enterprise")
        .prefetch_related(Prefetch("posts", queryset=Post.objects.order_by("id")))
        .order_by("id")
    )
    names = EnterpriseNames(user, _(MASKED_ENTERPRISE))
    names.prime(p.enterprise_id for p in parts)
    rows = []
    for part in parts:
        visible = names.visible(part.enterprise_id)
        posts = list(part.posts.all())
        rows.append(
            ParticipantRow(
                participation=part,
                name=names.name(part.enterprise),
                visible=visible,
                posts=posts if visible else [],
                headcount=sum(p.headcount for p in posts),
            )
        )
    return rows


@dataclass(frozen=True)
class KindYear:
    """Statistics of one kind of event in one year."""

    year: int
    kind: str
    label: str
    events: int
    enterprises: int
    posts: int
    headcount: int
    resumes: int
    hires: int


def event_statistics(*, user: Any) -> list[KindYear]:
    """Per year and kind (cancelled events left out): events, participating enterprises, posts, hires.

    Participations and posts are counted within the user's reach (an enterprise user: its own)."""
    kept = Event.objects.restrict(user, access.Action.VIEW).exclude(status=Event.Status.CANCELLED).order_by()
    base = (
        kept.annotate(year=ExtractYear("starts_at"))
        .values("year", "kind")
        .annotate(n=Count("id", distinct=True))
    )
    parts = (
        Participation.objects.restrict(user, access.Action.VIEW)
        .filter(event__in=kept.values("pk"))
        .annotate(year=ExtractYear("event__starts_at"))
        .values("year", "event__kind")
        .annotate(n=Count("id"), resumes=Sum("resumes"), hires=Sum("hires"))
    )
    posts = (
        Post.objects.restrict(user, access.Action.VIEW)
        .filter(participation__event__in=kept.values("pk"))
        .annotate(year=ExtractYear("participation__event__starts_at"))
        .values("year", "participation__event__kind")
        .annotate(n=Count("id"), headcount=Sum("headcount"))
    )
    totals: dict[tuple[int, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in base:
        totals[(row["year"], row["kind"])]["events"] = row["n"]
    for part in parts:
        t = totals[(part["year"], part["event__kind"])]
        t["enterprises"] = part["n"]
        t["resumes"] = part["resumes"] or 0
        t["hires"] = part["hires"] or 0
    for post in posts:
        t = totals[(post["year"], post["participation__event__kind"])]
        t["posts"] = post["n"]
        t["headcount"] = post["headcount"] or 0
    labels = dict(Event.Kind.choices)
    order = list(labels)
    out = [
        KindYear(
            year=year,
            kind=kind,
            label=str(labels.get(kind, kind)),
            events=t["events"],
            enterprises=t["enterprises"],
            posts=t["posts"],
            headcount=t["headcount"],
            resumes=t["resumes"],
            hires=t["hires"],
        )
        for (year, kind), t in totals.items()
    ]
    out.sort(key=lambda r: (-r.year, order.index(r.kind) if r.kind in order else 99))
    return out


def job_fairs(*, park: Any, year: int) -> QuerySet[Event]:
    """The park's job fairs held (not cancelled) in ``year`` (S2)."""
    return job_fairs_of_parks(parks=[park], year=year)


def job_fairs_of_parks(*, parks: Iterable[Any], year: int) -> QuerySet[Event]:
    """``job_fairs`` of each of ``parks`` in one query (the zone's pages read S2 of every park at once)."""
    return (
        Event.objects.filter(
            park__in=[access.park_pk(park) for park in parks], kind=Event.Kind.JOB_FAIR, starts_at__year=year
        )
        .exclude(status=Event.Status.CANCELLED)
        .order_by("starts_at", "pk")
    )

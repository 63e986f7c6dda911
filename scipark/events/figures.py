"""S2 of FIGURES.md: job fairs (招聘会) organised for enterprises in the year, from event records.

The figure is built for many parks at once (:func:`job_fairs_held_of_parks`, the zone's pages): a few grouped
statements whatever the number of parks; one park's figure is that of a list of one park, so the two
cannot differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from scipark.core.figures import Figure, Source, figure, figure_for_parks

from .models import Event, Participation, Post
from .selectors import job_fairs_of_parks


@figure(
    "S2",
    title=gettext_noop("组织企业用工招聘会"),
    module="service",
    description=gettext_noop("2023年报道:组织企业用工招聘会2场"),
)
def job_fairs_held(park: Any, year: int) -> Figure:
    """The number of job fairs in ``year`` (cancelled ones excluded); details per fair."""
    return job_fairs_held_of_parks([park], year)[park.pk]


@figure_for_parks("S2")
def job_fairs_held_of_parks(parks: Sequence[Any], year: int) -> dict[Any, Figure]:
    """S2 of each park (by ``pk``): the fairs, their participations, posts and enterprise names read once
    for all the parks (four statements; one when none of them held a fair)."""
    fairs: dict[Any, list[Event]] = {park.pk: [] for park in parks}
    for fair in job_fairs_of_parks(parks=parks, year=year).select_related("organiser"):
        fairs[fair.park_id].append(fair)
    if not any(fairs.values()):
        return {pk: _figure(year, [], {}, {}, {}) for pk in fairs}
    held = job_fairs_of_parks(parks=parks, year=year).values("pk")
    parts = Participation.objects.filter(event__in=held)
    per_event: dict[int, Any] = {
        row["event_id"]: row
        for row in parts.order_by()
        .values("event_id")
        .annotate(n=Count("id"), resumes=Sum("resumes"), hires=Sum("hires"))
    }
    posts: dict[int, Any] = {
        row["participation__event_id"]: row
        for row in Post.objects.filter(participation__event__in=held)
        .order_by()
        .values("participation__event_id")
        .annotate(n=Count("id"), headcount=Sum("headcount"))
    }
    names: dict[int, list[str]] = {}
    for event_id, name in parts.order_by("id").values_list("event_id", "enterprise__name"):
        names.setdefault(event_id, []).append(name)
    return {pk: _figure(year, own, per_event, posts, names) for pk, own in fairs.items()}


def _figure(
    year: int,
    fairs: list[Event],
    per_event: dict[int, Any],
    posts: dict[int, Any],
    names: dict[int, list[str]],
) -> Figure:
    """One park's S2 from its fairs and what was read of every park's fairs (keyed by the fair)."""
    ids = [f.pk for f in fairs]
    details_fairs = []
    for fair in fairs:
        p: dict[str, Any] = per_event.get(fair.pk, {})
        q: dict[str, Any] = posts.get(fair.pk, {})
        details_fairs.append(
            {
                "id": fair.pk,
                "title": fair.title,
                "date": timezone.localtime(fair.starts_at).date().isoformat(),
                "place": fair.place,
                "organiser": fair.organiser.name,
                "status": fair.status,
                "attendees": fair.attendees,
                "enterprises": p.get("n", 0),
                "enterprise_names": names.get(fair.pk, []),
                "posts": q.get("n", 0),
                "headcount": q.get("headcount") or 0,
                "resumes": p.get("resumes") or 0,
                "hires": p.get("hires") or 0,
            }
        )
    totals = {
        key: sum(f[key] for f in details_fairs)
        for key in ("enterprises", "posts", "headcount", "resumes", "hires")
    }
    return Figure(
        value=len(fairs),
        unit="场",
        basis=gettext("%(year)s年内开始、未取消的“招聘会”类活动") % {"year": year},
        sources=(
            Source("events.Event", gettext("%(year)s年的招聘会") % {"year": year}, len(fairs), tuple(ids)),
            # Every participation of the park's fairs is one row of ``enterprises``.
            Source(
                "events.Participation",
                gettext("%(year)s年招聘会的参会企业") % {"year": year},
                totals["enterprises"],
                (),
            ),
        ),
        details={"fairs": details_fairs, "totals": totals},
    )

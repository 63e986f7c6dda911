"""S2 of FIGURES.md: job fairs (招聘会) organised for enterprises in the year, from event records."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from scipark.core.figures import Figure, Source, figure

from .models import Participation, Post
from .selectors import job_fairs


@figure("S2", title="组织企业用工招聘会", module="service", description="2023年报道:组织企业用工招聘会2场")
def job_fairs_held(park: Any, year: int) -> Figure:
    """The number of job fairs in ``year`` (cancelled ones excluded); details per fair."""
    fairs = list(job_fairs(park=park, year=year).select_related("organiser"))
    ids = [f.pk for f in fairs]
    parts = Participation.objects.filter(event_id__in=ids)
    per_event: dict[int, Any] = {
        row["event_id"]: row
        for row in parts.values("event_id").annotate(
            n=Count("id"), resumes=Sum("resumes"), hires=Sum("hires")
        )
    }
    posts: dict[int, Any] = {
        row["participation__event_id"]: row
        for row in Post.objects.filter(participation__event_id__in=ids)
        .values("participation__event_id")
        .annotate(n=Count("id"), headcount=Sum("headcount"))
    }
    names: dict[int, list[str]] = {}
    for event_id, name in parts.order_by("id").values_list("event_id", "enterprise__name"):
        names.setdefault(event_id, []).append(name)
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
        basis=f"{year}年内开始、未取消的“招聘会”类活动",
        sources=(
            Source("events.Event", f"{year}年的招聘会", len(fairs), tuple(ids)),
            Source("events.Participation", f"{year}年招聘会的参会企业", parts.count(), ()),
        ),
        details={"fairs": details_fairs, "totals": totals},
    )

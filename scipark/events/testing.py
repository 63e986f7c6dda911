"""Sample events for the route matrix: own = the world enterprise's participation, other = the other
enterprise's, foreign = an event in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from scipark.core import access
from scipark.core.testing import as_shown
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Department

from .models import Event, Participation, Post
from .selectors import parks_for_new_events

TZ = ZoneInfo("Asia/Shanghai")


def _event(park: Any, title: str, when: dt.datetime) -> Event:
    organiser = Department.objects.get(park=park, kind="service")
    return Event.objects.create(
        park=park, kind="job_fair", title=title, starts_at=when, place="创业大厦", organiser=organiser
    )


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    upcoming = dt.datetime.now(TZ) + dt.timedelta(days=30)
    event = _event(world.park, "冬季用工招聘会", upcoming)
    held = _event(world.park, "春季用工招聘会", dt.datetime(2023, 3, 18, 9, tzinfo=TZ))
    foreign = _event(world.other_park, "南川招聘会", upcoming)
    parts = {
        "own": Participation.objects.create(event=event, enterprise=world.enterprise),
        "other": Participation.objects.create(event=event, enterprise=world.other_enterprise),
        "foreign": Participation.objects.create(event=foreign, enterprise=world.foreign_enterprise),
    }
    Participation.objects.create(event=held, enterprise=world.other_enterprise, resumes=9, hires=2)
    posts = {
        variant: Post.objects.create(
            participation=part,
            title="质检员",
            headcount=2,
            salary_min=Decimal(4500),
            salary_max=Decimal(6500),
        )
        for variant, part in parts.items()
    }
    return {
        "events.event": {"own": event, "other": held, "foreign": foreign},
        "events.participation": parts,
        "events.post": posts,
    }


def _register(world: Any, event: Event, user: Any) -> dict[str, Any]:
    """Register the enterprise the user may register (their own; for staff the world's enterprise of the
    event's park), taking back its sample registration first: an enterprise registers once."""
    own = Enterprise.objects.filter(pk__in=access.scope_for(user).enterprise_ids())
    enterprise = own.first() or Enterprise.objects.filter(park_id=event.park_id).order_by("pk").first()
    Participation.objects.filter(event=event, enterprise=enterprise).delete()
    return {"enterprise": getattr(enterprise, "pk", ""), "note": "携 2 个岗位参会"}


def _organiser(user: Any) -> int | str:
    """The enterprise-service department of the park where the user may announce events."""
    park = parks_for_new_events(user=user).order_by("pk").first()
    found = Department.objects.filter(park=park, kind="service").first() if park is not None else None
    return found.pk if found is not None else ""


def _starts(days: int) -> str:
    return (dt.datetime.now(TZ) + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "events:event_edit": as_shown,
    "events:event_cancel": as_shown,
    "events:withdraw": as_shown,
    "events:post_remove": as_shown,
    "events:event_add": lambda world, obj, user: {
        "kind": Event.Kind.JOB_FAIR,
        "title": "夏季高校毕业生专场招聘会",
        "starts_at": _starts(40),
        "place": "创业大厦一楼大厅",
        "organiser": _organiser(user),
    },
    "events:participate": _register,
    "events:post_add": lambda world, obj, user: {
        "title": "化验员",
        "headcount": 1,
        "salary_min": "4000",
        "salary_max": "5500",
    },
    "events:outcome": as_shown,
}
_NOT_HELD = (400, "only a held event has outcomes: the sample event is weeks away")
ROUTE_STATUS: dict[tuple[str, str, str | None], Any] = {
    **{
        ("events:event_add", method, "enterprise_user"): (403, "the service department organises events")
        for method in ("GET", "POST")
    },
    ("events:outcome", "POST", None): {"own": _NOT_HELD, "foreign": _NOT_HELD},
    ("events:participate", "POST", "enterprise_user"): {
        "other": (400, "the held event no longer takes registrations from enterprises")
    },
}

"""Sample events for the route matrix: own = the world enterprise's participation, other = the other
enterprise's, foreign = an event in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from scipark.core.testing import as_shown
from scipark.parks.models import Department

from .models import Event, Participation, Post

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


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "events:event_edit": as_shown,
    "events:event_cancel": as_shown,
    "events:withdraw": as_shown,
    "events:post_remove": as_shown,
}
#: Route matrix: POST routes whose valid data is not declared yet, with what their form as shown gets.
WITHOUT_VALID_DATA = {
    "events:event_add": 400,
    "events:participate": 400,
    "events:post_add": 400,
    "events:outcome": {"own": 400, "other": 302, "foreign": 400},  # only a held event has outcomes
}
ROUTE_STATUS = {
    ("events:event_add", method, "enterprise_user"): (403, "the service department organises events")
    for method in ("GET", "POST")
}

"""Event test helpers: a held job fair and an upcoming one in the world's park."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from scipark.core.testing import World
from scipark.events.models import Event, Participation, Post
from scipark.parks.models import Department

TZ = ZoneInfo("Asia/Shanghai")


@dataclass
class Events:
    fair: Event  # 2023-03-18, held
    upcoming: Event  # a week ahead, registration open
    part: Participation  # world.enterprise at the fair
    other_part: Participation  # world.other_enterprise at the fair


def make_event(park: Any, kind: str, when: dt.datetime, title: str, **extra: Any) -> Event:
    organiser = Department.objects.get(park=park, kind="service")
    return Event.objects.create(
        park=park, kind=kind, title=title, starts_at=when, place="创业大厦", organiser=organiser, **extra
    )


@pytest.fixture
def ev(world: World) -> Events:
    fair = make_event(
        world.park, "job_fair", dt.datetime(2023, 3, 18, 9, tzinfo=TZ), "春季招聘会", status="held"
    )
    upcoming = make_event(
        world.park,
        "job_fair",
        dt.datetime.now(TZ) + dt.timedelta(days=7),
        "冬季招聘会",
        registration_open=True,
    )
    part = Participation.objects.create(event=fair, enterprise=world.enterprise, resumes=12, hires=3)
    Post.objects.create(
        participation=part, title="质检员", headcount=4, salary_min=Decimal(4500), salary_max=Decimal(6500)
    )
    other = Participation.objects.create(event=fair, enterprise=world.other_enterprise, resumes=5, hires=1)
    Post.objects.create(participation=other, title="操作工", headcount=2)
    return Events(fair, upcoming, part, other)

"""More rows for the query-count test: the demo park's short lists topped up to ``ROWS`` rows each, so
that a query per row shows (the demo itself tells the article's story with as many rows as it needs)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import models

from scipark.accounts.testing import token_for
from scipark.appeals.testing import make_category
from scipark.open311.client_services import client_create

#: How many rows each topped-up list has (more than the test's minimum, fewer than a page).
ROWS = 22


def model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def clone(row: models.Model, **changes: Any) -> models.Model:
    """A copy of ``row`` saved as a new row, with ``changes`` (what must differ: names, codes, dates)."""
    copied = copy.copy(row)
    copied.pk = None
    copied._state = copy.copy(row._state)
    copied._state.adding = True
    for name, value in changes.items():
        setattr(copied, name, value)
    if hasattr(copied, "version"):
        copied.version = 1
    copied.save()
    return copied


def top_up(queryset: models.QuerySet[Any], changes: Callable[[Any, int], dict[str, Any]]) -> None:
    """Clone the first row of ``queryset`` until it holds ``ROWS`` rows."""
    first = queryset.order_by("pk").first()
    assert first is not None, f"the demo has no {queryset.model._meta.label} to copy"
    for i in range(queryset.count(), ROWS):
        clone(first, **changes(first, i))


def _bio() -> Any:
    return model("parks.Park").objects.get(code="bio")


def _day(i: int) -> dt.date:
    return dt.date(2023, 1, 1) + dt.timedelta(days=i)


def more_rows() -> None:
    """Top up every list the demo keeps short (in the bio park, where its readers work)."""
    bio = _bio()
    _accounts_and_parks(bio)
    _service(bio)
    _investment(bio)
    _economy_and_registry(bio)
    _environment_and_innovation(bio)


def _accounts_and_parks(bio: Any) -> None:
    users = list(model("accounts.User").objects.filter(username__startswith="bio-").order_by("pk"))
    for i in range(model("accounts.PersonalToken").objects.count(), ROWS):
        token_for(users[i % len(users)], name=f"接口令牌{i}")
    zone = bio.zone
    department = model("parks.Department")
    for i in range(model("parks.Park").objects.filter(zone=zone).count(), ROWS):
        park = model("parks.Park").objects.create(zone=zone, name=f"查询计数园区{i}", code=f"count-{i}")
        department.objects.create(park=park, kind="service", name="企业服务局")
    for i in range(model("parks.Zone").objects.count(), ROWS):
        model("parks.Zone").objects.create(name=f"查询计数开发区{i}", region_code="630100")


def _service(bio: Any) -> None:
    alliance = model("alliance.Alliance").objects.get(park=bio)
    top_up(
        model("alliance.JointAction").objects.filter(alliance=alliance),
        lambda r, i: {"title": f"{r.title}{i}"},
    )
    top_up(
        model("alliance.PartyOrganization").objects.filter(alliance=alliance),
        lambda r, i: {"name": f"{r.name}{i}"},
    )
    top_up(
        model("alliance.Resource").objects.filter(alliance=alliance), lambda r, i: {"title": f"{r.title}{i}"}
    )
    for i in range(model("appeals.AppealCategory").objects.filter(park=bio).count(), ROWS):
        make_category(bio, f"count{i}", name=f"其他诉求{i}")
    top_up(model("appeals.Visit").objects.filter(park=bio), lambda r, i: {"visited_on": _day(i)})
    top_up(model("events.Event").objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})
    for i in range(model("open311.Open311Client").objects.filter(park=bio).count(), ROWS):
        client_create(park=bio, name=f"查询计数客户端{i}")
    top_up(
        model("open311.ServiceAttribute").objects.filter(category__park=bio),
        lambda r, i: {"code": f"count{i}"},
    )


def _investment(bio: Any) -> None:
    project = model("investment.Project")
    signed = project.objects.filter(park=bio, contracts__isnull=False).distinct()
    first = signed.order_by("pk").first()
    contract = model("investment.Contract").objects.filter(project=first).order_by("revision").last()
    for i in range(model("investment.Contract").objects.filter(project__park=bio).count(), ROWS):
        clone(contract, project=clone(first, name=f"{first.name}{i}"), revision=1)
    top_up(
        model("investment.FundsInPlace").objects.filter(project__park=bio),
        lambda r, i: {"arrived_on": _day(i)},
    )
    top_up(model("investment.Fund").objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(
        model("investment.Target").objects.filter(park=bio),
        lambda r, i: {"indicator": "event_signed_amount", "event": f"展会{i}", "value": Decimal(100_000_000)},
    )
    top_up(
        model("investment.Loan").objects.filter(enterprise__park=bio), lambda r, i: {"granted_on": _day(i)}
    )
    top_up(
        model("investment.Listing").objects.filter(enterprise__park=bio), lambda r, i: {"board": f"板块{i}"}
    )
    rounds = model("investment.EquityRound")
    enterprises = list(model("enterprises.Enterprise").objects.filter(park=bio).order_by("pk")[:ROWS])
    for i in range(rounds.objects.filter(enterprise__park=bio).count(), ROWS):
        rounds.objects.create(
            enterprise=enterprises[i % len(enterprises)], round_name="A轮", amount=Decimal(10_000_000),
            investors="某资本", closed_on=_day(i),
        )  # fmt: skip


def _economy_and_registry(bio: Any) -> None:
    top_up(
        model("economy.Indicator").objects.all(), lambda r, i: {"code": f"count_{i}", "name": f"{r.name}{i}"}
    )
    top_up(model("economy.AnnualTarget").objects.filter(park=bio), lambda r, i: {"year": 2000 + i})
    top_up(model("enterprises.Tag").objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})


def _environment_and_innovation(bio: Any) -> None:
    top_up(
        model("environment.Boiler").objects.filter(park=bio),
        lambda r, i: {"name": f"{i}#", "registration_no": ""},
    )
    top_up(model("environment.Certification").objects.filter(park=bio), lambda r, i: {"granted_on": _day(i)})
    top_up(model("environment.Campaign").objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})
    top_up(model("environment.PipeSegment").objects.filter(park=bio), lambda r, i: {"code": f"CNT-{i}"})
    top_up(model("innovation.Incubator").objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(model("innovation.RuleVersion").objects.filter(park=bio), lambda r, i: {"valid_from": _day(i)})
    for label in ("innovation.Institution", "innovation.ServiceProvider"):
        top_up(model(label).objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(model("innovation.Policy").objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})

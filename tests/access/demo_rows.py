"""More rows for the query-count test: the demo park's short lists topped up to ``ROWS`` rows each, so
that a query per row shows (the demo itself tells the article's story with as many rows as it needs)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.db import models

from scipark.accounts.models import PersonalToken, User
from scipark.accounts.testing import token_for
from scipark.alliance.models import Alliance, JointAction, PartyOrganization, Resource
from scipark.appeals.models import AppealCategory, Visit
from scipark.appeals.testing import make_category
from scipark.economy.models import AnnualTarget, Indicator
from scipark.enterprises.models import Enterprise, Tag
from scipark.environment.models import Boiler, Campaign, Certification, PipeSegment
from scipark.events.models import Event
from scipark.innovation.models import Incubator, Institution, Policy, RuleVersion, ServiceProvider
from scipark.investment.models import (
    Contract,
    EquityRound,
    Fund,
    FundsInPlace,
    Listing,
    Loan,
    Project,
    Target,
)
from scipark.open311.client_services import client_create
from scipark.open311.models import Open311Client, ServiceAttribute
from scipark.parks.models import Department, Park, Zone

#: How many rows each topped-up list has (more than the test's minimum, fewer than a page).
ROWS = 22


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


def _bio() -> Park:
    return Park.objects.get(code="bio")


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


def _accounts_and_parks(bio: Park) -> None:
    users = list(User.objects.filter(username__startswith="bio-").order_by("pk"))
    for i in range(PersonalToken.objects.count(), ROWS):
        token_for(users[i % len(users)], name=f"接口令牌{i}")
    zone = bio.zone
    for i in range(Park.objects.filter(zone=zone).count(), ROWS):
        park = Park.objects.create(zone=zone, name=f"查询计数园区{i}", code=f"count-{i}")
        Department.objects.create(park=park, kind="service", name="企业服务局")
    for i in range(Zone.objects.count(), ROWS):
        Zone.objects.create(name=f"查询计数开发区{i}", region_code="630100")


def _service(bio: Park) -> None:
    alliance = Alliance.objects.get(park=bio)
    top_up(
        JointAction.objects.filter(alliance=alliance),
        lambda r, i: {"title": f"{r.title}{i}"},
    )
    top_up(
        PartyOrganization.objects.filter(alliance=alliance),
        lambda r, i: {"name": f"{r.name}{i}"},
    )
    top_up(Resource.objects.filter(alliance=alliance), lambda r, i: {"title": f"{r.title}{i}"})
    for i in range(AppealCategory.objects.filter(park=bio).count(), ROWS):
        make_category(bio, f"count{i}", name=f"其他诉求{i}")
    top_up(Visit.objects.filter(park=bio), lambda r, i: {"visited_on": _day(i)})
    top_up(Event.objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})
    for i in range(Open311Client.objects.filter(park=bio).count(), ROWS):
        client_create(park=bio, name=f"查询计数客户端{i}")
    top_up(
        ServiceAttribute.objects.filter(category__park=bio),
        lambda r, i: {"code": f"count{i}"},
    )


def _investment(bio: Park) -> None:
    signed = Project.objects.filter(park=bio, contracts__isnull=False).distinct()
    first = signed.order_by("pk").first()
    assert first is not None, "the demo has no signed project to copy"
    contract = Contract.objects.filter(project=first).order_by("revision").last()
    assert contract is not None
    for i in range(Contract.objects.filter(project__park=bio).count(), ROWS):
        clone(contract, project=clone(first, name=f"{first.name}{i}"), revision=1)
    top_up(
        FundsInPlace.objects.filter(project__park=bio),
        lambda r, i: {"arrived_on": _day(i)},
    )
    top_up(Fund.objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(
        Target.objects.filter(park=bio),
        lambda r, i: {"indicator": "event_signed_amount", "event": f"展会{i}", "value": Decimal(100_000_000)},
    )
    top_up(Loan.objects.filter(enterprise__park=bio), lambda r, i: {"granted_on": _day(i)})
    top_up(Listing.objects.filter(enterprise__park=bio), lambda r, i: {"board": f"板块{i}"})
    enterprises = list(Enterprise.objects.filter(park=bio).order_by("pk")[:ROWS])
    for i in range(EquityRound.objects.filter(enterprise__park=bio).count(), ROWS):
        EquityRound.objects.create(
            enterprise=enterprises[i % len(enterprises)], round_name="A轮", amount=Decimal(10_000_000),
            investors="某资本", closed_on=_day(i),
        )  # fmt: skip


def _economy_and_registry(bio: Park) -> None:
    top_up(Indicator.objects.all(), lambda r, i: {"code": f"count_{i}", "name": f"{r.name}{i}"})
    top_up(AnnualTarget.objects.filter(park=bio), lambda r, i: {"year": 2000 + i})
    top_up(Tag.objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})


def _environment_and_innovation(bio: Park) -> None:
    top_up(
        Boiler.objects.filter(park=bio),
        lambda r, i: {"name": f"{i}#", "registration_no": ""},
    )
    top_up(Certification.objects.filter(park=bio), lambda r, i: {"granted_on": _day(i)})
    top_up(Campaign.objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})
    top_up(PipeSegment.objects.filter(park=bio), lambda r, i: {"code": f"CNT-{i}"})
    top_up(Incubator.objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(RuleVersion.objects.filter(park=bio), lambda r, i: {"valid_from": _day(i)})
    top_up(Institution.objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(ServiceProvider.objects.filter(park=bio), lambda r, i: {"name": f"{r.name}{i}"})
    top_up(Policy.objects.filter(park=bio), lambda r, i: {"title": f"{r.title}{i}"})

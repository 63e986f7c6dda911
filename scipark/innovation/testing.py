"""Sample innovation rows for the route matrix: own = the world enterprise's, other = the other
enterprise's in the same park, foreign = one in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.testing import as_shown

from .models import Incubation, Incubator, IntellectualProperty, TechArchive

#: Filled enough to be submitted (services.archives names what submitting needs).
FILLED = {
    "rd_expense": Decimal("1200000"),
    "sales": Decimal("20000000"),
    "total_assets": Decimal("30000000"),
    "employees": 80,
    "tech_staff": 20,
}


def _archive(enterprise: Any) -> TechArchive:
    return TechArchive.objects.create(park_id=enterprise.park_id, enterprise=enterprise, year=2023, **FILLED)


def _patent(enterprise: Any, number: str) -> IntellectualProperty:
    return IntellectualProperty.objects.create(
        park_id=enterprise.park_id, enterprise=enterprise, owner_name=enterprise.name, kind="invention",
        number=number, title="一种青稞β-葡聚糖的提取方法", applied_on=dt.date(2021, 3, 1),
        granted_on=dt.date(2023, 5, 9), status="granted",
    )  # fmt: skip


def _incubator(park: Any, name: str, enterprise: Any) -> Incubator:
    incubator = Incubator.objects.create(
        park=park, name=name, opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000), staff=10, professional_staff=5, seed_fund=Decimal(2000000),
    )  # fmt: skip
    Incubation.objects.create(
        park=park, incubator=incubator, enterprise=enterprise, entered_on=dt.date(2022, 4, 1)
    )
    return incubator


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    return {
        "innovation.techarchive": {
            "own": _archive(world.enterprise),
            "other": _archive(world.other_enterprise),
            "foreign": _archive(world.foreign_enterprise),
        },
        "innovation.intellectualproperty": {
            "own": _patent(world.enterprise, "ZL202110000001.1"),
            "other": _patent(world.other_enterprise, "ZL202110000002.2"),
            "foreign": _patent(world.foreign_enterprise, "ZL202110000003.3"),
        },
        # Incubators belong to the park (staff-only rows): "other" is the same park's.
        "innovation.incubator": {
            "own": _incubator(world.park, "生物园孵化器", world.enterprise),
            "foreign": _incubator(world.other_park, "南川孵化器", world.foreign_enterprise),
        },
    }


#: The libraries' URLs carry the library's slug; the matrix walks the patent library.
ROUTE_LITERALS = {"library": "patents"}

#: Route matrix: valid data per route (the edit page and the review button are valid as shown).
ROUTE_POSTS = {
    "innovation:archive_edit": as_shown,
    "innovation:archive_step": as_shown,
    "innovation:archive_add": lambda world, obj, user: {"enterprise": world.enterprise.pk, "year": 2022},
}
_PARK_PAGE = (403, "the dashboard sums up the park: an enterprise user has 我的科技档案")
ROUTE_STATUS = {("innovation:dashboard", "GET", "enterprise_user"): _PARK_PAGE}

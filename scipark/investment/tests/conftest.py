"""Investment test helpers: the investment department's staff of both parks, and a project factory."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.utils import timezone

from scipark.core.roles import DepartmentKind, Role
from scipark.core.testing import World, ensure_industry
from scipark.investment.models import Contract, Project, Stage
from scipark.investment.testing import TODAY

YI = Decimal(100_000_000)


def staff_of(park: Any, username: str, kind: str = DepartmentKind.INVESTMENT) -> Any:
    """A department staff member of ``park`` (investment department by default)."""
    user = apps.get_model("accounts", "User").objects.create_user(username=username, password="x" * 12)
    apps.get_model("accounts", "Membership").objects.create(
        user=user,
        role=Role.DEPARTMENT_STAFF,
        park=park,
        department=apps.get_model("parks", "Department").objects.get(park=park, kind=kind),
    )
    return user


@dataclass
class Inv:
    world: World
    staff: Any  # investment department of world.park
    other_staff: Any  # investment department of world.other_park

    def project(
        self,
        stage: str = Stage.LEAD,
        *,
        name: str = "生物医药产业园项目",
        investor: str = "上海某生物科技有限公司",
        planned: Decimal = 2 * YI,
        since: dt.date | None = None,
        park: Any = None,
        signed: Decimal | None = None,
        **extra: Any,
    ) -> Project:
        """A project put straight into ``stage`` (a contract too when the stage is signed or later)."""
        since = since or timezone.localdate() - dt.timedelta(days=30)
        values: dict[str, Any] = {
            "origin": "other_province",
            "origin_province": "上海市",
            "industry": ensure_industry(),
            "planned_investment": planned,
            **extra,
        }
        project = Project.objects.create(
            park=park or self.world.park,
            name=name,
            investor=investor,
            stage=stage,
            stage_since=since,
            **values,
        )
        if stage in (Stage.SIGNED, Stage.LANDED, Stage.STARTED, Stage.PRODUCING) or signed is not None:
            Contract.objects.create(
                project=project,
                revision=1,
                signed_on=since,
                amount=signed or planned,
                signing_party=investor,
            )
        return project


@pytest.fixture(autouse=True)
def today_held(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """``timezone.localdate()`` (no argument) answers :data:`TODAY` for the whole run: the tests build their
    dates from it at import (parametrize lists), the code reads the clock when it runs."""
    real = timezone.localdate

    def localdate(value: dt.datetime | None = None, timezone: Any = None) -> dt.date:
        return TODAY if value is None and timezone is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


@pytest.fixture
def inv(world: World) -> Inv:
    return Inv(world, staff_of(world.park, "inv_staff"), staff_of(world.other_park, "inv_other"))

"""Innovation test helpers: the innovation department's staff of both parks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps

from scipark.core.roles import DepartmentKind, Role
from scipark.core.testing import World
from scipark.innovation.cultivation.defaults import DEFAULT_RULES
from scipark.innovation.models import RuleVersion


def staff_of(park: Any, username: str, kind: str = DepartmentKind.INNOVATION) -> Any:
    user = apps.get_model("accounts", "User").objects.create_user(username=username, password="x" * 12)
    apps.get_model("accounts", "Membership").objects.create(
        user=user, role=Role.DEPARTMENT_STAFF, park=park,
        department=apps.get_model("parks", "Department").objects.get(park=park, kind=kind),
    )  # fmt: skip
    return user


@dataclass
class Inn:
    world: World
    staff: Any  # innovation department of world.park
    other_staff: Any  # innovation department of world.other_park

    def rules(self, park: Any = None) -> None:
        for rule in DEFAULT_RULES:
            RuleVersion.objects.create(park=park or self.world.park, tier=rule.tier, name=rule.name,
                                       source=rule.source, valid_from=rule.valid_from, params=rule.params)  # fmt: skip


@pytest.fixture
def inn(world: World) -> Inn:
    return Inn(world, staff_of(world.park, "inn_staff"), staff_of(world.other_park, "inn_other"))

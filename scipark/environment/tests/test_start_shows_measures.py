"""开始整改 showed an empty 整改措施 field for a finding registered with its measures: the measures were out of
sight, and whatever was typed there replaced them (found walking a finding from registration to 销号)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.environment.models import Finding

pytestmark = pytest.mark.django_db


def test_the_start_form_holds_the_measures_already_written(world: World, client_for: Any) -> None:
    finding = Finding.objects.create(
        park=world.park, number="ZX-2026-031", source="park_check", kind="problem", title="危废暂存间防渗层破损",
        enterprise=world.enterprise, received_on=dt.date(2023, 11, 20), deadline=dt.date(2023, 12, 31),
        measures="重新铺设防渗层并设置导流沟", state="registered",
    )  # fmt: skip
    page = client_for("environment_staff").get(f"/environment/findings/{finding.pk}/start/")
    assert page.status_code == 200
    assert page.context["form"]["measures"].value() == "重新铺设防渗层并设置导流沟"
    assert "重新铺设防渗层并设置导流沟</textarea>" in page.content.decode()

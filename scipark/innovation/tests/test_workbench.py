"""Innovation on the workbench (issue 10, item 1): archives to review or revise, certificates to renew."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from scipark.core.testing import World
from scipark.innovation import workbench
from scipark.innovation.models import TechArchive, TierCertificate


def _counts(user: Any) -> dict[str, int]:
    return {str(todo.label): todo.count for todo in workbench.todos(user)}


def test_staff_review_archives_and_the_enterprise_renews_its_certificate(
    world: World, client_for: Any
) -> None:
    today = timezone.localdate()
    TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023,
                               state=TechArchive.State.SUBMITTED)  # fmt: skip
    TechArchive.objects.create(park=world.park, enterprise=world.other_enterprise, year=2023,
                               state=TechArchive.State.RETURNED)  # fmt: skip
    TierCertificate.objects.create(park=world.park, enterprise=world.enterprise, tier="high_tech",
                                   granted_on=today - dt.timedelta(days=1000),
                                   expires_on=today + dt.timedelta(days=20))  # fmt: skip
    TierCertificate.objects.create(park=world.park, enterprise=world.other_enterprise, tier="high_tech",
                                   granted_on=today - dt.timedelta(days=100),
                                   expires_on=today + dt.timedelta(days=900))  # fmt: skip

    staff = _counts(world.user("innovation_staff"))
    assert staff["待审核的科技档案"] == 1 and staff["90天内到期的资质认定"] == 1
    assert _counts(world.user("economy_staff")) == {}
    mine = _counts(world.user("enterprise_user"))  # the first enterprise's user: its own records only
    assert mine["被退回、待修改的科技档案"] == 0 and mine["90天内到期的资质认定"] == 1
    page = client_for("innovation_staff").get("/").content.decode()
    assert "待审核的科技档案" in page and "/innovation/archives/?state=submitted" in page

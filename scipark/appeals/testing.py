"""Test helpers of the appeals app, and the route matrix's sample objects (``route_samples``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from scipark.core.roles import DepartmentKind
from scipark.core.testing import as_shown
from scipark.parks.models import Department

from .models import Appeal, AppealAttachment, AppealCategory, AppealChannel, AppealState, Visit

ROUTE_LITERALS: dict[str, Any] = {}


def make_category(
    park: Any,
    code: str = "telecom",
    *,
    name: str = "通信网络",
    department_kind: str = DepartmentKind.SERVICE,
    time_limit_days: int = 5,
    **extra: Any,
) -> AppealCategory:
    return AppealCategory.objects.create(
        park=park,
        code=code,
        name=name,
        default_department=Department.objects.get(park=park, kind=department_kind),
        time_limit_days=time_limit_days,
        **extra,
    )


def make_appeal(
    park: Any,
    category: AppealCategory,
    *,
    enterprise: Any = None,
    state: str = AppealState.SUBMITTED,
    lead_kind: str | None = None,
    number: str | None = None,
    received_at: dt.datetime | None = None,
    **extra: Any,
) -> Appeal:
    """An appeal written directly (no service), for tests that need one in a given state."""
    received = received_at or timezone.now()
    appeal = Appeal.objects.create(
        park=park,
        number=number or f"T{Appeal.objects.count() + 1:06d}{park.pk}",
        enterprise=enterprise,
        category=category,
        title=extra.pop("title", "企业周边电信信号弱"),
        description=extra.pop("description", "企业周边电信信号弱,影响生产调度,请协调运营商。"),
        channel=extra.pop("channel", AppealChannel.PORTAL),
        state=state,
        lead_department=Department.objects.get(park=park, kind=lead_kind) if lead_kind else None,
        received_at=received,
        due_at=extra.pop("due_at", received + dt.timedelta(days=7)),
        **extra,
    )
    return appeal


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    """own: the world's enterprise's appeal, other: the other enterprise's, foreign: in the other park."""
    park_cat = make_category(world.park, "sample")
    foreign_cat = make_category(world.other_park, "sample")
    own = make_appeal(world.park, park_cat, enterprise=world.enterprise, number="R000001")
    other = make_appeal(world.park, park_cat, enterprise=world.other_enterprise, number="R000002")
    foreign = make_appeal(
        world.other_park, foreign_cat, enterprise=world.foreign_enterprise, number="R000003"
    )
    visits = {
        key: Visit.objects.create(
            park=enterprise.park, enterprise=enterprise, visited_on=dt.date(2026, 11, 2), notes="走访"
        )
        for key, enterprise in (
            ("own", world.enterprise),
            ("other", world.other_enterprise),
            ("foreign", world.foreign_enterprise),
        )
    }
    attachments = {}
    for key, appeal in (("own", own), ("other", other), ("foreign", foreign)):
        attachment = AppealAttachment(appeal=appeal, name="说明.txt", content_type="text/plain", size=12)
        attachment.file.save(f"sample-{appeal.pk}.txt", ContentFile("信号弱的位置说明".encode()), save=True)
        attachments[key] = attachment
    return {
        "appeals.appeal": {"own": own, "other": other, "foreign": foreign},
        "appeals.appealcategory": {"own": park_cat, "other": park_cat, "foreign": foreign_cat},
        "appeals.visit": visits,
        "appeals.appealattachment": attachments,
    }


def load_reference_data() -> None:
    """Put back what the data migration loads (a transactional test's flush empties the table)."""
    import importlib

    from django.apps import apps as global_apps

    importlib.import_module("scipark.appeals.migrations.0002_load_holidays").load(global_apps, None)


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {"appeals:category_edit": as_shown}
#: Route matrix: POST routes whose valid data is not declared yet, with what their form as shown gets.
WITHOUT_VALID_DATA = {
    "appeals:appeal_add": 400,
    "appeals:category_add": 400,
    "appeals:visit_add": 400,
    "appeals:calendar_add": 302,
    "appeals:calendar_delete": 302,
    # the detail page has one form per step, all posting here: the first as shown lacks its text
    "appeals:appeal_step": 302,
    "appeal-list": 400,
    "appeal-step": 400,
}

"""Test helpers of the appeals app, and the route matrix's sample objects (``route_samples``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from scipark.core.access import Action, Domain
from scipark.core.roles import DepartmentKind
from scipark.core.testing import as_shown, enterprise_for, park_of
from scipark.parks.models import Department

from .forms import is_enterprise_user
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


def _filed_for(user: Any) -> dict[str, Any]:
    """An appeal the user may file through the API: for the first enterprise they may file one for, in a
    category of its park; enterprises file through the portal, staff record the channel."""
    enterprise = enterprise_for(user, Action.ADD, Domain.SERVICE)
    if enterprise is None:
        return {}
    category = (
        AppealCategory.objects.filter(park_id=enterprise.park_id, is_active=True).order_by("pk").first()
    )
    return {
        "category": getattr(category, "pk", None),
        "enterprise": enterprise.pk,
        "channel": AppealChannel.PORTAL if is_enterprise_user(user) else AppealChannel.WORK_GROUP,
        "description": "厂区东门外道路夜间无路灯,车辆进出存在安全隐患,请协调安装路灯。",
    }


#: A note: the one step every part (dispatcher, handler, co-handler, requester) takes in every state
#: but archived; the detail page's first step form is laid under it.
_NOTE = "已电话联系企业,约定下周现场查看。"

#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "appeals:category_edit": as_shown,
    "appeals:appeal_add": lambda world, obj, user: {
        **_filed_for(user),
        "requester_name": "张经理",
        "requester_phone": "13800005678",
    },
    "appeals:category_add": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "code": "roads",
        "name": "道路交通",
        "default_department": Department.objects.get(
            park=park_of(user, world), kind=DepartmentKind.SERVICE
        ).pk,
        "time_limit_days": 5,
    },
    # a visit without issues: the issue lists are left unchosen
    "appeals:visit_add": lambda world, obj, user: {
        "enterprise": getattr(enterprise_for(user, Action.ADD, Domain.SERVICE), "pk", ""),
        "visited_on": "2026-11-20",
        "participants": "韩明、李娜",
        "notes": "走访企业,了解用工和物流情况。",
        **{f"issue{i}_category": "" for i in (1, 2, 3)},
    },
    "appeals:calendar_add": lambda world, obj, user: {
        "date": "2027-10-09",
        "kind": "workday",
        "name": "国庆调休",
    },
    "appeals:calendar_delete": lambda world, obj, user: {"date": "2027-10-09"},
    "appeals:appeal_step": lambda world, obj, user: {
        "action": "note",
        "notes": _NOTE,
        "version": obj.version,
    },
    "appeal-list": lambda world, obj, user: _filed_for(user),
    "appeal-step": lambda world, obj, user: {"action": "note", "notes": _NOTE, "version": obj.version},
}
_NO_PART = (403, "the leader reads the appeal but plays no part in it: not even a note")
_STAFF_WORK = (403, "categories and visits are the enterprise-service department's records")
ROUTE_STATUS: dict[tuple[str, str, str | None], tuple[int, str]] = {
    ("appeals:appeal_step", "POST", "park_leader"): _NO_PART,
    # A refused step is shown again at the step's address; reloading it (or switching the language) is a GET
    # there, which leads to the appeal's own page for whoever may read it (e5629d8).
    ("appeals:appeal_step", "GET", None): (302, "a step's address, opened by GET, leads to the appeal"),
    ("appeal-step", "POST", "park_leader"): _NO_PART,
    **{
        (name, method, "enterprise_user"): _STAFF_WORK
        for name in ("appeals:category_add", "appeals:visit_add")
        for method in ("GET", "POST")
    },
}

"""What is configured for appeals: a park's categories (its 企业服务 staff) and the holiday calendar
(one national table, the system administrator)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, model_update

from ..models import CATEGORY_FIELDS, AppealCategory, CalendarDay


def _check_category(park_id: int, data: dict[str, Any], *, exclude_pk: int | None = None) -> None:
    department = data.get("default_department")
    if department is not None and department.park_id != park_id:
        raise ValidationError({"default_department": _("默认承办部门须属于同一园区。")})
    code = data.get("code")
    clash = AppealCategory.objects.filter(park_id=park_id, code=code)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if code and clash.exists():
        raise ValidationError({"code": _("代码「%(code)s」在该园区已被使用。") % {"code": code}})


@transaction.atomic
def category_create(*, user: Any, park: Any, data: dict[str, Any]) -> AppealCategory:
    """A new appeal category in ``park`` (企业服务 staff)."""
    access.ensure_can_add(user, access.Domain.SERVICE, park_id=park.pk)
    _check_category(park.pk, data)
    category = AppealCategory(park=park, **{k: v for k, v in data.items() if k in CATEGORY_FIELDS})
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_update(
    *, user: Any, category: AppealCategory | int, data: dict[str, Any], version: int
) -> AppealCategory:
    """Change a category; ``version`` must be the stored one (else ``ConflictError``)."""
    locked = lock_for_change(AppealCategory, category, user=user, expected_version=version)
    _check_category(locked.park_id, data, exclude_pk=locked.pk)
    updated, _changed = model_update(instance=locked, data=data, fields=CATEGORY_FIELDS)
    return updated


def _ensure_keeps_calendar(user: Any, action: access.Action) -> None:
    # One national calendar counts every park's deadlines: a park's staff must not move the others',
    # so it is platform configuration, kept by the system administrator (ADR 0007, issue 9 item 8).
    if not access.has_permission(user, access.Domain.CONFIG, action):
        raise access.AccessDenied(_("节假日与调休是各园区共用的全国日历,只有系统管理员可以维护。"))


@transaction.atomic
def calendar_day_save(*, user: Any, date: dt.date, kind: str, name: str = "") -> CalendarDay:
    """Add (or change) a holiday or adjusted working day."""
    _ensure_keeps_calendar(user, access.Action.ADD)
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": _("类型「%(kind)s」无效。") % {"kind": kind}})
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name.strip()[:50], "source": "manual"}
    )
    return day


@transaction.atomic
def calendar_day_delete(*, user: Any, date: dt.date) -> int:
    """Remove the exception for ``date`` (a day not listed: nothing to do). Returns rows removed."""
    _ensure_keeps_calendar(user, access.Action.DELETE)
    deleted, _rows = CalendarDay.objects.filter(date=date).delete()
    return deleted

"""The tech archive: created and edited by the enterprise (or staff) while open, reviewed by staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from scipark.core import access
from scipark.core.services import lock_for_change, model_update, save_changes

from ..models import TechArchive
from ..workflow import EDITABLE, FLOW, ArchiveAction, archive_actors
from .evaluation import evaluate_enterprise

ARCHIVE_FIELDS = (
    "rd_expense", "rd_expense_domestic", "sales", "main_revenue", "high_tech_income", "total_cost",
    "total_assets", "net_assets", "total_liabilities", "new_equity", "employees", "tech_staff", "rd_staff",
    "niche_years", "key_field", "strategic_emerging", "rd_management_score", "major_incident",
)  # fmt: skip


def check_archive(archive: TechArchive) -> None:
    """Cross-field checks: shares within 100%, parts within wholes, a year the enterprise was in the park."""
    errors: dict[str, str] = {}
    enterprise = archive.enterprise
    if enterprise.park_id != archive.park_id:
        errors["enterprise"] = _("企业须属于该园区。")
    today = timezone.localdate()
    if archive.year > today.year:
        errors["year"] = _("年度 %(year)s 尚未开始,不能建立科技档案。") % {"year": archive.year}
    elif enterprise.registration_date and enterprise.registration_date > dt.date(archive.year, 12, 31):
        errors["year"] = _("%(year)s年企业尚未成立(成立日期 %(founded)s),不能建立该年度档案。") % {
            "year": archive.year,
            "founded": f"{enterprise.registration_date:%Y-%m-%d}",
        }
    parts = (
        ("rd_expense_domestic", "rd_expense", _("境内研发费用不能超过研发费用总额(占比不能超过100%)。")),
        ("high_tech_income", "sales", _("高新技术产品(服务)收入不能超过销售收入(占比不能超过100%)。")),
        ("main_revenue", "sales", _("主营业务收入不能超过销售收入(占比不能超过100%)。")),
        ("tech_staff", "employees", _("科技人员数不能超过职工总数(占比不能超过100%)。")),
        ("rd_staff", "employees", _("研发人员数不能超过职工总数(占比不能超过100%)。")),
        ("net_assets", "total_assets", _("净资产不能超过资产总额。")),
        ("total_liabilities", "total_assets", _("负债总额不能超过资产总额(资产负债率不能超过100%)。")),
    )
    for part, whole, message in parts:
        a, b = getattr(archive, part), getattr(archive, whole)
        if a is not None and b is not None and a > b:
            errors.setdefault(part, message)
    for name in ARCHIVE_FIELDS:
        value = getattr(archive, name)
        if value is not None and not isinstance(value, bool) and value < 0:
            label = _label(name)
            errors.setdefault(name, _("%(field)s不能为负数。") % {"field": label})
    if archive.rd_management_score is not None and archive.rd_management_score > 20:
        errors["rd_management_score"] = _("研发组织管理水平自评分应在0–20分之间。")
    if errors:
        raise ValidationError(errors)


def _label(name: str) -> str:
    return str(getattr(TechArchive._meta.get_field(name), "verbose_name", name))


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k in ARCHIVE_FIELDS}


def archive_create(*, user: Any, enterprise: Any, year: int, data: Mapping[str, Any]) -> TechArchive:
    """Open the archive of ``enterprise`` for ``year`` (the enterprise itself or innovation staff)."""
    with transaction.atomic():
        access.ensure_can_add(
            user, access.Domain.INNOVATION, park_id=enterprise.park_id, enterprise_id=enterprise.pk
        )
        if TechArchive.objects.filter(enterprise=enterprise, year=year).exists():
            raise ValidationError(
                {
                    "year": _("%(enterprise)s已有%(year)s年度科技档案。")
                    % {"enterprise": enterprise, "year": year}
                }
            )
        archive = TechArchive(park_id=enterprise.park_id, enterprise=enterprise, year=year, **_values(data))
        check_archive(archive)
        archive.full_clean()
        archive.save()
    return archive


def archive_update(
    *, user: Any, archive: TechArchive, data: Mapping[str, Any], expected_version: int | None
) -> TechArchive:
    """Change the figures of an open archive (填报中 or 已退回)."""
    with transaction.atomic():
        current = lock_for_change(TechArchive, archive.pk, user=user, expected_version=expected_version)
        if current.state not in EDITABLE:
            raise ValidationError(
                _("科技档案当前为「%(state)s」,不能修改;请先由科技创新部门重新打开。")
                % {"state": current.get_state_display()}
            )
        values = _values(data)
        for key, value in values.items():
            setattr(current, key, value)
        check_archive(current)
        current.full_clean()
        # The checks ran on the row as it will be; write it with the version moved on.
        updated = save_changes(current, **values)
    return updated


def archive_step(
    *, user: Any, archive: TechArchive, action: str, version: int | None, note: str = ""
) -> TechArchive:
    """The one dispatch of the review: submit, accept, send back, reopen."""
    return FLOW.run(action, user=user, archive=archive, version=version, note=note)


def _move(user: Any, archive: TechArchive, action: str, version: int | None, **changes: Any) -> TechArchive:
    locked, state = FLOW.begin(
        TechArchive, archive.pk, user=user, action=action, version=version, actors=archive_actors
    )
    updated, _changed = model_update(
        instance=locked, data={"state": FLOW.target_state(action, state), **changes},
        fields=("state", *changes.keys()),
    )  # fmt: skip
    return updated


@FLOW.step(ArchiveAction.SUBMIT)
def _submit(*, user: Any, archive: TechArchive, version: int | None, note: str = "") -> TechArchive:
    with transaction.atomic():
        locked = TechArchive.objects.select_related("enterprise").get(pk=archive.pk)
        missing = [
            _label(f)
            for f in ("rd_expense", "sales", "total_assets", "employees", "tech_staff")
            if getattr(locked, f) is None
        ]
        if missing:
            raise ValidationError(
                _("请先填写:%(fields)s。") % {"fields": pgettext("enumeration", "、").join(missing)}
            )
        return _move(user, archive, ArchiveAction.SUBMIT, version, submitted_at=timezone.now())


@FLOW.step(ArchiveAction.ACCEPT)
def _accept(*, user: Any, archive: TechArchive, version: int | None, note: str = "") -> TechArchive:
    with transaction.atomic():
        updated = _move(
            user,
            archive,
            ArchiveAction.ACCEPT,
            version,
            reviewed_by=user,
            reviewed_at=timezone.now(),
            review_note=note,
        )
        evaluate_enterprise(enterprise=updated.enterprise, year=updated.year)
    return updated


@FLOW.step(ArchiveAction.SEND_BACK)
def _send_back(*, user: Any, archive: TechArchive, version: int | None, note: str = "") -> TechArchive:
    if not note.strip():
        raise ValidationError({"note": _("退回时请填写退回原因。")})
    with transaction.atomic():
        return _move(
            user,
            archive,
            ArchiveAction.SEND_BACK,
            version,
            reviewed_by=user,
            reviewed_at=timezone.now(),
            review_note=note,
        )


@FLOW.step(ArchiveAction.REOPEN)
def _reopen(*, user: Any, archive: TechArchive, version: int | None, note: str = "") -> TechArchive:
    with transaction.atomic():
        return _move(user, archive, ArchiveAction.REOPEN, version, review_note=note)

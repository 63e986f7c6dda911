"""Writes of the economy module: one function per business action, called by pages, API, CLI and importer.

Monthly returns: an enterprise (or 经济发展 staff) submits a revision; staff accept or reject it; the
latest accepted revision counts (``is_current``) and earlier ones stay as history. Every change of what
counts moves the maintained aggregates in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.services import ConflictError, model_update
from scipark.enterprises import services as enterprise_services
from scipark.enterprises.models import Enterprise, EnterpriseStatus

from . import aggregates, checks
from .models import (
    ABOVE_SCALE_SETS,
    AnnualTarget,
    EnergyCarrier,
    EnergyUse,
    FixedAssetProject,
    Indicator,
    MonthlyReturn,
    ProjectMonthlyInvestment,
    ScaleDecision,
)
from .reference import ENERGY_TOTAL_EXCLUDES

#: The amounts a return holds (what a form or a file row may set).
RETURN_FIELDS: tuple[str, ...] = (
    "industrial_output",
    "revenue",
    "value_added",
    "profit",
    "sales",
    "employees",
)
OPEN_STATUSES = (MonthlyReturn.Status.DRAFT, MonthlyReturn.Status.SUBMITTED, MonthlyReturn.Status.REJECTED)


# --- periods and rights ---------------------------------------------------------------------------


def current_period() -> dt.date:
    """The first day of this month, in the park's time zone."""
    return timezone.localdate().replace(day=1)


def check_period(period: dt.date) -> dt.date:
    """A valid reporting month: the first of a month, not in the future."""
    if period.day != 1:
        raise ValidationError({"period": "报告期应为某月的第一天。"})
    if period > current_period():
        raise ValidationError({"period": f"报告期 {period:%Y-%m} 尚未到来,不能报送未来月份的数据。"})
    return period


def is_economy_staff(user: Any, park_id: int) -> bool:
    """Whether the user keeps the economy domain in this park (经济发展 staff), as opposed to reading it."""
    scope = access.scope_for(user)
    return any(
        g.role == Role.DEPARTMENT_STAFF
        and g.park_id == park_id
        and access.Action.CHANGE in g.actions(access.Domain.ECONOMY)
        for g in scope.grants
    )


def _ensure_economy_staff(user: Any, park_id: int) -> None:
    if not is_economy_staff(user, park_id):
        raise access.AccessDenied("只有本园区经济发展部门的工作人员可以执行此操作。")


# --- monthly returns ------------------------------------------------------------------------------


def _counting(enterprise_id: int, period: dt.date) -> MonthlyReturn | None:
    return MonthlyReturn.objects.filter(enterprise_id=enterprise_id, period=period, is_current=True).first()


def comparison_values(
    *, enterprise_id: int, period: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The counting values of the previous month and of the same month last year (shown beside fields)."""
    previous = (period - dt.timedelta(days=1)).replace(day=1)
    last_year = period.replace(year=period.year - 1)
    fields = [*RETURN_FIELDS, "energy_tce"]
    rows = {
        row["period"]: row
        for row in MonthlyReturn.objects.filter(
            enterprise_id=enterprise_id, period__in=[previous, last_year], is_current=True
        ).values("period", *fields)
    }
    return rows.get(previous), rows.get(last_year)


def _clean_values(data: Mapping[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in RETURN_FIELDS:
        value = data.get(name)
        if value is None or value == "":
            values[name] = None
        elif name == "employees":
            values[name] = int(value)
        else:
            values[name] = Decimal(str(value))
    return values


def _energy_rows(
    energy: Mapping[str, Decimal] | None,
) -> tuple[list[tuple[EnergyCarrier, Decimal]], Decimal | None]:
    if not energy:
        return [], None
    carriers = {c.code: c for c in EnergyCarrier.objects.filter(is_current=True)}
    rows: list[tuple[EnergyCarrier, Decimal]] = []
    for code, quantity in energy.items():
        if quantity is None:
            continue
        carrier = carriers.get(code)
        if carrier is None:
            raise ValidationError({"energy": f"未知的能源品种“{code}”。"})
        if Decimal(quantity) < 0:
            raise ValidationError({"energy": f"{carrier.name}消费量不能为负数。"})
        rows.append((carrier, Decimal(quantity)))
    total = sum((c.tce(q) for c, q in rows if c.code not in ENERGY_TOTAL_EXCLUDES), Decimal(0))
    return rows, total


def return_submit(
    *,
    user: Any,
    enterprise: Enterprise,
    period: dt.date,
    data: Mapping[str, Any],
    energy: Mapping[str, Decimal] | None = None,
    reasons: Mapping[str, str] | None = None,
    months: int = 1,
    draft: bool = False,
) -> MonthlyReturn:
    """Submit (or save as a draft) the enterprise's return for ``period``.

    Edits the open revision when there is one (draft, submitted or rejected), otherwise opens the next
    revision: a return already accepted is revised, never overwritten. A field that is negative or moves
    more than ±50 % against last month or the same month last year needs a reason.
    """
    check_period(period)
    if months not in (1, 2) or (months == 2 and period.month != 2):
        raise ValidationError({"months": "只有2月报表可以合并报送1–2月数据。"})
    values = _clean_values(data)
    energy_rows, energy_tce = _energy_rows(energy)
    values["energy_tce"] = energy_tce
    reasons = {k: str(v).strip() for k, v in (reasons or {}).items() if str(v or "").strip()}
    if not draft:
        previous, last_year = comparison_values(enterprise_id=enterprise.pk, period=period)
        flagged = checks.flagged_fields(values, previous, last_year)
        missing = checks.missing_reasons(flagged, reasons)
        if missing:
            raise ValidationError(dict(missing))
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        open_revision = (
            MonthlyReturn.objects.select_for_update()
            .filter(enterprise=locked, period=period, status__in=OPEN_STATUSES)
            .order_by("-revision")
            .first()
        )
        status = MonthlyReturn.Status.DRAFT if draft else MonthlyReturn.Status.SUBMITTED
        stamp = {} if draft else {"submitted_by": user, "submitted_at": timezone.now()}
        if open_revision is not None:
            access.ensure_can(user, open_revision, access.Action.CHANGE)
            for name, value in {
                **values,
                "months": months,
                "reasons": reasons,
                "status": status,
                **stamp,
            }.items():
                setattr(open_revision, name, value)
            open_revision.version += 1
            open_revision.full_clean()
            open_revision.save()
            record = open_revision
        else:
            access.ensure_can_add(
                user, access.Domain.ECONOMY, park_id=locked.park_id, enterprise_id=locked.pk
            )
            last = MonthlyReturn.objects.filter(enterprise=locked, period=period).aggregate(
                n=Max("revision")
            )["n"]
            record = MonthlyReturn(
                park_id=locked.park_id,
                enterprise=locked,
                period=period,
                months=months,
                revision=(last or 0) + 1,
                status=status,
                reasons=reasons,
                **values,
                **stamp,
            )
            record.full_clean()
            record.save()
        EnergyUse.objects.filter(monthly_return=record).delete()
        EnergyUse.objects.bulk_create(
            [EnergyUse(monthly_return=record, carrier=c, quantity=q, tce=c.tce(q)) for c, q in energy_rows]
        )
    return record


def _make_current(record: MonthlyReturn) -> None:
    """Let ``record`` count instead of the revision that counted before, and move the aggregates."""
    previous = (
        MonthlyReturn.objects.select_for_update()
        .filter(enterprise_id=record.enterprise_id, period=record.period, is_current=True)
        .exclude(pk=record.pk)
        .first()
    )
    old = aggregates.values_of(previous) if previous is not None else None
    if previous is not None:
        MonthlyReturn.objects.filter(pk=previous.pk).update(
            is_current=False, status=MonthlyReturn.Status.SUPERSEDED, version=previous.version + 1
        )
    record.is_current = True
    enterprise = Enterprise.objects.select_related("industry").get(pk=record.enterprise_id)
    aggregates.apply_return_changes(
        [
            aggregates.ReturnChange(
                enterprise_id=enterprise.pk,
                park_id=enterprise.park_id,
                division=aggregates.division_of(enterprise.industry_id),
                section=enterprise.industry.section,
                period=record.period,
                old=old,
                new=aggregates.values_of(record),
            )
        ]
    )


def return_accept(
    *, user: Any, monthly_return: MonthlyReturn, expected_version: int, note: str = ""
) -> MonthlyReturn:
    """Accept a submitted revision (经济发展 staff): it becomes the one that counts."""
    with transaction.atomic():
        record = MonthlyReturn.objects.select_for_update().get(pk=monthly_return.pk)
        access.ensure_can(user, record, access.Action.CHANGE)
        _ensure_economy_staff(user, record.park_id)
        if record.version != expected_version:
            raise ConflictError("该报表已被他人修改,请刷新后重试。")
        if record.status != MonthlyReturn.Status.SUBMITTED:
            raise ValidationError(
                {"status": f"只有“已报送”的报表可以审核通过,当前状态为“{record.get_status_display()}”。"}
            )
        _make_current(record)
        record.status = MonthlyReturn.Status.ACCEPTED
        record.reviewed_by = user
        record.reviewed_at = timezone.now()
        record.review_note = note
        record.version += 1
        record.save()
    return record


def return_reject(
    *, user: Any, monthly_return: MonthlyReturn, expected_version: int, note: str
) -> MonthlyReturn:
    """Send a submitted revision back to the enterprise with the reason (经济发展 staff)."""
    if not note.strip():
        raise ValidationError({"review_note": "退回时请填写退回原因。"})
    with transaction.atomic():
        record = MonthlyReturn.objects.select_for_update().get(pk=monthly_return.pk)
        access.ensure_can(user, record, access.Action.CHANGE)
        _ensure_economy_staff(user, record.park_id)
        if record.status != MonthlyReturn.Status.SUBMITTED:
            raise ValidationError({"status": "只有“已报送”的报表可以退回。"})
        updated, _ = model_update(
            instance=record,
            data={
                "status": MonthlyReturn.Status.REJECTED,
                "review_note": note.strip(),
                "reviewed_by": user,
                "reviewed_at": timezone.now(),
            },
            fields=["status", "review_note", "reviewed_by", "reviewed_at"],
            expected_version=expected_version,
        )
    return updated


def return_record(
    *,
    user: Any,
    enterprise: Enterprise,
    period: dt.date,
    data: Mapping[str, Any],
    energy: Mapping[str, Decimal] | None = None,
    reasons: Mapping[str, str] | None = None,
    months: int = 1,
) -> MonthlyReturn:
    """Staff enter a return from the enterprise's paper form: submitted and accepted in one step."""
    _ensure_economy_staff(user, enterprise.park_id)
    with transaction.atomic():
        record = return_submit(
            user=user,
            enterprise=enterprise,
            period=period,
            data=data,
            energy=energy,
            reasons=reasons,
            months=months,
        )
        return return_accept(user=user, monthly_return=record, expected_version=record.version)


# --- scale decisions -------------------------------------------------------------------------------


def scale_decision_record(
    *,
    user: Any,
    enterprise: Enterprise,
    scale_set: str,
    direction: str,
    effective_period: dt.date,
    decided_on: dt.date,
    reason: str = ScaleDecision.Reason.GROWTH,
    document: str = "",
    note: str = "",
) -> ScaleDecision:
    """Record the statistics bureau's decision and write the enterprise's status history accordingly.

    Entering opens a status period from ``effective_period``; leaving ends the open one on the last
    day before it. The aggregates follow the enterprise's new membership in the same transaction.
    """
    if scale_set not in ABOVE_SCALE_SETS:
        raise ValidationError({"scale_set": "请选择规模以上(限额以上)统计范围。"})
    if effective_period.day != 1:
        raise ValidationError({"effective_period": "生效月份应为某月的第一天。"})
    with transaction.atomic():
        locked = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
        access.ensure_can(user, locked, access.Action.VIEW)
        _ensure_economy_staff(user, locked.park_id)
        with aggregates.tracking_enterprises([locked.pk]):
            if direction == ScaleDecision.Direction.ENTER:
                status = enterprise_services.enterprise_status_add(
                    user=user, enterprise=locked, kind=scale_set, valid_from=effective_period, note=note[:200]
                )
            elif direction == ScaleDecision.Direction.LEAVE:
                open_status = EnterpriseStatus.objects.filter(
                    enterprise=locked, kind=scale_set, valid_to__isnull=True
                ).first()
                if open_status is None:
                    raise ValidationError({"direction": "该企业目前不在此统计范围内,无法退出。"})
                status = enterprise_services.enterprise_status_end(
                    user=user, status=open_status, valid_to=effective_period - dt.timedelta(days=1)
                )
            else:
                raise ValidationError({"direction": "请选择纳入或退出。"})
            decision = ScaleDecision(
                park_id=locked.park_id,
                enterprise=locked,
                scale_set=scale_set,
                direction=direction,
                reason=reason,
                effective_period=effective_period,
                decided_on=decided_on,
                document=document,
                note=note,
                status=status,
            )
            decision.full_clean()
            decision.save()
    return decision


# --- fixed-asset investment -----------------------------------------------------------------------

PROJECT_FIELDS = ("name", "enterprise", "planned_total", "start_date", "end_date", "note")


def project_create(*, user: Any, park: Any, data: Mapping[str, Any]) -> FixedAssetProject:
    """Register a fixed-asset investment project (in scope from a planned total of 500万元)."""
    with transaction.atomic():
        _ensure_economy_staff(user, park.pk)
        access.ensure_can_add(user, access.Domain.ECONOMY, park_id=park.pk)
        enterprise = data.get("enterprise")
        if enterprise is not None and enterprise.park_id != park.pk:
            raise ValidationError({"enterprise": "建设单位必须是本园区的企业。"})
        project = FixedAssetProject(park=park, **{k: v for k, v in data.items() if k in PROJECT_FIELDS})
        project.full_clean()
        project.save()
    return project


def project_update(
    *, user: Any, project: FixedAssetProject, data: Mapping[str, Any], expected_version: int
) -> FixedAssetProject:
    """Change a project's fields (optimistic lock on ``version``)."""
    with transaction.atomic():
        current = FixedAssetProject.objects.select_for_update().get(pk=project.pk)
        access.ensure_can(user, current, access.Action.CHANGE)
        _ensure_economy_staff(user, current.park_id)
        enterprise = data.get("enterprise")
        if enterprise is not None and enterprise.park_id != current.park_id:
            raise ValidationError({"enterprise": "建设单位必须是本园区的企业。"})
        updated, _ = model_update(
            instance=current, data=data, fields=PROJECT_FIELDS, expected_version=expected_version
        )
    return updated


def project_investment_set(
    *, user: Any, project: FixedAssetProject, period: dt.date, amount: Decimal
) -> ProjectMonthlyInvestment:
    """Record (or correct) the investment a project completed in one month."""
    check_period(period)
    if amount < 0:
        raise ValidationError({"amount": "完成投资不能为负数。"})
    with transaction.atomic():
        current = FixedAssetProject.objects.select_for_update().get(pk=project.pk)
        access.ensure_can(user, current, access.Action.CHANGE)
        _ensure_economy_staff(user, current.park_id)
        if period < current.start_date.replace(day=1):
            raise ValidationError({"period": f"项目于 {current.start_date:%Y-%m} 开工,此前不能有完成投资。"})
        row, created = ProjectMonthlyInvestment.objects.get_or_create(
            project=current, period=period, defaults={"park_id": current.park_id, "amount": amount}
        )
        if not created and row.amount != amount:
            model_update(instance=row, data={"amount": amount}, fields=["amount"])
    return row


# --- targets -------------------------------------------------------------------------------------


def target_set(
    *, user: Any, park: Any, indicator: Indicator, year: int, value: Decimal, note: str = ""
) -> AnnualTarget:
    """Set a park's annual target for an indicator (creates or changes it)."""
    with transaction.atomic():
        _ensure_economy_staff(user, park.pk)
        access.ensure_can_add(user, access.Domain.ECONOMY, park_id=park.pk)
        target, created = AnnualTarget.objects.select_for_update().get_or_create(
            park=park, indicator=indicator, year=year, defaults={"value": value, "note": note}
        )
        if not created:
            model_update(instance=target, data={"value": value, "note": note}, fields=["value", "note"])
    return target

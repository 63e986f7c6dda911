"""Monthly returns: the one write path (ADR 0006), for the portal's form and for the import alike.

An enterprise (or 经济发展 staff) submits a revision; staff accept or reject it; the latest accepted
revision counts (``is_current``) and earlier ones stay as history (``superseded``, their version moved
on). :func:`returns_write` is the only code that numbers revisions, supersedes, moves the aggregates and
writes the change log: the form calls it with one row (``return_submit``, ``return_record``), the
import with a batch of a month's rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.imports.logentries import LogEntryBatch
from scipark.core.services import ConflictError, lock_for_change, model_update, save_changes
from scipark.enterprises.models import Enterprise

from .. import checks, notices
from ..models import ClosedPeriod, EnergyCarrier, MonthlyReturn
from ..reference import ENERGY_TOTAL_EXCLUDES
from . import revisions
from .common import check_period, current_period, ensure_economy_staff, month_text
from .revisions import RETURN_FIELDS, EnergyRow, Month

Status = MonthlyReturn.Status
#: Places of the stored amounts (元) and of energy (tce, physical units).
MONEY = Decimal("0.01")
ENERGY = Decimal("0.0001")
#: The largest magnitudes the columns hold (``max_digits`` minus the places).
MONEY_LIMIT = Decimal(10) ** 16
TCE_LIMIT = Decimal(10) ** 12
QUANTITY_LIMIT = Decimal(10) ** 14
EMPLOYEES_LIMIT = 2_147_483_647


@dataclass(frozen=True)
class ReturnInput:
    """One enterprise's month as a form or a file row gives it (amounts in 元, energy in physical units)."""

    enterprise_id: int
    period: dt.date
    data: Mapping[str, Any]
    energy: Mapping[str, Any] | None = None
    reasons: Mapping[str, str] | None = None
    months: int = 1
    #: The version of the counting revision the caller compared with (0: none counted); when given, a
    #: month changed since (another import, a review) is a conflict instead of being overwritten.
    counting_version: int | None = None
    #: Why a month already closed (关账) is changed; required then, kept on the revision.
    revision_reason: str = ""


@dataclass(frozen=True)
class CleanReturn:
    """A return's values checked and in stored form: amounts, energy total, energy rows, reasons."""

    values: dict[str, Any]  # RETURN_FIELDS and energy_tce
    energy: tuple[EnergyRow, ...]
    reasons: dict[str, str]
    months: int


def energy_carriers() -> dict[str, EnergyCarrier]:
    """The current energy carriers by code (GB/T 2589 factors)."""
    return {c.code: c for c in EnergyCarrier.objects.filter(is_current=True)}


def _label(name: str) -> str:
    field: Any = MonthlyReturn._meta.get_field(name)
    return str(field.verbose_name)


def _amount(name: str, value: Any) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(MONEY)
    except InvalidOperation:
        raise ValidationError({name: _("“%(field)s”应为数字。") % {"field": _label(name)}}) from None
    if abs(amount) >= MONEY_LIMIT:
        raise ValidationError({name: _("“%(field)s”超出可填写的范围。") % {"field": _label(name)}})
    return amount


def _employees(value: Any) -> int:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or number != number.to_integral_value() or not 0 <= number <= EMPLOYEES_LIMIT:
        raise ValidationError({"employees": _("从业人员期末人数应为不小于0的整数。")})
    return int(number)


def _energy(energy: Mapping[str, Any] | None, carriers: Mapping[str, EnergyCarrier]) -> tuple[EnergyRow, ...]:
    rows: list[EnergyRow] = []
    for code, raw in (energy or {}).items():
        if raw is None or raw == "":
            continue
        carrier = carriers.get(code)
        if carrier is None:
            raise ValidationError({"energy": _("未知的能源品种“%(code)s”。") % {"code": code}})
        quantity = Decimal(str(raw)).quantize(ENERGY)
        if quantity < 0:
            raise ValidationError({"energy": _("%(carrier)s消费量不能为负数。") % {"carrier": carrier.label}})
        if quantity >= QUANTITY_LIMIT:
            raise ValidationError(
                {"energy": _("%(carrier)s消费量超出可填写的范围。") % {"carrier": carrier.label}}
            )
        rows.append((carrier, quantity, carrier.tce(quantity)))
    return tuple(rows)


def return_clean(
    *,
    period: dt.date,
    data: Mapping[str, Any],
    energy: Mapping[str, Any] | None = None,
    reasons: Mapping[str, str] | None = None,
    months: int = 1,
    carriers: Mapping[str, EnergyCarrier] | None = None,
    this_month: dt.date | None = None,
    submitting: bool = False,
) -> CleanReturn:
    """Check a return's month and values and bring them to their stored form (no query but the carriers).

    The import runs it on every row before the preview, so a file is refused with located errors
    before anything is written, and hands the results to :func:`returns_write` (``cleaned``), which runs
    it on every other caller's rows. ``carriers`` and ``this_month`` spare a batch the same lookups for
    every row.
    """
    check_period(period, this_month, submitting=submitting)
    if months not in (1, 2) or (months == 2 and period.month != 2):
        raise ValidationError({"months": _("只有2月报表可以合并报送1–2月数据。")})
    values: dict[str, Any] = {}
    for name in RETURN_FIELDS:
        value = data.get(name)
        if value is None or value == "":
            values[name] = None
        elif name == "employees":
            values[name] = _employees(value)
        else:
            values[name] = _amount(name, value)
    rows = _energy(energy, energy_carriers() if carriers is None else carriers)
    total = (
        sum((tce for c, _q, tce in rows if c.code not in ENERGY_TOTAL_EXCLUDES), Decimal(0)) if rows else None
    )
    if total is not None and total >= TCE_LIMIT:
        raise ValidationError({"energy": _("综合能源消费量超出可填写的范围。")})
    values["energy_tce"] = total.quantize(ENERGY) if total is not None else None
    kept = {str(k): str(v).strip() for k, v in (reasons or {}).items() if str(v or "").strip()}
    return CleanReturn(values, rows, kept, months)


def _comparisons(months: Iterable[Month]) -> dict[Month, dict[str, Any]]:
    """The counting values of the months before and a year before these months."""
    wanted: set[Month] = set()
    for enterprise_id, period in months:
        wanted.add((enterprise_id, (period - dt.timedelta(days=1)).replace(day=1)))
        wanted.add((enterprise_id, period.replace(year=period.year - 1)))
    found: dict[Month, dict[str, Any]] = {}
    periods = sorted({p for _e, p in wanted})
    for chunk in revisions.chunks(sorted({e for e, _p in wanted})):
        rows = MonthlyReturn.objects.filter(enterprise_id__in=chunk, period__in=periods, is_current=True)
        for row in rows.values("enterprise_id", "period", *revisions.VALUE_FIELDS):
            key = (row.pop("enterprise_id"), row["period"])
            if key in wanted:
                found[key] = row
    return found


def comparison_values(
    *, enterprise_id: int, period: dt.date
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The counting values of the previous month and of the same month last year (shown beside fields)."""
    found = _comparisons([(enterprise_id, period)])
    previous = (period - dt.timedelta(days=1)).replace(day=1)
    return found.get((enterprise_id, previous)), found.get(
        (enterprise_id, period.replace(year=period.year - 1))
    )


def _check_reasons(rows: Sequence[ReturnInput], cleaned: Sequence[CleanReturn]) -> None:
    """A field that is negative or moves more than ±50 % against last month or last year needs a reason."""
    found = _comparisons((row.enterprise_id, row.period) for row in rows)
    for row, clean in zip(rows, cleaned, strict=True):
        previous = found.get((row.enterprise_id, (row.period - dt.timedelta(days=1)).replace(day=1)))
        last_year = found.get((row.enterprise_id, row.period.replace(year=row.period.year - 1)))
        missing = checks.missing_reasons(
            checks.flagged_fields(clean.values, previous, last_year), clean.reasons
        )
        if missing:
            raise ValidationError(dict(missing))


def _clean_all(rows: Sequence[ReturnInput], *, submitting: bool) -> list[CleanReturn]:
    carriers, this_month = energy_carriers(), current_period()
    return [
        return_clean(
            period=r.period,
            data=r.data,
            energy=r.energy,
            reasons=r.reasons,
            months=r.months,
            carriers=carriers,
            this_month=this_month,
            submitting=submitting,
        )
        for r in rows
    ]


def returns_write(
    *,
    user: Any,
    rows: Sequence[ReturnInput],
    status: str = Status.SUBMITTED,
    check_reasons: bool = True,
    review_note: str = "",
    cleaned: Sequence[CleanReturn] | None = None,
) -> list[int]:
    """Write returns (one per enterprise and month): the one write path. Returns their keys, in order.

    Each row edits its month's open revision (draft, submitted or rejected) when there is one, otherwise
    opens the next revision: a return already accepted is revised, never overwritten; accepting the
    figures that already count changes nothing (re-entering or re-importing a month). ``status`` is what
    the rows become: ``draft`` or ``submitted`` (the enterprise's portal; needs a reason for flagged
    fields unless a draft), or ``accepted`` (经济发展 staff: a paper return or an import), which makes
    them count — the revision counting before is superseded and the aggregates move, in the same
    transaction. Every row written is in the change log.

    Each row is checked by :func:`return_clean` here, unless the caller gives ``cleaned``: what
    ``return_clean`` returned for each row (same order; with ``submitting`` unless a draft) when the caller
    has just checked the rows itself — the import, which checks every row before its preview — so that a
    row is not checked twice. The rows' ``data``, ``energy``, ``reasons`` and ``months`` are then not read.
    """
    if status not in (Status.DRAFT, Status.SUBMITTED, Status.ACCEPTED):
        raise ValueError(f"returns are written as draft, submitted or accepted, not {status!r}")
    if not rows:
        return []
    if cleaned is None:
        cleaned = _clean_all(rows, submitting=status != Status.DRAFT)
    elif len(cleaned) != len(rows) or not all(isinstance(c, CleanReturn) for c in cleaned):
        raise ValueError("cleaned must hold return_clean's result for each row, in the rows' order")
    if len({(r.enterprise_id, r.period) for r in rows}) != len(rows):
        raise ValidationError(_("同一企业同一月份只能有一行。"))
    if check_reasons and status != Status.DRAFT:
        _check_reasons(rows, cleaned)
    with transaction.atomic():
        return _write(user, rows, cleaned, status, review_note)


def _write(
    user: Any, rows: Sequence[ReturnInput], cleaned: Sequence[CleanReturn], status: str, note: str
) -> list[int]:
    refs = revisions.lock_enterprises(r.enterprise_id for r in rows)
    missing = {r.enterprise_id for r in rows} - set(refs)
    if missing:
        raise access.AccessDenied(_("企业不存在或不在您的权限范围内。"), not_found=True)
    accepting = status == Status.ACCEPTED
    if accepting:
        for park_id in sorted({ref.park_id for ref in refs.values()}):
            ensure_economy_staff(user, park_id)
    closed = closed_months(refs, rows) if status != Status.DRAFT else set()
    stored = revisions.stored_months((r.enterprise_id, r.period) for r in rows)
    stubs = {pk: ref.stub() for pk, ref in refs.items()}
    log = LogEntryBatch(user=user)
    stamp: dict[str, Any] = {} if status == Status.DRAFT else {"submitted_by": user, "submitted_at": log.now}
    review: dict[str, Any] = (
        {"is_current": True, "reviewed_by": user, "reviewed_at": log.now, "review_note": note}
        if accepting
        else {}
    )
    edits: list[tuple[int, dict[str, Any]]] = []
    creates: list[dict[str, Any]] = []
    unchanged: dict[Month, int] = {}
    for row, clean in zip(rows, cleaned, strict=True):
        month = stored[(row.enterprise_id, row.period)]
        ref = refs[row.enterprise_id]
        if row.counting_version is not None:
            seen = month.counting["version"] if month.counting else 0
            if seen != row.counting_version:
                raise ConflictError(
                    _("“%(name)s”%(month)s的月度报表已被他人修改,请刷新后重试。")
                    % {"name": ref.name, "month": month_text(row.period)}
                )
        fields = {**clean.values, "months": clean.months, "reasons": clean.reasons, "status": status}
        if accepting and month.open is None and month.counting and _same_figures(month.counting, clean):
            unchanged[(row.enterprise_id, row.period)] = month.counting["pk"]
            continue
        if (ref.park_id, row.period) in closed:
            fields["revision_reason"] = _revision_reason(ref.name, row)
        if month.open is not None:
            # Figures written again over a revision sent back are not yet reviewed: the refusal's reviewer
            # and time go (its note stays, the reason the figures were changed), until the next review.
            unreviewed = {} if accepting else {"reviewed_by": None, "reviewed_at": None}
            edits.append((month.open["pk"], {**fields, **stamp, **review, **unreviewed}))
            continue
        access.ensure_can_add(user, access.Domain.ECONOMY, park_id=ref.park_id, enterprise_id=ref.pk)
        creates.append(
            {
                **fields,
                "park_id": ref.park_id,
                "enterprise_id": ref.pk,
                "period": row.period,
                "revision": month.last + 1,
                "is_current": accepting,
                **{
                    f"{k}_id" if k.endswith("_by") else k: getattr(v, "pk", v)
                    for k, v in {**stamp, **review}.items()
                },
            }
        )
    # Out-of-reach open revisions are refused before anything is written.
    locked = [(lock_for_change(MonthlyReturn, pk, user=user), changes) for pk, changes in edits]
    if accepting:
        superseded = [m.counting for k, m in stored.items() if m.counting is not None and k not in unchanged]
        revisions.supersede(superseded, stubs, log)
    for record, changes in locked:
        save_changes(record, **changes)
    keys = revisions.insert_revisions(creates, stubs, log)
    keys.update({(record.enterprise_id, record.period): record.pk for record, _changes in locked})
    changed = [
        (r, clean) for r, clean in zip(rows, cleaned, strict=True) if (r.enterprise_id, r.period) in keys
    ]
    revisions.replace_energy(
        {keys[(r.enterprise_id, r.period)]: clean.energy for r, clean in changed},
        [record.pk for record, _changes in locked],
        log,
        {keys[(r.enterprise_id, r.period)]: refs[r.enterprise_id].park_id for r, _clean in changed},
    )
    if accepting:
        revisions.move_aggregates(
            (refs[r.enterprise_id], r.period, stored[(r.enterprise_id, r.period)].counting, clean.values)
            for r, clean in changed
        )
    log.save()
    return [keys.get((r.enterprise_id, r.period)) or unchanged[(r.enterprise_id, r.period)] for r in rows]


def closed_months(
    refs: Mapping[int, revisions.EnterpriseRef], rows: Sequence[ReturnInput]
) -> set[tuple[int, dt.date]]:
    """The (park, month) pairs among the rows' that their park has closed (关账)."""
    wanted = {(refs[r.enterprise_id].park_id, r.period) for r in rows}
    found = ClosedPeriod.objects.filter(
        park_id__in={p for p, _m in wanted}, period__in={m for _p, m in wanted}
    ).values_list("park_id", "period")
    return {key for key in found if key in wanted}


def _revision_reason(name: str, row: ReturnInput) -> str:
    reason = row.revision_reason.strip()
    if not reason:
        raise ValidationError(
            {
                "revision_reason": _("%(month)s已关账,修改“%(name)s”该月的数据须填写修订原因。")
                % {"month": month_text(row.period), "name": name}
            }
        )
    if len(reason) > 500:
        raise ValidationError({"revision_reason": _("修订原因不能超过500个字。")})
    return reason


def _same_figures(counting: dict[str, Any], clean: CleanReturn) -> bool:
    """Whether accepting ``clean`` would change nothing that counts (a re-entered or re-imported month)."""
    return counting["months"] == clean.months and all(counting[k] == v for k, v in clean.values.items())


class MonthFields(TypedDict, total=False):
    """The month a form gives, as keyword arguments of :func:`return_submit` and :func:`return_record`."""

    period: Required[dt.date]
    data: Required[Mapping[str, Any]]
    energy: Mapping[str, Decimal] | None
    reasons: Mapping[str, str] | None
    months: int
    revision_reason: str


def _write_one(user: Any, row: ReturnInput, status: str) -> MonthlyReturn:
    (pk,) = returns_write(user=user, rows=[row], status=status)
    return MonthlyReturn.objects.get(pk=pk)


def return_submit(
    *, user: Any, enterprise: Enterprise, draft: bool = False, **month: Unpack[MonthFields]
) -> MonthlyReturn:
    """Submit (or save as a draft) the enterprise's return for ``period`` (:func:`returns_write`, one row)."""
    status = Status.DRAFT if draft else Status.SUBMITTED
    with transaction.atomic():
        record = _write_one(user, ReturnInput(enterprise.pk, **month), status)
        if not draft:
            notices.announce_submitted(user=user, record=record)
    return record


def return_record(*, user: Any, enterprise: Enterprise, **month: Unpack[MonthFields]) -> MonthlyReturn:
    """Staff enter a return from the enterprise's paper form: submitted and accepted in one step."""
    ensure_economy_staff(user, enterprise.park_id)
    with transaction.atomic():
        record = _write_one(user, ReturnInput(enterprise.pk, **month), Status.ACCEPTED)
        notices.announce_reviewed(user=user, record=record)
    return record


def return_accept(
    *, user: Any, monthly_return: MonthlyReturn, expected_version: int, note: str = ""
) -> MonthlyReturn:
    """Accept a submitted revision (经济发展 staff): it becomes the one that counts."""
    with transaction.atomic():
        # The enterprise first, as every write of returns locks it (one lock order, no deadlock).
        enterprise_id = MonthlyReturn.objects.filter(pk=monthly_return.pk).values_list(
            "enterprise_id", flat=True
        )
        refs = revisions.lock_enterprises(enterprise_id)
        record = lock_for_change(
            MonthlyReturn, monthly_return.pk, user=user, expected_version=expected_version
        )
        ensure_economy_staff(user, record.park_id)
        if record.status != Status.SUBMITTED:
            raise ValidationError(
                {
                    "status": _("只有“已报送”的报表可以审核通过,当前状态为“%(status)s”。")
                    % {"status": record.get_status_display()}
                }
            )
        ref = refs[record.enterprise_id]
        reason: dict[str, str] = {}
        if ClosedPeriod.objects.filter(park_id=record.park_id, period=record.period).exists():
            # Accepting changes a closed month's figures: the revision carries why (the enterprise's
            # reason when it gave one, else the reviewer's note).
            given = record.revision_reason or note.strip()
            if not given:
                raise ValidationError(
                    {
                        "review_note": _(
                            "%(month)s已关账,审核通过将修改已关账数据,请在审核意见中填写修订原因。"
                        )
                        % {"month": month_text(record.period)}
                    }
                )
            reason = {"revision_reason": given[:500]}
        counting = revisions.stored_months([(ref.pk, record.period)])[(ref.pk, record.period)].counting
        log = LogEntryBatch(user=user)
        if counting is not None:
            revisions.supersede([counting], {ref.pk: ref.stub()}, log)
        save_changes(
            record,
            is_current=True,
            status=Status.ACCEPTED,
            reviewed_by=user,
            reviewed_at=log.now,
            review_note=note,
            **reason,
        )
        values = {name: getattr(record, name) for name in revisions.VALUE_FIELDS}
        revisions.move_aggregates([(ref, record.period, counting, values)])
        log.save()
        notices.announce_reviewed(user=user, record=record)
    return record


def return_reject(
    *, user: Any, monthly_return: MonthlyReturn, expected_version: int, note: str
) -> MonthlyReturn:
    """Send a submitted revision back to the enterprise with the reason (经济发展 staff)."""
    if not note.strip():
        raise ValidationError({"review_note": _("退回时请填写退回原因。")})
    with transaction.atomic():
        record = lock_for_change(
            MonthlyReturn, monthly_return.pk, user=user, expected_version=expected_version
        )
        ensure_economy_staff(user, record.park_id)
        if record.status != Status.SUBMITTED:
            raise ValidationError({"status": _("只有“已报送”的报表可以退回。")})
        updated, _changed = model_update(
            instance=record,
            data={
                "status": Status.REJECTED,
                "review_note": note.strip(),
                "reviewed_by": user,
                "reviewed_at": timezone.now(),
            },
            fields=["status", "review_note", "reviewed_by", "reviewed_at"],
        )
        notices.announce_reviewed(user=user, record=updated)
    return updated

"""Writes of enterprise financing: an enterprise reports its loans, listings and rounds (or staff record
them), and the investment department confirms or sends them back; only confirmed records count."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes
from scipark.enterprises.models import Enterprise

from ..models import Confirmation, EquityRound, FinancingRecord, Listing, Loan, LoanProduct
from .common import amount, ensure_keeps_investment, keeps_investment, past_date, required_text

#: Per kind of record: the fields a report sets, its money field and its date field (with labels).
FIELDS: dict[type[FinancingRecord], tuple[tuple[str, ...], tuple[str, Any] | None, tuple[str, Any]]] = {
    Loan: (("product", "bank", "amount", "rate", "granted_on", "term_months", "contract_no"), ("amount", gettext_lazy("贷款金额")), ("granted_on", gettext_lazy("放款日期"))),
    Listing: (("exchange", "board", "listed_on", "code"), None, ("listed_on", gettext_lazy("挂牌日期"))),
    EquityRound: (("round_name", "amount", "investors", "closed_on"), ("amount", gettext_lazy("融资金额")), ("closed_on", gettext_lazy("完成日期"))),
}  # fmt: skip


def _clean(model: type[FinancingRecord], park_id: int, data: Mapping[str, Any]) -> dict[str, Any]:
    fields, money, day = FIELDS[model]
    values = {k: v for k, v in data.items() if k in fields}
    if money is not None:
        values[money[0]] = amount(values.get(money[0]), *money)
    values[day[0]] = past_date(values.get(day[0]), *day)
    if model is Loan:
        product = values.get("product")
        pk = product.pk if isinstance(product, LoanProduct) else product
        found = LoanProduct.objects.filter(pk=pk, park_id=park_id).first() if pk not in (None, "") else None
        if found is None:
            raise ValidationError({"product": _("请选择本园区的贷款产品。")})
        values["product"] = found
        required_text(values.get("bank"), "bank", _("贷款银行"))
    if model is Listing:
        required_text(values.get("exchange"), "exchange", _("交易场所"))
    if model is EquityRound:
        required_text(values.get("investors"), "investors", _("投资方"))
    return values


def _ensure_listed_once(
    model: type[FinancingRecord], enterprise: Enterprise, values: Mapping[str, Any], pk: int | None = None
) -> None:
    """An enterprise is listed on one exchange's board once (``listing_once_per_board``): a second record
    is refused naming the board, not left to the database (an IntegrityError, a 500)."""
    if model is not Listing:
        return
    exchange, board = values.get("exchange", ""), values.get("board") or ""
    same = Listing.objects.filter(enterprise=enterprise, exchange=exchange, board=board)
    if (same if pk is None else same.exclude(pk=pk)).exists():
        where = f"{exchange}{board}" if board else str(exchange)
        raise ValidationError(
            {
                "board": _("该企业在「%(where)s」的挂牌已经登记(交易场所和板块相同),不能重复登记。")
                % {"where": where}
            }
        )


def _save(record: FinancingRecord, model: type[FinancingRecord], values: Mapping[str, Any]) -> None:
    """Save a new record; two people reporting the same listing at once: the second is refused."""
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError as exc:
        _ensure_listed_once(model, record.enterprise, values)
        raise ValidationError(_("该记录与已登记的记录重复。")) from exc


def financing_check(model: type[FinancingRecord], enterprise: Enterprise, data: Mapping[str, Any]) -> None:
    """What :func:`financing_report` would refuse in ``data``, without writing (an import checks every
    row before it writes any)."""
    values = _clean(model, enterprise.park_id, data)
    _ensure_listed_once(model, enterprise, values)
    record = model(enterprise=enterprise, **values)
    record.full_clean(exclude=["enterprise", "reported_by", "confirmed_by", "version"])


def financing_report(
    *, user: Any, model: type[FinancingRecord], enterprise: Enterprise | int, data: Mapping[str, Any]
) -> FinancingRecord:
    """An enterprise reports a record of its own (awaiting confirmation); staff recording one confirm it."""
    with transaction.atomic():
        pk = enterprise.pk if isinstance(enterprise, Enterprise) else enterprise
        found = Enterprise.objects.filter(pk=pk).first()
        if found is None:
            raise ValidationError({"enterprise": _("请选择企业。")})
        access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=found.park_id, enterprise_id=found.pk)
        values = _clean(model, found.park_id, data)
        _ensure_listed_once(model, found, values)
        record = model(enterprise=found, reported_by=user, **values)
        if keeps_investment(user, found.park_id):
            record.status = Confirmation.CONFIRMED
            record.confirmed_by = user
            record.confirmed_on = timezone.localdate()
        record.full_clean(exclude=["enterprise", "reported_by", "confirmed_by", "version"])
        _save(record, model, values)
    return record


def financing_update(
    *, user: Any, model: type[FinancingRecord], record: Any, version: int | None, data: Mapping[str, Any]
) -> FinancingRecord:
    """Change a record; an enterprise may change its own only until it is confirmed, and its change is
    confirmed again by the department."""
    with transaction.atomic():
        locked = lock_for_change(model, record, user=user, expected_version=version, related=("enterprise",))
        staff = keeps_investment(user, locked.enterprise.park_id)
        if not staff and locked.status == Confirmation.CONFIRMED:
            raise ValidationError(_("该记录已由招商部门确认,如需修改请联系招商部门。"))
        values = _clean(model, locked.enterprise.park_id, {**_current(model, locked), **data})
        _ensure_listed_once(model, locked.enterprise, values, pk=locked.pk)
        if not staff:
            values.update(
                status=Confirmation.REPORTED, confirmed_by=None, confirmed_on=None, reject_reason=""
            )
        for name, value in values.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=["enterprise", "reported_by", "confirmed_by", "version"])
        return save_changes(locked, **values)


def _current(model: type[FinancingRecord], record: FinancingRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELDS[model][0]}


def financing_confirm(
    *, user: Any, model: type[FinancingRecord], record: Any, version: int | None
) -> FinancingRecord:
    """The investment department confirms a reported record: from now on it counts."""
    with transaction.atomic():
        locked = lock_for_change(model, record, user=user, expected_version=version, related=("enterprise",))
        ensure_keeps_investment(user, locked.enterprise.park_id)
        if locked.status == Confirmation.CONFIRMED:
            raise ValidationError(_("该记录已确认。"))
        return save_changes(
            locked,
            status=Confirmation.CONFIRMED,
            confirmed_by=user,
            confirmed_on=timezone.localdate(),
            reject_reason="",
        )


def financing_reject(
    *, user: Any, model: type[FinancingRecord], record: Any, version: int | None, reason: str
) -> FinancingRecord:
    """The department sends a record back to the enterprise, with the reason."""
    text = required_text(reason, "reject_reason", _("退回原因"))
    with transaction.atomic():
        locked = lock_for_change(model, record, user=user, expected_version=version, related=("enterprise",))
        ensure_keeps_investment(user, locked.enterprise.park_id)
        return save_changes(
            locked, status=Confirmation.REJECTED, confirmed_by=None, confirmed_on=None, reject_reason=text
        )


def loan_product_save(
    *,
    user: Any,
    data: Mapping[str, Any],
    park: Any = None,
    product: LoanProduct | int | None = None,
    version: int | None = None,
) -> LoanProduct:
    """Add a loan product to ``park``, or change ``product`` with the version the caller read."""
    values = {k: v for k, v in data.items() if k in ("name", "description", "is_active")}
    with transaction.atomic():
        if product is None:
            access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=park.pk)
            ensure_keeps_investment(user, park.pk)
            name = required_text(values.get("name"), "name", _("产品名称"))
            if LoanProduct.objects.filter(park=park, name=name).exists():
                raise ValidationError({"name": _("本园区已有贷款产品「%(name)s」。") % {"name": name}})
            created = LoanProduct(park=park, **{**values, "name": name})
            created.full_clean(exclude=["park", "version"])
            created.save()
            return created
        locked = lock_for_change(LoanProduct, product, user=user, expected_version=version)
        ensure_keeps_investment(user, locked.park_id)
        return save_changes(locked, **values)

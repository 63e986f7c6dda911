"""IP, certificates, stays and the library rows: one save per kind, checked like the rules read them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Incubation, IntellectualProperty, TierCertificate

#: CN patent application numbers: ZL + year (4) + type (1) + serial (7) + "." + check, or the pre-2003
#: form year (2) + type (1) + serial (5) + "." + check. Type 1/8 invention, 2/9 utility model, 3 design.
PATENT_NUMBER = re.compile(r"^(?:ZL)?(?:\d{4}(?P<t12>[12389])\d{7}|\d{2}(?P<t8>[12389])\d{5})\.[\dX]$")
PATENT_TYPES = {"invention": "18", "utility_model": "29", "design": "3"}


def check_ip(ip: IntellectualProperty) -> None:
    """Dates in order, a granted row with its date, and a patent number of the right form and type."""
    check_record(ip)
    errors: dict[str, str] = {}
    if ip.granted_on and ip.applied_on and ip.granted_on < ip.applied_on:
        errors["granted_on"] = "授权日期不能早于申请日期。"
    if ip.status == IntellectualProperty.Status.GRANTED and ip.granted_on is None:
        errors["granted_on"] = "已授权的知识产权请填写授权(登记)日期。"
    if ip.kind in PATENT_TYPES:
        number = (ip.number or "").strip().upper().replace(" ", "")
        match = PATENT_NUMBER.match(number)
        if not match:
            errors["number"] = (
                f"专利号「{ip.number}」格式有误,应如 ZL202310123456.7(年份+类型+流水号+校验位)。"
            )
        elif (match.group("t12") or match.group("t8")) not in PATENT_TYPES[ip.kind]:
            errors["number"] = f"专利号「{ip.number}」的类型位与「{ip.get_kind_display()}」不符。"
        else:
            ip.number = number
    if errors:
        raise ValidationError(errors)


def _same_park(row: Any, field: str = "enterprise") -> None:
    enterprise = getattr(row, field, None)
    if enterprise is not None and enterprise.park_id != row.park_id:
        raise ValidationError({field: "企业须属于该园区。"})


def record_save(
    *, user: Any, model: type[Any], park: Any, data: Mapping[str, Any], fields: tuple[str, ...],
    instance: Any = None, expected_version: int | None = None, check: Any = None,
) -> Any:  # fmt: skip
    """Add a row of ``model`` in ``park`` or change ``instance``: reach, the row's own checks, then save.

    An enterprise user may only add rows for its own enterprise (``core.access``); ``check`` is the
    kind's cross-field check, run on the row before it is saved.
    """
    values = {k: v for k, v in data.items() if k in fields}
    enterprise_field = getattr(model, "scope_enterprise_field", None)
    with transaction.atomic():
        if instance is None:
            row = model(park=park, **values)
            enterprise = getattr(row, enterprise_field, None) if enterprise_field else None
            access.ensure_can_add(
                user, access.Domain.INNOVATION, park_id=park.pk, enterprise_id=getattr(enterprise, "pk", None)
            )
        else:
            row = lock_for_change(model, instance.pk, user=user, expected_version=expected_version)
            for key, value in values.items():
                setattr(row, key, value)
            if enterprise_field:
                # The new enterprise must be within reach too (an enterprise user cannot give a row away).
                enterprise = getattr(row, enterprise_field, None)
                if not access.can_add_in(
                    user,
                    access.Domain.INNOVATION,
                    park_id=row.park_id,
                    enterprise_id=getattr(enterprise, "pk", None),
                ):
                    raise ValidationError({enterprise_field: "不能把记录改到您无权管理的企业名下。"})
        if enterprise_field:
            _same_park(row, enterprise_field)
        if check is not None:
            check(row)
        row.full_clean()
        if instance is None:
            row.save()
            return row
        return save_changes(row, **values)


def record_delete(*, user: Any, instance: Any) -> None:
    """Delete one library row (reach re-checked on the locked row)."""
    with transaction.atomic():
        row = lock_for_change(type(instance), instance.pk, user=user, action=access.Action.DELETE)
        try:
            row.delete()
        except models.ProtectedError:
            raise ValidationError(f"「{row}」仍被其他记录引用,不能删除。") from None


IP_FIELDS = ("enterprise", "owner_name", "kind", "number", "title", "applied_on", "granted_on", "status",
             "high_value", "self_developed", "in_use", "field", "abstract")  # fmt: skip


def ip_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> IntellectualProperty:
    """Add or change a patent, copyright, variety, drug or layout."""
    return record_save(user=user, model=IntellectualProperty, park=park, data=data, fields=IP_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_ip)  # fmt: skip


def check_certificate(cert: TierCertificate) -> None:
    check_record(cert)


CERTIFICATE_FIELDS = ("enterprise", "tier", "number", "granted_on", "expires_on", "issuer")


def certificate_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> TierCertificate:
    """Record a tier certificate (高企 with number and validity, 科技型 registration of a year, …)."""
    return record_save(user=user, model=TierCertificate, park=park, data=data, fields=CERTIFICATE_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_certificate)  # fmt: skip


def check_stay(stay: Incubation) -> None:
    if stay.left_on and stay.left_on < stay.entered_on:
        raise ValidationError({"left_on": "离孵日期不能早于入孵日期。"})
    if bool(stay.left_on) != bool(stay.outcome):
        raise ValidationError({"outcome": "离孵时请同时填写离孵日期和离孵方式(毕业或退出)。"})
    if stay.incubator.park_id != stay.park_id:
        raise ValidationError({"incubator": "孵化载体须属于该园区。"})
    overlapping = Incubation.objects.filter(enterprise=stay.enterprise).exclude(pk=stay.pk)
    for other in overlapping:
        if (other.left_on is None or other.left_on >= stay.entered_on) and (
            stay.left_on is None or stay.left_on >= other.entered_on
        ):
            raise ValidationError({"entered_on": f"该企业在{other.incubator}的在孵时段与此重叠。"})


STAY_FIELDS = ("incubator", "enterprise", "entered_on", "left_on", "outcome", "note")


def stay_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> Incubation:
    """Record an incubatee's entry, or its graduation or exit (a stay is a date range)."""
    values = {**data, "outcome": data.get("outcome") or ""}
    return record_save(user=user, model=Incubation, park=park, data=values, fields=STAY_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_stay)  # fmt: skip


#: Dates that must come in order, per model: (earlier, later, message naming the later field).
DATE_ORDER: dict[str, tuple[tuple[str, str, str], ...]] = {
    "achievement": (("registered_on", "converted_on", "转化日期不能早于登记日期。"),),
    "techdemand": (("published_on", "deadline", "截止日期不能早于发布日期。"),),
    "policy": (("published_on", "valid_until", "有效期不能早于发布日期。"),),
    "agreement": (("signed_on", "expires_on", "到期日期不能早于签订日期。"),),
    "tiercertificate": (("granted_on", "expires_on", "有效期不能早于认定日期。"),),
    "intellectualproperty": (("applied_on", "granted_on", "授权日期不能早于申请日期。"),),
}


def check_record(row: Any) -> None:
    """What every entry shares: no negative amount or count, dates in order (messages name the field)."""
    errors: dict[str, str] = {}
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname, None)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            continue
        if value < 0:
            errors[field.name] = f"{field.verbose_name}不能为负数。"
    for earlier, later, message in DATE_ORDER.get(row._meta.model_name, ()):
        first, second = getattr(row, earlier), getattr(row, later)
        if first is not None and second is not None and second < first:
            errors.setdefault(later, message)
    if errors:
        raise ValidationError(errors)


#: What a person fills for each library's record (the patent library is the IP form).
NOT_ENTERED = frozenset({"id", "park", "version", "created_at", "updated_at"})


def entry_fields(model: type[Any]) -> tuple[str, ...]:
    if model is IntellectualProperty:
        return IP_FIELDS
    return tuple(f.name for f in model._meta.concrete_fields if f.editable and f.name not in NOT_ENTERED)


def library_save(
    *, user: Any, model: type[Any], park: Any, data: Mapping[str, Any], instance: Any = None,
    expected_version: int | None = None,
) -> Any:  # fmt: skip
    """Add or change one record of a tech-service library (the patent library through :func:`ip_save`)."""
    if model is IntellectualProperty:
        return ip_save(user=user, park=park, data=data, instance=instance, expected_version=expected_version)
    return record_save(user=user, model=model, park=park, data=data, fields=entry_fields(model),
                       instance=instance, expected_version=expected_version, check=check_record)  # fmt: skip

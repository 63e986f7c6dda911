"""IP, certificates, stays and the library rows: one save per kind, checked like the rules read them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Award, Incubation, Incubator, IntellectualProperty, LedStandard, TierCertificate

#: CN patent application numbers: ZL + year (4) + type (1) + serial (7) + "." + check, or the pre-2003
#: form year (2) + type (1) + serial (5) + "." + check. Type 1/8 invention, 2/9 utility model, 3 design.
PATENT_NUMBER = re.compile(r"^(?:ZL)?(?:\d{4}(?P<t12>[12389])\d{7}|\d{2}(?P<t8>[12389])\d{5})\.[\dX]$")
PATENT_TYPES = {"invention": "18", "utility_model": "29", "design": "3"}


def check_ip(ip: IntellectualProperty) -> None:
    """Dates in order, a granted row with its date, and a patent number of the right form and type."""
    check_record(ip)
    errors: dict[str, str] = {}
    if ip.granted_on and ip.applied_on and ip.granted_on < ip.applied_on:
        errors["granted_on"] = _("授权日期不能早于申请日期。")
    if ip.status == IntellectualProperty.Status.GRANTED and ip.granted_on is None:
        errors["granted_on"] = _("已授权的知识产权请填写授权(登记)日期。")
    if ip.kind in PATENT_TYPES:
        number = (ip.number or "").strip().upper().replace(" ", "")
        match = PATENT_NUMBER.match(number)
        if not match:
            errors["number"] = _(
                "专利号「%(number)s」格式有误,应如 ZL202310123456.7(年份+类型+流水号+校验位)。"
            ) % {"number": ip.number}
        elif (match.group("t12") or match.group("t8")) not in PATENT_TYPES[ip.kind]:
            errors["number"] = _("专利号「%(number)s」的类型位与「%(kind)s」不符。") % {
                "number": ip.number,
                "kind": ip.get_kind_display(),
            }
        else:
            ip.number = number
    if errors:
        raise ValidationError(errors)


def _same_park(row: Any, field: str = "enterprise") -> None:
    enterprise = getattr(row, field, None)
    if enterprise is not None and enterprise.park_id != row.park_id:
        raise ValidationError({field: _("企业须属于该园区。")})


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
                    raise ValidationError({enterprise_field: _("不能把记录改到您无权管理的企业名下。")})
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
            raise ValidationError(_("「%(record)s」仍被其他记录引用,不能删除。") % {"record": row}) from None


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
        raise ValidationError({"left_on": _("离孵日期不能早于入孵日期。")})
    if bool(stay.left_on) != bool(stay.outcome):
        raise ValidationError({"outcome": _("离孵时请同时填写离孵日期和离孵方式(毕业或退出)。")})
    if stay.incubator.park_id != stay.park_id:
        raise ValidationError({"incubator": _("孵化载体须属于该园区。")})
    overlapping = Incubation.objects.filter(enterprise=stay.enterprise).exclude(pk=stay.pk)
    for other in overlapping:
        if (other.left_on is None or other.left_on >= stay.entered_on) and (
            stay.left_on is None or stay.left_on >= other.entered_on
        ):
            raise ValidationError(
                {
                    "entered_on": _("该企业在%(incubator)s的在孵时段与此重叠。")
                    % {"incubator": other.incubator}
                }
            )


STAY_FIELDS = ("incubator", "enterprise", "entered_on", "left_on", "outcome", "note")


def stay_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> Incubation:
    """Record an incubatee's entry, or its graduation or exit (a stay is a date range).

    The registry's 在孵 status of the enterprise follows its stays in the same transaction (through the
    registry's own service, ADR 0014 §5): an entry opens it, a graduation or exit ends it on that day."""
    values = {**data, "outcome": data.get("outcome") or ""}
    before = instance.enterprise_id if instance is not None else None
    with transaction.atomic():
        stay = record_save(user=user, model=Incubation, park=park, data=values, fields=STAY_FIELDS,
                           instance=instance, expected_version=expected_version, check=check_stay)  # fmt: skip
        for enterprise_id in {before, stay.enterprise_id} - {None}:
            follow_incubation(enterprise_id)
    return stay


def incubation_periods(enterprise_id: int) -> list[tuple[Any, Any, str]]:
    """The enterprise's 在孵 periods as its stays give them: (entered, left or None, note)."""
    periods = []
    stays = Incubation.objects.filter(enterprise_id=enterprise_id).select_related("incubator")
    for stay in stays.order_by("entered_on"):
        note = f"在孵于{stay.incubator.name}"
        if stay.left_on is not None:
            note += f",{stay.left_on.isoformat()}{stay.get_outcome_display()}"
        periods.append((stay.entered_on, stay.left_on, note[:200]))
    return periods


def follow_incubation(enterprise_id: int) -> None:
    """Make the registry's 在孵 history of the enterprise what its stays say (the stays are the source)."""
    from scipark.enterprises.services import enterprise_incubation_follow

    enterprise_incubation_follow(enterprise_id=enterprise_id, periods=incubation_periods(enterprise_id))


def check_incubator(incubator: Incubator) -> None:
    """What the database's constraints would refuse, as messages naming the field; its operator in the park."""
    check_record(incubator)
    errors: dict[str, str] = {}
    area, share = incubator.area_m2, incubator.incubatee_area_m2
    if area is not None and share is not None and share > area:
        errors["incubatee_area_m2"] = _("在孵企业使用面积不能大于孵化场地面积。")
    if incubator.professional_staff > incubator.staff:
        errors["professional_staff"] = _("专业孵化服务人员数不能多于管理机构人员数。")
    if incubator.operator is not None and incubator.operator.park_id != incubator.park_id:
        errors["operator"] = _("运营单位须属于该园区。")
    if errors:
        raise ValidationError(errors)


INCUBATOR_FIELDS = ("name", "operator", "kind", "level", "recognised_on", "opened_on", "area_m2",
                    "incubatee_area_m2", "seed_fund", "staff", "professional_staff")  # fmt: skip


def incubator_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> Incubator:
    """Add or change one of the park's incubators (the park's staff only: no enterprise is its scope)."""
    return record_save(user=user, model=Incubator, park=park, data=data, fields=INCUBATOR_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_incubator)  # fmt: skip


AWARD_FIELDS = ("enterprise", "name", "level", "rank", "granted_on")


def award_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> Award:
    """Record a science and technology award an enterprise won (its level and the enterprise's rank)."""
    return record_save(user=user, model=Award, park=park, data=data, fields=AWARD_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_record)  # fmt: skip


STANDARD_FIELDS = ("enterprise", "code", "title", "level", "published_on")


def standard_save(
    *,
    user: Any,
    park: Any,
    data: Mapping[str, Any],
    instance: Any = None,
    expected_version: int | None = None,
) -> LedStandard:
    """Record a standard an enterprise led (主导制定), with its code, level and publication date."""
    return record_save(user=user, model=LedStandard, park=park, data=data, fields=STANDARD_FIELDS,
                       instance=instance, expected_version=expected_version, check=check_record)  # fmt: skip


#: Dates that must come in order, per model: (earlier, later, message naming the later field).
DATE_ORDER: dict[str, tuple[tuple[str, str, Any], ...]] = {
    "achievement": (("registered_on", "converted_on", gettext_lazy("转化日期不能早于登记日期。")),),
    "techdemand": (("published_on", "deadline", gettext_lazy("截止日期不能早于发布日期。")),),
    "policy": (("published_on", "valid_until", gettext_lazy("有效期不能早于发布日期。")),),
    "agreement": (("signed_on", "expires_on", gettext_lazy("到期日期不能早于签订日期。")),),
    "tiercertificate": (("granted_on", "expires_on", gettext_lazy("有效期不能早于认定日期。")),),
    "intellectualproperty": (("applied_on", "granted_on", gettext_lazy("授权日期不能早于申请日期。")),),
}


def check_record(row: Any) -> None:
    """What every entry shares: no negative amount or count, dates in order (messages name the field)."""
    errors: dict[str, str] = {}
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname, None)
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            continue
        if value < 0:
            errors[field.name] = _("%(field)s不能为负数。") % {"field": field.verbose_name}
    for earlier, later, message in DATE_ORDER.get(row._meta.model_name, ()):
        first, second = getattr(row, earlier), getattr(row, later)
        if first is not None and second is not None and second < first:
            errors.setdefault(later, str(message))
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

"""Boilers and certifications: create or change one row, checked like the pure method checks it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Boiler, Certification
from ..nox import BoilerMeasurement, NoxInputError, check_measurement, corrected

M = TypeVar("M", Boiler, Certification)

BOILER_FIELDS = (
    "enterprise",
    "name",
    "registration_no",
    "capacity_tph",
    "fuel",
    "installed_year",
    "operating_hours",
    "load_factor",
    "nox_before",
    "o2_before",
    "nox_after",
    "o2_after",
    "after_note",
    "retrofit_started_on",
    "retrofit_completed_on",
)
CERTIFICATION_FIELDS = (
    "enterprise",
    "kind",
    "level",
    "standard",
    "issuer",
    "document_no",
    "granted_on",
    "valid_until",
    "distinction",
)


def check_boiler(boiler: Boiler) -> None:
    """The method's checks on a stored boiler, as a ValidationError naming the field."""
    label = boiler.name or _("锅炉")
    measured = BoilerMeasurement(
        label=label,
        capacity_tph=boiler.capacity_tph,
        operating_hours=boiler.operating_hours,
        load_factor=boiler.load_factor,
        nox_before=boiler.nox_before,
        o2_before=boiler.o2_before,
        nox_after=boiler.nox_after if boiler.nox_after is not None else Decimal(0),
        o2_after=boiler.o2_after if boiler.o2_after is not None else Decimal(0),
        after_note=boiler.after_note,
    )
    try:
        check_measurement(measured)
        if boiler.nox_after is not None:
            if boiler.o2_after is None:
                raise NoxInputError(
                    "o2_after",
                    _("锅炉「%(boiler)s」填写了改造后浓度,请同时填写实测氧含量。") % {"boiler": label},
                )
            # Compare at the same O₂ (any reference will do for the comparison).
            before = corrected(boiler.nox_before, boiler.o2_before, Decimal(0), field="nox_before")
            after = corrected(boiler.nox_after, boiler.o2_after, Decimal(0), field="nox_after")
            if after > before and not boiler.after_note.strip():
                raise NoxInputError(
                    "after_note",
                    _("锅炉「%(boiler)s」改造后浓度高于改造前,请在“改造后浓度说明”中说明原因。")
                    % {"boiler": label},
                )
    except NoxInputError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    if (
        boiler.retrofit_completed_on
        and boiler.retrofit_started_on
        and boiler.retrofit_completed_on < boiler.retrofit_started_on
    ):
        raise ValidationError({"retrofit_completed_on": _("改造完成日期不能早于开始日期。")})
    if boiler.retrofit_completed_on and boiler.nox_after is None:
        raise ValidationError(
            {"nox_after": _("锅炉「%(boiler)s」已完成改造,请填写改造后实测浓度。") % {"boiler": label}}
        )


def _changed(current: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that differ from the stored row (compared before anything is set on it)."""
    return {k: v for k, v in values.items() if getattr(current, k) != v}


def save_kept(
    model: type[M],
    *,
    user: Any,
    park: Any,
    stored: M | None,
    values: Mapping[str, Any],
    expected_version: int | None,
    check: Callable[[M], None],
) -> M:
    """Add a department record about an enterprise of ``park``, or change ``stored`` with the version read:
    one transaction; the enterprise must be of the record's park; ``check`` is the record's own rule."""
    with transaction.atomic():
        if stored is None:
            access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
            current = model(park=park, **values)
            changed = dict(values)
        else:
            current = lock_for_change(model, stored.pk, user=user, expected_version=expected_version)
            # Compare first: setting the values on the row before comparing would find nothing changed.
            changed = _changed(current, values)
            if not changed:
                return current
            for key, value in changed.items():
                setattr(current, key, value)
        if current.enterprise.park_id != current.park_id:
            raise ValidationError({"enterprise": _("企业须属于该园区。")})
        check(current)
        current.full_clean()
        if stored is None:
            current.save()
            return current
        return save_changes(current, **changed)


def boiler_save(
    *,
    user: Any,
    park: Any = None,
    boiler: Boiler | None = None,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> Boiler:
    """Add a boiler in ``park`` or change ``boiler`` (with the version read); the department's record."""
    values = {
        k: ("" if v is None and k in ("after_note", "registration_no") else v)
        for k, v in data.items()
        if k in BOILER_FIELDS
    }
    return save_kept(
        Boiler, user=user, park=park, stored=boiler, values=values, expected_version=expected_version,
        check=check_boiler,
    )  # fmt: skip


def _check_certification(cert: Certification) -> None:
    if cert.valid_until and cert.granted_on and cert.valid_until < cert.granted_on:
        raise ValidationError({"valid_until": _("有效期不能早于认定日期。")})


def certification_save(
    *,
    user: Any,
    park: Any = None,
    certification: Certification | None = None,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> Certification:
    """Record a certification granted to an enterprise of ``park``, or change ``certification``."""
    values = {
        k: ("" if v is None else v) if k in ("standard", "document_no", "distinction") else v
        for k, v in data.items()
        if k in CERTIFICATION_FIELDS
    }
    return save_kept(
        Certification, user=user, park=park, stored=certification, values=values,
        expected_version=expected_version, check=_check_certification,
    )  # fmt: skip

"""Boilers and certifications: create or change one row, checked like the pure method checks it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Boiler, Certification
from ..nox import BoilerMeasurement, NoxInputError, check_measurement, corrected

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
    label = boiler.name or "锅炉"
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
                raise NoxInputError("o2_after", f"锅炉「{label}」填写了改造后浓度,请同时填写实测氧含量。")
            # Compare at the same O₂ (any reference will do for the comparison).
            before = corrected(boiler.nox_before, boiler.o2_before, Decimal(0), field="nox_before")
            after = corrected(boiler.nox_after, boiler.o2_after, Decimal(0), field="nox_after")
            if after > before and not boiler.after_note.strip():
                raise NoxInputError(
                    "after_note", f"锅炉「{label}」改造后浓度高于改造前,请在“改造后浓度说明”中说明原因。"
                )
    except NoxInputError as exc:
        raise ValidationError({exc.field: exc.message}) from None
    if (
        boiler.retrofit_completed_on
        and boiler.retrofit_started_on
        and boiler.retrofit_completed_on < boiler.retrofit_started_on
    ):
        raise ValidationError({"retrofit_completed_on": "改造完成日期不能早于开始日期。"})
    if boiler.retrofit_completed_on and boiler.nox_after is None:
        raise ValidationError({"nox_after": f"锅炉「{label}」已完成改造,请填写改造后实测浓度。"})


def _changed(current: Any, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that differ from the stored row (compared before anything is set on it)."""
    return {k: v for k, v in values.items() if getattr(current, k) != v}


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
    with transaction.atomic():
        if boiler is None:
            access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
            current = Boiler(park=park, **values)
            changed = values
        else:
            current = lock_for_change(Boiler, boiler.pk, user=user, expected_version=expected_version)
            # Compare first: setting the values on the row before comparing would find nothing changed.
            changed = _changed(current, values)
            if not changed:
                return current
            for key, value in changed.items():
                setattr(current, key, value)
        if current.enterprise.park_id != current.park_id:
            raise ValidationError({"enterprise": "企业须属于该园区。"})
        check_boiler(current)
        current.full_clean()
        if boiler is None:
            current.save()
            return current
        return save_changes(current, **changed)


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
    with transaction.atomic():
        if certification is None:
            access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
            cert = Certification(park=park, **values)
            changed = values
        else:
            cert = lock_for_change(
                Certification, certification.pk, user=user, expected_version=expected_version
            )
            changed = _changed(cert, values)
            if not changed:
                return cert
            for key, value in changed.items():
                setattr(cert, key, value)
        if cert.enterprise.park_id != cert.park_id:
            raise ValidationError({"enterprise": "企业须属于该园区。"})
        if cert.valid_until and cert.granted_on and cert.valid_until < cert.granted_on:
            raise ValidationError({"valid_until": "有效期不能早于认定日期。"})
        cert.full_clean()
        if certification is None:
            cert.save()
            return cert
        return save_changes(cert, **changed)

"""Hazardous-waste ledgers: one producer's year for one HW category, recorded by the department.

The producer (产废单位) is registered with its first record; its key/non-key status is part of the
record form because the department learns it with the ledger (G6 counts key and non-key producers).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import WasteProducer, WasteRecord

RECORD_FIELDS = ("year", "category", "generated_t", "treated_t", "stored_t", "route")
CATEGORY = re.compile(r"^HW\d{2}$")


def normal_category(value: Any) -> str:
    """``hw49``, ``HW 49`` → ``HW49``; anything else is refused naming the value."""
    text = re.sub(r"\s", "", str(value or "")).upper()
    if not CATEGORY.match(text):
        raise ValidationError(
            {"category": _("废物类别“%(value)s”应写作 HW 加两位数字,如 HW49。") % {"value": str(value)[:20]}}
        )
    return text


def _check_year(year: int) -> None:
    latest = timezone.localdate().year
    if not 1990 <= int(year) <= latest:
        raise ValidationError({"year": _("年度应在 1990 至 %(latest)s 之间。") % {"latest": latest}})


def _producer(*, park: Any, enterprise: Any, is_key: bool, year: int) -> WasteProducer:
    """The enterprise's producer registration in ``park``, made with its first record."""
    if enterprise.park_id != park.pk:
        raise ValidationError({"enterprise": _("企业须属于该园区。")})
    producer = WasteProducer.objects.select_for_update().filter(park=park, enterprise=enterprise).first()
    if producer is None:
        producer = WasteProducer(
            park=park, enterprise=enterprise, is_key=is_key, registered_on=dt.date(int(year), 1, 1)
        )
        producer.full_clean()
        producer.save()
    elif producer.is_key != is_key:
        save_changes(producer, is_key=is_key)
    return producer


def waste_record_save(
    *,
    user: Any,
    park: Any = None,
    record: WasteRecord | None = None,
    data: Mapping[str, Any],
    expected_version: int | None = None,
) -> WasteRecord:
    """Add a year's ledger for an enterprise of ``park`` (``data["enterprise"]``, ``data["is_key"]``), or
    change ``record`` (its producer's key status included) with the version read."""
    values = {k: v for k, v in data.items() if k in RECORD_FIELDS}
    if "category" in values:
        values["category"] = normal_category(values["category"])
    if "year" in values:
        _check_year(values["year"])
    is_key = bool(data.get("is_key", False))
    with transaction.atomic():
        if record is None:
            access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
            producer = _producer(park=park, enterprise=data["enterprise"], is_key=is_key, year=values["year"])
            current = WasteRecord(park=park, producer=producer, **values)
            changed = values
        else:
            current = lock_for_change(
                WasteRecord, record.pk, user=user, expected_version=expected_version, related=("producer",)
            )
            changed = {k: v for k, v in values.items() if getattr(current, k) != v}
            for key, value in changed.items():
                setattr(current, key, value)
            if current.producer.is_key != is_key:
                save_changes(current.producer, is_key=is_key)
        _check_record(current)
        if record is None:
            current.save()
            return current
        return save_changes(current, **changed) if changed else current


def _check_record(record: WasteRecord) -> None:
    try:
        record.validate_constraints()
    except ValidationError:
        raise ValidationError(
            {
                "category": _("该单位%(year)s年%(category)s的台账已存在,请修改原记录。")
                % {"year": record.year, "category": record.category}
            }
        ) from None
    record.full_clean(validate_constraints=False)

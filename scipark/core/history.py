"""A record's change log as a person reads it (issue 10 item 6): one group per change — when, who, what —
with each changed field under its label as the UI shows it, choice labels instead of codes, linked rows by
their names, amounts in 元 / 万元 with separators, dates as dates, and old → new.

Internal fields (the key, the version counter, timestamps the database keeps) are left out; the values of
the fields a model masks in the change log (``core.changelog.masked_fields``) read 〔已隐去〕 here too, and a
linked row that would be named by masked values is named by its kind and key.
"""

from __future__ import annotations

import ast
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from .changelog import masked_fields, masks_name
from .money import FEN, WAN, wan_figure
from .terms import joined

#: What a reader sees in place of a masked value.
MASKED = gettext_lazy("〔已隐去〕")
EMPTY = "—"
#: Fields no reader needs in a change log: the row's key, its optimistic-lock counter, database timestamps.
INTERNAL_FIELDS = frozenset({"id", "version", "created_at", "updated_at", "created", "modified"})
ACTIONS = {
    LogEntry.Action.CREATE: gettext_lazy("新建"),
    LogEntry.Action.UPDATE: gettext_lazy("修改"),
    LogEntry.Action.DELETE: gettext_lazy("删除"),
    LogEntry.Action.ACCESS: gettext_lazy("查看"),
}
#: A label's unit when it is 元, alone or after a qualifier — (元), (当年价格,元), and their English (yuan),
#: (current prices, yuan); the qualifier, if any, is group 2.
_YUAN_UNIT = re.compile(r"(\s*[(（])(?:([^()（）]*?)\s*[,,、]\s*)?(?:元|yuan)\s*([)）])\s*$")


@dataclass(frozen=True)
class FieldChange:
    """One field of a change: its label, the value before and the value after (``—`` for none)."""

    label: str
    before: str
    after: str


@dataclass(frozen=True)
class ChangeGroup:
    """One change of a record: when, who, what was done to which row, and the fields it changed."""

    timestamp: dt.datetime
    actor: str
    action: str
    subject: str
    changes: list[FieldChange] = field(default_factory=list)


def actor_name(entry: LogEntry) -> str:
    """Who made the change: the person's name and account, or 系统 for a command or a background job."""
    user = entry.actor
    if user is None:
        return gettext("系统")
    username = user.get_username()
    full_name = str(getattr(user, "full_name", "") or "").strip()
    return f"{full_name}({username})" if full_name and full_name != username else username


def is_money(model_field: models.Field[Any, Any]) -> bool:
    """An amount in 元: a two-place decimal of 15 digits or more (``money_field``), or one labelled (元) or
    (…,元) — read from the Chinese label, so that the rule is the same in every language."""
    if not isinstance(model_field, models.DecimalField):
        return False
    with translation.override(None):
        label = str(model_field.verbose_name)
    return bool(_YUAN_UNIT.search(label)) or (
        model_field.decimal_places == 2 and (model_field.max_digits or 0) >= 15 and "(" not in label
    )


def money_text(amount: Decimal) -> str:
    """``12345600`` → ``1,234.56 万元`` (two places, half up: ``core.money``); under 1万 in 元, where two
    places of 万元 would round a small amount away: ``3,500.00 元``."""
    # gettext outside the f-strings: xgettext does not read inside them, and the catalogue would lose both
    if abs(amount) >= WAN:
        unit = gettext("万元")
        return f"{wan_figure(amount, places=2)} {unit}"
    unit = gettext("元")
    return f"{amount.quantize(FEN, rounding=ROUND_HALF_UP):,} {unit}"


def field_label(model_field: models.Field[Any, Any]) -> str:
    """The field's label as forms show it; an amount's unit goes, its values carry it: 营业收入(元) reads
    营业收入, 工业总产值(当年价格,元) reads 工业总产值(当年价格)."""
    label = str(model_field.verbose_name)
    if not is_money(model_field):
        return label
    return _YUAN_UNIT.sub(lambda unit: f"{unit[1]}{unit[2]}{unit[3]}" if unit[2] else "", label)


def shown_fields(model: type[models.Model], names: Iterable[str]) -> list[models.Field[Any, Any]]:
    """The changed fields a reader is shown: concrete fields of the model, internal ones left out."""
    fields: list[models.Field[Any, Any]] = []
    for name in names:
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(model_field, models.Field) or model_field.auto_created:
            continue  # reverse relations and the implicit key
        if model_field.primary_key or model_field.name in INTERNAL_FIELDS:
            continue
        if getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            continue
        fields.append(model_field)
    return fields


def value_text(model_field: models.Field[Any, Any], raw: Any, *, masked: bool = False) -> str:
    """One logged value (auditlog keeps text) as the UI would show it."""
    if raw is None or raw in ("None", ""):
        return EMPTY
    if masked:
        return str(MASKED)
    text = str(raw)
    if model_field.choices:
        labels = {str(key): str(label) for key, label in model_field.flatchoices}
        return labels.get(text, text)
    if isinstance(model_field, models.BooleanField):
        return gettext("是") if text in ("True", "1", "true") else gettext("否")
    if isinstance(model_field, models.ForeignKey):
        return _related_text(model_field, text)
    if isinstance(model_field, models.DecimalField):
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return text
        if is_money(model_field):
            return money_text(amount)
        return f"{amount:,}"
    if isinstance(model_field, models.DateTimeField):
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return moment.strftime("%Y-%m-%d %H:%M")
    if isinstance(model_field, models.DateField):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            return text
    return text


def shown_value(model_field: models.Field[Any, Any], value: Any) -> str:
    """A value as the program holds it (a Decimal, a date, a linked row, a choice's code) as the UI shows it,
    by the same rules as a logged one: what an import's preview shows beside the record's history."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, models.Model):
        if masks_name(type(value)):
            return f"{value._meta.verbose_name} #{value.pk}"
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value_text(model_field, value.isoformat())
    return value_text(model_field, value)


def _related_text(model_field: models.ForeignKey[Any, Any], pk: str) -> str:
    related = model_field.related_model
    if not isinstance(related, type) or not issubclass(related, models.Model):
        return pk
    if masks_name(related):
        return f"{related._meta.verbose_name} #{pk}"
    try:
        row = related._base_manager.filter(pk=pk).first()
    except (ValueError, TypeError):
        row = None
    if row is None:
        return gettext("%(kind)s #%(pk)s(已删除)") % {"kind": related._meta.verbose_name, "pk": pk}
    return str(row)


def _pair(values: Any) -> tuple[Any, Any]:
    if isinstance(values, str):  # an older entry may keep a list as its text
        try:
            values = ast.literal_eval(values)
        except (ValueError, SyntaxError):
            return None, values
    if isinstance(values, (list, tuple)):
        before, after = [*values, None, None][:2]
        return before, after
    return None, values


def readable_entry(entry: LogEntry, *, subject: str | None = None) -> ChangeGroup:
    """One change-log entry as a group of readable field changes."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    changes: dict[str, Any] = entry.changes_dict or {}
    rows: list[FieldChange] = []
    if model is not None:
        masked = masked_fields(model)
        for model_field in shown_fields(model, changes):
            hide = model_field.name in masked or (
                model_field.is_relation
                and isinstance(model_field.related_model, type)
                and masks_name(model_field.related_model)
            )
            values = changes[model_field.name]
            label = field_label(model_field)
            if isinstance(values, dict):  # many-to-many: {"type": "add"/"remove", "objects": [...]}
                objects = joined(str(o) for o in values.get("objects", [])) or EMPTY
                objects = str(MASKED) if hide and objects != EMPTY else objects
                if values.get("type") == "remove":
                    rows.append(FieldChange(label, objects, EMPTY))
                else:
                    rows.append(FieldChange(label, EMPTY, objects))
                continue
            before, after = _pair(values)
            rows.append(
                FieldChange(
                    label,
                    value_text(model_field, before, masked=hide),
                    value_text(model_field, after, masked=hide),
                )
            )
    if subject is None:
        if model is None:
            subject = entry.object_repr
        elif masks_name(model):
            subject = f"{model._meta.verbose_name} #{entry.object_pk}"
        else:
            subject = f"{model._meta.verbose_name} · {entry.object_repr}"
    return ChangeGroup(
        timestamp=entry.timestamp,
        actor=actor_name(entry),
        action=str(ACTIONS.get(entry.action, entry.action)),
        subject=subject,
        changes=rows,
    )


def readable_history(entries: Iterable[LogEntry]) -> list[ChangeGroup]:
    """Entries (newest first, actor and content type selected) as groups; an update that changed only
    internal fields is left out."""
    groups = [readable_entry(entry) for entry in entries]
    return [g for g in groups if g.changes or g.action != str(ACTIONS[LogEntry.Action.UPDATE])]

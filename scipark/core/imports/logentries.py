"""Change-log entries for rows written in bulk (ADR 0004): what django-auditlog writes for one save,
built for thousands of rows and inserted together.

Large writes (a month's import) insert and update rows without ``Model.save``, so auditlog's signals do
not fire. :class:`LogEntryBatch` collects an entry per created, updated or deleted row with the same fields
auditlog's ``LogEntry.objects.log_create`` fills — content type, object id and text, the changed fields
as auditlog's ``model_instance_diff`` renders them (``{field: [before, after]}``), the request id (cid),
and the actor and address the request's auditlog context sets — and :meth:`LogEntryBatch.save` inserts
them in one pass. A test holds its entries equal to those auditlog writes for the same saves.

Models not registered with auditlog get no entries, and nothing is written inside ``disable_auditlog()``,
as with auditlog itself. Where the request carries no actor (a command), the acting user given to the
log is recorded, so an import's entries always say who.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from auditlog import get_logentry_model
from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled
from auditlog.diff import get_field_value, get_fields_in_model, get_mask_function
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models, router
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str

from .bulk import JSONText, insert

Reader = Callable[[models.Model], Any]
#: What auditlog reads for the side of a diff that has no object (created: before; deleted: after).
ABSENT = "None"
DEFAULT_OBJECT_REPR = "<error forming object repr>"
#: auditlog's ``LogEntry.Action`` values.
CREATE, UPDATE, DELETE = 0, 1, 2
#: A string as ``json.dumps(…, ensure_ascii=False)`` encodes it (the C encoder ``json.dumps`` itself uses).
_json_string: Callable[[str], str] = json.encoder.encode_basestring


def _text(value: Any) -> str:
    """``smart_str`` for the values fields hold (only bytes read differently from ``str``), cheaply."""
    if type(value) is str:
        return value
    return smart_str(value) if isinstance(value, bytes) else str(value)


@functools.lru_cache(maxsize=1024)
def _naive_utc(value: dt.datetime) -> dt.datetime:
    # A batch shares a handful of times (its own, the submission's): convert each once.
    return timezone.make_naive(value, timezone=dt.UTC)


def _converter(field: Any) -> tuple[str, Callable[[Any], Any]] | None:
    """The attribute a concrete field's value is read from, and how auditlog's ``get_field_value`` turns
    it into the value a text change compares (see :func:`_reader`); ``None`` for a field read otherwise
    (a relation shown by its object's text)."""
    if isinstance(field, models.DateTimeField):

        def to_datetime(value: Any) -> Any:
            try:
                value = field.to_python(value)
            except TypeError:
                return value
            if value is not None and settings.USE_TZ and not timezone.is_naive(value):
                value = _naive_utc(value)
            return value

        return field.attname, to_datetime
    if isinstance(field, models.JSONField):

        def to_json(value: Any) -> Any:
            value = field.to_python(value)
            try:
                return json.dumps(value, sort_keys=True, cls=field.encoder)
            except TypeError:
                return value

        return field.attname, to_json
    if field.one_to_one or field.many_to_one:
        if getattr(settings, "AUDITLOG_USE_FK_STRING_REPRESENTATION", False) or not hasattr(
            field, "rel_class"
        ):
            return None
        # smart_str(strings_only=True) keeps an id (or None) as it is.
        return field.get_attname(), _same
    return field.attname, _text


def _same(value: Any) -> Any:
    return value


def _reader(field: Any, sample: models.Model) -> Reader:
    """A field's value as auditlog's ``get_field_value`` reads it for text changes (the default): a
    string, except a foreign key's id and a datetime (naive UTC), which stay typed until the diff renders
    both sides (so that a blank one differs from the absent side's ``"None"``, as in auditlog)."""
    if not getattr(field, "concrete", False):
        # A reverse relation (auditlog lists them on create and delete): what auditlog reads is its
        # manager's text, the same for every row of the model.
        constant = get_field_value(sample, field)
        return lambda obj: constant
    found = _converter(field)
    if found is None:
        name = field.name
        return lambda obj: _text(getattr(obj, name))
    attname, convert = found
    return lambda obj: convert(getattr(obj, attname))


#: How :func:`_whole_json` reads one field: its name as a JSON string, its reader, and the stored
#: attribute with its converter (``None, None``: read through the reader — a relation's text, a reverse
#: relation's fixed text).
_JSONField = tuple[str, Reader, str | None, Callable[[Any], Any] | None]
#: Values kept per field for their encoded part: a batch repeats a few (its status, park, month, times).
_MEMO_SIZE = 64
#: The types whose equal values read the same (not ``Decimal``: ``1.0`` and ``1.00`` are equal).
_MEMO_TYPES = frozenset({str, int, bool, type(None), dt.date, dt.datetime})


@dataclass(frozen=True)
class _Plan:
    """How one model is logged: its fields on create/delete and on update, with their readers."""

    content_type_id: int
    whole: tuple[tuple[str, Reader], ...]  # fields compared on create and delete
    whole_json: tuple[_JSONField, ...]  # the same fields, for the changes encoded as text
    memos: tuple[dict[tuple[Any, ...], str], ...]  # per field of ``whole_json``: value → its encoded part
    by_name: dict[str, tuple[str, Reader]]  # concrete fields by name and attname, for updates
    mask_fields: frozenset[str]
    mask: Callable[[str], str] | None
    serialize: bool


def _plan(model: type[models.Model], sample: models.Model) -> _Plan:
    options = auditlog.get_model_fields(model)
    include, exclude = set(options["include_fields"]), set(options["exclude_fields"])

    def logged(field: Any) -> bool:
        return (not include or field.name in include) and field.name not in exclude

    whole = tuple((f.name, _reader(f, sample)) for f in get_fields_in_model(sample) if logged(f))
    by_name: dict[str, tuple[str, Reader]] = {}
    for field in model._meta.fields:
        if logged(field):
            by_name[field.name] = by_name[field.attname] = (field.name, _reader(field, sample))
    masked = frozenset(options["mask_fields"])
    return _Plan(
        content_type_id=ContentType.objects.get_for_model(model).pk,
        whole=whole,
        whole_json=tuple(
            (_json_string(f.name), read, *(_converter(f) or (None, None)))
            if getattr(f, "concrete", False)
            else (_json_string(f.name), read, None, None)
            for f, (_name, read) in zip(
                [f for f in get_fields_in_model(sample) if logged(f)], whole, strict=True
            )
        ),
        memos=tuple({} for _f in whole),
        by_name=by_name,
        mask_fields=masked,
        mask=get_mask_function(options.get("mask_callable")) if masked else None,
        serialize=auditlog.get_serialize_options(model)["serialize_data"],
    )


def _common_fields(user: Any, now: dt.datetime) -> dict[str, Any]:
    """The fields every entry of the batch shares, by column: request id, time, actor and address.

    auditlog fills actor and address in a ``pre_save`` receiver that its request context (the middleware,
    ``set_actor``) connects while it lasts; sending ``pre_save`` for one unsaved entry fills them exactly
    as for a saved one (its context variable outlives the block, so it is not read directly).
    """
    model = get_logentry_model()
    probe = model(cid=get_cid(), timestamp=now, changes_text="")
    pre_save.send(
        sender=model, instance=probe, raw=False, using=router.db_for_write(model), update_fields=None
    )
    found = {f.attname: getattr(probe, f.attname) for f in model._meta.concrete_fields if not f.primary_key}
    if found.get("actor_id") is None and isinstance(user, get_user_model()) and user.is_authenticated:
        found["actor_id"] = user.pk
        found["actor_email"] = getattr(user, "email", None)
    return found


def _diff(pairs: Iterable[tuple[str, Any, Any]]) -> dict[str, list[str]]:
    """``{field: [before, after]}`` as auditlog stores it (as text) for the fields that differ."""
    return {name: [_text(old), _text(new)] for name, old, new in pairs if old != new}


def _whole(
    readers: tuple[tuple[str, Reader], ...], instance: models.Model, *, after: bool
) -> dict[str, list[str]]:
    """The diff of a created (``after``) or deleted row against the absent side: ``_diff`` unrolled, since
    it runs for every field of every row a bulk write logs."""
    changes: dict[str, list[str]] = {}
    for name, read in readers:
        value = read(instance)
        if value != ABSENT:
            text = value if type(value) is str else _text(value)
            changes[name] = [ABSENT, text] if after else [text, ABSENT]
    return changes


def _whole_json(plan: _Plan, instance: models.Model, *, after: bool) -> JSONText:
    """:func:`_whole` encoded as the ``changes`` column stores it (``json.dumps(…, ensure_ascii=False)``),
    built as text: a bulk write creates tens of thousands of rows, and encoding each entry's dict again
    at insert time cost more than building it. A value's encoded part is kept per field for the values a
    batch repeats (its status, park, month, times); decimals are not kept (equal ones differ in text)."""
    stored = instance.__dict__
    parts: list[str] = []
    for (key, read, attname, convert), memo in zip(plan.whole_json, plan.memos, strict=True):
        known: tuple[Any, ...] | None = None
        if attname is not None and convert is not None and attname in stored:
            raw = stored[attname]
            if type(raw) in _MEMO_TYPES:
                known = (type(raw), raw, after)
                part = memo.get(known)
                if part is not None:
                    if part:
                        parts.append(part)
                    continue
            value = convert(raw)
        else:  # a relation's text, a reverse relation's fixed text, or a deferred field
            value = read(instance)
        part = ""
        if value != ABSENT:
            text = _json_string(value if type(value) is str else _text(value))
            part = f'{key}: ["None", {text}]' if after else f'{key}: [{text}, "None"]'
            parts.append(part)
        if known is not None and len(memo) < _MEMO_SIZE:
            memo[known] = part
    return JSONText("{" + ", ".join(parts) + "}")


class LogEntryBatch:
    """The change-log entries of one bulk write; :meth:`save` inserts them (inside the write's transaction).

    Give instances as they are (or were) stored, with the related objects their ``__str__`` reads
    already attached, so that building an entry costs no query.
    """

    def __init__(self, *, user: Any = None) -> None:
        if getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False):
            raise ImproperlyConfigured(
                "LogEntryBatch writes text changes; AUDITLOG_STORE_JSON_CHANGES is set."
            )
        self.enabled = not auditlog_disabled.get()
        self.now = timezone.now()
        self._user = user
        self._plans: dict[type[models.Model], _Plan] = {}
        self._entries: list[dict[str, Any]] = []

    def __len__(self) -> int:
        return len(self._entries)

    def created(self, instance: models.Model) -> None:
        """A row inserted with these values."""
        plan = self._plan_for(instance)
        if plan is not None:
            self._add(plan, instance, CREATE, self._whole(plan, instance, after=True))

    def updated(self, before: models.Model, after: models.Model, fields: Iterable[str]) -> None:
        """A row whose ``fields`` went from ``before``'s values to ``after``'s (``save(update_fields=…)``)."""
        plan = self._plan_for(after)
        if plan is None:
            return
        readers = [plan.by_name[f] for f in dict.fromkeys(fields) if f in plan.by_name]
        changes = _diff((name, read(before), read(after)) for name, read in readers)
        if changes:
            self._add(plan, after, UPDATE, changes)

    def deleted(self, instance: models.Model) -> None:
        """A row deleted (as it was stored)."""
        plan = self._plan_for(instance)
        if plan is not None:
            self._add(plan, instance, DELETE, self._whole(plan, instance, after=False))

    def save(self) -> int:
        """Insert the collected entries; returns how many."""
        entries, self._entries = self._entries, []
        if not entries:
            return 0
        common = _common_fields(self._user, self.now)
        rows = ([entry[c] if c in entry else common[c] for c in common] for entry in entries)
        return insert(get_logentry_model(), list(common), rows)

    # --- building ---------------------------------------------------------------------------------------

    def _plan_for(self, instance: models.Model) -> _Plan | None:
        if not self.enabled:
            return None
        model = type(instance)
        plan = self._plans.get(model)
        if plan is None:
            if not auditlog.contains(model):
                return None
            plan = self._plans[model] = _plan(model, instance)
        return plan

    @staticmethod
    def _whole(plan: _Plan, instance: models.Model, *, after: bool) -> dict[str, list[str]] | JSONText:
        # Masked values are masked in the dict first (rare: no scipark model masks in the log itself).
        if plan.mask is not None:
            return _whole(plan.whole, instance, after=after)
        return _whole_json(plan, instance, after=after)

    def _add(
        self, plan: _Plan, instance: models.Model, action: int, changes: dict[str, list[str]] | JSONText
    ) -> None:
        if plan.mask is not None and isinstance(changes, dict):
            mask = plan.mask
            changes = {
                k: [mask(v[0]), mask(v[1])] if k in plan.mask_fields else v for k, v in changes.items()
            }
        pk = instance.pk
        try:
            text = smart_str(instance)
        except ObjectDoesNotExist:
            text = DEFAULT_OBJECT_REPR
        additional = getattr(instance, "get_additional_data", None)
        self._entries.append(
            {
                "content_type_id": plan.content_type_id,
                "object_pk": smart_str(pk),
                "object_id": pk if isinstance(pk, int) else None,
                "object_repr": text,
                "serialized_data": (
                    get_logentry_model().objects._get_serialized_data_or_none(instance)
                    if plan.serialize
                    else None
                ),
                "action": action,
                "changes": changes,
                "additional_data": additional() if callable(additional) else None,
            }
        )

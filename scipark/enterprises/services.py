"""Writes of the enterprise registry: one function per business action (pages, API, CLI, importers).

Every function runs in one transaction and re-checks access there (``core.services.lock_for_change``),
so a membership revoked between the form and the save, or a row moved to another park, cannot be
written. Status changes are announced (``signals.enterprise_status_changed``) inside the transaction, for
the apps whose figures follow status histories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.identifiers import normalize_credit_code
from scipark.core.services import bump_version, lock_for_change, model_update

from .models import Contact, Enterprise, EnterpriseStatus, Tag
from .signals import enterprise_classified, enterprise_status_changed

#: The registry fields that staff of the departments keeping enterprises (经济发展, 企业服务) may set.
REGISTRY_FIELDS: tuple[str, ...] = (
    "credit_code",
    "name",
    "short_name",
    "registration_date",
    "registered_capital",
    "legal_representative",
    "address",
    "region_code",
    "industry",
    "activity_type",
    "status",
    "website",
    "description",
    "tags",
)
#: What an enterprise user may change in its own enterprise's record (contacts are separate services).
ENTERPRISE_USER_FIELDS: tuple[str, ...] = ("address", "website", "description")
CONTACT_FIELDS: tuple[str, ...] = ("name", "position", "phone", "email", "is_primary")


def enterprise_editable_fields(*, user: Any, enterprise: Enterprise) -> tuple[str, ...]:
    """The fields of ``enterprise`` the user may change: all registry fields for keepers, a few for itself."""
    if enterprise_registry_editable(user=user, park_id=enterprise.park_id):
        return REGISTRY_FIELDS
    if enterprise.pk in access.scope_for(user).enterprise_ids():
        return ENTERPRISE_USER_FIELDS
    return ()


def enterprise_registry_editable(*, user: Any, park_id: int) -> bool:
    """Whether the user keeps the registry of this park (staff whose department edits enterprises)."""
    scope = access.scope_for(user)
    if park_id in scope.park_ids(access.Domain.ENTERPRISES, access.Action.CHANGE):
        return True
    # Administrators with the domain (none today) would keep every park's registry.
    return any(
        g.role in access.ADMIN_ROLES and access.Action.CHANGE in g.actions(access.Domain.ENTERPRISES)
        for g in scope.grants
    )


def _field_label(name: str) -> str:
    field: Any = Enterprise._meta.get_field(name)
    return str(field.verbose_name)


def canonical_credit_code(value: str) -> str:
    """A credit code as stored: blanks stripped and upper case (GB 32100-2015 uses only capitals, and people
    type or paste lower case), so that ``91630100ma7...`` is the same enterprise as ``91630100MA7...``."""
    return normalize_credit_code(value).upper()


def _clean_enterprise_data(data: Mapping[str, Any]) -> dict[str, Any]:
    cleaned = dict(data)
    if isinstance(cleaned.get("credit_code"), str):
        cleaned["credit_code"] = canonical_credit_code(cleaned["credit_code"])
    for name in ("short_name", "legal_representative", "address", "region_code", "website", "description"):
        if cleaned.get(name) is None and name in cleaned:
            cleaned[name] = ""
    return cleaned


def _tags_for(park_id: int, tags: Iterable[Any]) -> list[Tag]:
    ids = [t.pk if isinstance(t, Tag) else int(t) for t in tags]
    found = list(Tag.objects.filter(park_id=park_id, pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({"tags": _("标签须属于该企业所在园区。")})
    return found


def enterprise_create(*, user: Any, park: Any, data: Mapping[str, Any]) -> Enterprise:
    """Register an enterprise in ``park``; keys outside ``REGISTRY_FIELDS`` are ignored."""
    cleaned = _clean_enterprise_data(data)
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENTERPRISES, park_id=park.pk)
        tags = cleaned.pop("tags", None) or []
        values = {k: v for k, v in cleaned.items() if k in REGISTRY_FIELDS}
        enterprise = Enterprise(park=park, **values)
        enterprise.full_clean()
        enterprise.save()
        if tags:
            enterprise.tags.set(_tags_for(park.pk, tags))
    return enterprise


def _differs(enterprise: Enterprise, name: str, value: Any) -> bool:
    if name == "tags":
        current = {t.pk for t in enterprise.tags.all()}
        return current != {t.pk if isinstance(t, Tag) else int(t) for t in (value or [])}
    field: Any = Enterprise._meta.get_field(name)
    if field.is_relation:
        current_id = getattr(enterprise, field.attname)
        new_id = getattr(value, "pk", value)
        return str(current_id) != str(new_id) if new_id is not None else current_id is not None
    return bool(getattr(enterprise, name) != value)


def enterprise_update(
    *, user: Any, enterprise: Enterprise, data: Mapping[str, Any], expected_version: int
) -> Enterprise:
    """Change the fields the user's role allows; a stale ``expected_version`` is a conflict."""
    cleaned = _clean_enterprise_data(data)
    with transaction.atomic():
        current = lock_for_change(Enterprise, enterprise.pk, user=user, expected_version=expected_version)
        allowed = enterprise_editable_fields(user=user, enterprise=current)
        forbidden = {}
        for name, value in cleaned.items():
            known = name == "tags" or name in {f.name for f in Enterprise._meta.concrete_fields}
            if name not in allowed and (not known or _differs(current, name, value)):
                label = (
                    _field_label(name)
                    if known and name != "tags"
                    else (_("标签") if name == "tags" else name)
                )
                forbidden[name if known else "__all__"] = _("您无权修改“%(label)s”。") % {"label": label}
        if forbidden:
            raise ValidationError(forbidden)
        tags = cleaned.pop("tags", None)
        tags_changed = tags is not None and _differs(current, "tags", tags)
        grouped_by = (current.park_id, current.industry_id)
        updated, changed = model_update(
            instance=current, data=cleaned, fields=[f for f in allowed if f != "tags"]
        )
        if (updated.park_id, updated.industry_id) != grouped_by:
            enterprise_classified.send(sender=Enterprise, enterprise_ids=[updated.pk])
        if tags_changed:
            updated.tags.set(_tags_for(updated.park_id, tags or []))
            if not changed:  # a tags-only change still moves the version on
                bump_version(updated)
    return updated


def _ensure_registry_editor(user: Any, enterprise: Enterprise) -> None:
    """On a row locked (and its reach re-checked) by ``lock_for_change``: only registry keepers."""
    if not enterprise_registry_editable(user=user, park_id=enterprise.park_id):
        raise access.AccessDenied(_("只有负责企业名录的部门可以维护企业状态。"))


def enterprise_status_add(
    *,
    user: Any,
    enterprise: Enterprise,
    kind: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    note: str = "",
) -> EnterpriseStatus:
    """Record a status period (规上/限上, 在孵); periods of the same kind may not overlap."""
    with transaction.atomic():
        locked = lock_for_change(Enterprise, enterprise.pk, user=user)
        _ensure_registry_editor(user, locked)
        status = EnterpriseStatus(
            enterprise=locked, kind=kind, valid_from=valid_from, valid_to=valid_to, note=note or ""
        )
        status.full_clean()
        if valid_to is not None and valid_to < valid_from:
            raise ValidationError({"valid_to": _("终止日期不能早于起始日期。")})
        _ensure_no_overlap(status)
        status.save()
        _announce(status, before=None)
    return status


def _announce(status: EnterpriseStatus, *, before: tuple[dt.date, dt.date | None] | None) -> None:
    """Tell the apps that follow status histories what changed (inside the write's transaction)."""
    enterprise_status_changed.send(
        sender=EnterpriseStatus,
        enterprise_id=status.enterprise_id,
        kind=status.kind,
        before=before,
        after=(status.valid_from, status.valid_to),
    )


def _ensure_no_overlap(status: EnterpriseStatus) -> None:
    overlapping = EnterpriseStatus.objects.filter(
        enterprise_id=status.enterprise_id, kind=status.kind
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=status.valid_from))
    if status.valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=status.valid_to)
    if status.pk:
        overlapping = overlapping.exclude(pk=status.pk)
    other = overlapping.first()
    if other is not None:
        end = other.valid_to.isoformat() if other.valid_to else _("至今")
        raise ValidationError(
            {
                "valid_from": (
                    _("“%(status)s”的期间与已有期间 %(valid_from)s – %(end)s 重叠。")
                    % {
                        "status": status.get_kind_display(),
                        "valid_from": other.valid_from.isoformat(),
                        "end": end,
                    }
                )
            }
        )


def enterprise_status_end(
    *, user: Any, status: EnterpriseStatus, valid_to: dt.date, expected_version: int | None = None
) -> EnterpriseStatus:
    """End an open status period on ``valid_to`` (the last day it applies)."""
    with transaction.atomic():
        current = lock_for_change(
            EnterpriseStatus, status.pk, user=user, expected_version=expected_version, related=("enterprise",)
        )
        _ensure_registry_editor(user, current.enterprise)
        if current.valid_to is not None:
            raise ValidationError(
                {"valid_to": _("该状态已于 %(valid_to)s 结束。") % {"valid_to": current.valid_to.isoformat()}}
            )
        if valid_to < current.valid_from:
            raise ValidationError({"valid_to": _("终止日期不能早于起始日期。")})
        updated, _changed = model_update(instance=current, data={"valid_to": valid_to}, fields=["valid_to"])
        _announce(updated, before=(updated.valid_from, None))
    return updated


def enterprise_incubation_follow(
    *, enterprise_id: int, periods: Iterable[tuple[dt.date, dt.date | None, str]]
) -> None:
    """Make the enterprise's 在孵 status history the given ``(valid_from, valid_to, note)`` periods.

    Called by innovation's stay service (its incubator stays are the source of the 在孵 flag, ADR 0014)
    inside its transaction, after it checked the person's right to the stay: a system step, so the
    registry keepers' check does not apply. Periods matched by start date are changed, the others added,
    and 在孵 periods that no stay gives are removed; each change is announced like the status services'.
    """
    kind = EnterpriseStatus.Kind.INCUBATION
    Enterprise.objects.select_for_update().filter(pk=enterprise_id).first()
    existing = {
        s.valid_from: s
        for s in EnterpriseStatus.objects.filter(enterprise_id=enterprise_id, kind=kind).order_by(
            "valid_from"
        )
    }
    wanted = {start: (end, note) for start, end, note in periods}
    for start, status in existing.items():
        if start not in wanted:
            before = (status.valid_from, status.valid_to)
            status.delete()
            enterprise_status_changed.send(
                sender=EnterpriseStatus, enterprise_id=enterprise_id, kind=kind, before=before, after=None
            )
    for start, (end, note) in wanted.items():
        kept = existing.get(start)
        if kept is None:
            added = EnterpriseStatus(
                enterprise_id=enterprise_id, kind=kind, valid_from=start, valid_to=end, note=note
            )
            added.save()
            _announce(added, before=None)
        elif (kept.valid_to, kept.note) != (end, note):
            before = (kept.valid_from, kept.valid_to)
            model_update(instance=kept, data={"valid_to": end, "note": note}, fields=["valid_to", "note"])
            _announce(kept, before=before)


def _ensure_primary_unique(contact: Contact) -> None:
    if contact.is_primary:
        others = Contact.objects.filter(enterprise_id=contact.enterprise_id, is_primary=True).exclude(
            pk=contact.pk
        )
        for other in others:  # one by one, so that the change log records each
            model_update(instance=other, data={"is_primary": False}, fields=["is_primary"])


def contact_create(
    *, user: Any, enterprise: Enterprise, data: Mapping[str, Any], expected_version: int | None = None
) -> Contact:
    """Add a contact person; adding one is a change of the enterprise's record (enterprise users may), so
    it moves the enterprise's version on and a page showing an older ``expected_version`` is a conflict."""
    with transaction.atomic():
        locked = lock_for_change(Enterprise, enterprise.pk, user=user, expected_version=expected_version)
        values = {k: ("" if v is None else v) for k, v in data.items() if k in CONTACT_FIELDS}
        contact = Contact(enterprise=locked, **values)
        contact.full_clean()
        contact.save()
        _ensure_primary_unique(contact)
        bump_version(locked)
    return contact


def contact_update(*, user: Any, contact: Contact, data: Mapping[str, Any], expected_version: int) -> Contact:
    """Change a contact person's details; the enterprise it belongs to never changes."""
    with transaction.atomic():
        current = lock_for_change(Contact, contact.pk, user=user, expected_version=expected_version)
        values = {k: ("" if v is None else v) for k, v in data.items() if k in CONTACT_FIELDS}
        updated, _changed = model_update(instance=current, data=values, fields=CONTACT_FIELDS)
        _ensure_primary_unique(updated)
    return updated


def contact_delete(*, user: Any, contact: Contact, expected_version: int | None = None) -> None:
    """Remove a contact person (PIPL: personal data is deleted on request or when no longer needed); a
    page showing an older ``expected_version`` of the contact is a conflict."""
    with transaction.atomic():
        lock_for_change(Contact, contact.pk, user=user, expected_version=expected_version).delete()


def tag_create(*, user: Any, park: Any, name: str, color: str = "blue") -> Tag:
    """Create a park's tag (registry keepers of that park)."""
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENTERPRISES, park_id=park.pk)
        tag = Tag(park=park, name=name.strip(), color=color)
        _ensure_tag_name_free(tag)
        tag.full_clean()
        tag.save()
    return tag


def tag_update(*, user: Any, tag: Tag, name: str, color: str, expected_version: int) -> Tag:
    """Rename or recolour a tag; a stale version is a conflict."""
    with transaction.atomic():
        current = lock_for_change(Tag, tag.pk, user=user, expected_version=expected_version)
        renamed = Tag(pk=current.pk, park_id=current.park_id, name=name.strip(), color=color)
        _ensure_tag_name_free(renamed)
        updated, _changed = model_update(
            instance=current, data={"name": renamed.name, "color": color}, fields=("name", "color")
        )
    return updated


def tag_delete(*, user: Any, tag: Tag, expected_version: int | None = None) -> int:
    """Delete a tag; it is taken off every enterprise that had it. Returns how many had it. A page that
    showed an older version (someone renamed the tag meanwhile) gets a conflict, not a silent delete."""
    with transaction.atomic():
        current = lock_for_change(
            Tag, tag.pk, user=user, action=access.Action.DELETE, expected_version=expected_version
        )
        used_by = current.enterprises.count()
        current.delete()
    return used_by


def _ensure_tag_name_free(tag: Tag) -> None:
    clash = Tag.objects.filter(park_id=tag.park_id, name=tag.name).exclude(pk=tag.pk).exists()
    if clash:
        raise ValidationError({"name": _("本园区已有名为“%(name)s”的标签。") % {"name": tag.name}})

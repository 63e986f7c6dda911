"""Reads of the enterprise registry: list querysets, current statuses, contacts as shown, change history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from scipark.core import access
from scipark.core.history import ChangeGroup, readable_history

from .models import Contact, Enterprise, EnterpriseStatus, Tag


def status_active_on(day: dt.date) -> Q:
    """Statuses whose period covers ``day``."""
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def current_status_exists(kinds: Iterable[str], *, day: dt.date | None = None) -> Exists:
    """``EXISTS`` a status period of one of ``kinds`` covering ``day`` (today) for the outer enterprise."""
    statuses = EnterpriseStatus.objects.filter(enterprise=OuterRef("pk"), kind__in=list(kinds))
    return Exists(statuses.filter(status_active_on(day or timezone.localdate())))


def enterprise_list(*, user: Any, action: access.Action | str = access.Action.VIEW) -> QuerySet[Enterprise]:
    """The enterprises within reach, with what a list page, the API and the export show (constant queries)."""
    return (
        Enterprise.objects.restrict(user, action)
        .select_related("park", "industry")
        # A plain list (to_attr): Django would otherwise build a filtered queryset per row.
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name"), to_attr="tag_list"))  # type: ignore[no-redef]
        .annotate(
            above_scale_now=current_status_exists(EnterpriseStatus.ABOVE_SCALE_KINDS),
            incubating_now=current_status_exists([EnterpriseStatus.Kind.INCUBATION]),
        )
    )


def enterprise_current_flags(*, enterprise_ids: list[int]) -> dict[int, tuple[bool, bool]]:
    """(above-scale now, incubating now) per enterprise, for a page of enterprises in one query."""
    flags: dict[int, tuple[bool, bool]] = {}
    above_kinds = set(EnterpriseStatus.ABOVE_SCALE_KINDS)
    current = (
        EnterpriseStatus.objects.filter(enterprise_id__in=enterprise_ids)
        .filter(status_active_on(timezone.localdate()))
        .values_list("enterprise_id", "kind")
    )
    for enterprise_id, kind in current:
        above, incubating = flags.get(enterprise_id, (False, False))
        flags[enterprise_id] = (
            above or kind in above_kinds,
            incubating or kind == EnterpriseStatus.Kind.INCUBATION,
        )
    return flags


def enterprise_tag_ids(*, enterprise_ids: list[int]) -> dict[int, list[int]]:
    """Tag ids per enterprise (ascending) for a page of enterprises, in one query on the link table."""
    through = Enterprise.tags.through
    result: dict[int, list[int]] = {}
    pairs = (
        through.objects.filter(enterprise_id__in=enterprise_ids)
        .order_by("tag_id")
        .values_list("enterprise_id", "tag_id")
    )
    for enterprise_id, tag_id in pairs:
        result.setdefault(enterprise_id, []).append(tag_id)
    return result


def enterprise_statuses(*, enterprise: Enterprise) -> list[EnterpriseStatus]:
    """The enterprise's status periods, newest first within each kind."""
    return list(EnterpriseStatus.objects.filter(enterprise=enterprise).order_by("kind", "-valid_from"))


def mask_phone(phone: str) -> str:
    """138****5678: keep the first three and last four digits of a phone number."""
    if len(phone) <= 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"


def mask_name(name: str) -> str:
    """张*: keep the surname only."""
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_email(email: str) -> str:
    """a***@example.com: keep the first character and the domain."""
    if "@" not in email:
        return "*" * len(email)
    local, domain = email.split("@", 1)
    return f"{local[:1]}***@{domain}"


@dataclass(frozen=True)
class ContactView:
    """A contact as one user may see it: masked unless the user's role needs it (SECURITY.md row 20)."""

    pk: int
    name: str
    position: str
    phone: str
    email: str
    is_primary: bool
    version: int
    masked: bool


def contact_view(contact: Contact, *, unmasked: bool) -> ContactView:
    """Present a contact, masking name, phone and e-mail when ``unmasked`` is false."""
    return ContactView(
        pk=contact.pk,
        name=contact.name if unmasked else mask_name(contact.name),
        position=contact.position,
        phone=contact.phone if unmasked else mask_phone(contact.phone),
        email=contact.email if unmasked else mask_email(contact.email),
        is_primary=contact.is_primary,
        version=contact.version,
        masked=not unmasked,
    )


def sees_personal_data(*, user: Any, enterprise: Enterprise) -> bool:
    """Whether this user sees the enterprise's contact persons unmasked."""
    return access.scope_for(user).sees_personal_data(park_id=enterprise.park_id, enterprise_id=enterprise.pk)


def enterprise_contacts(*, user: Any, enterprise: Enterprise) -> tuple[list[ContactView], bool]:
    """The enterprise's contacts as this user may see them, and whether they are unmasked."""
    unmasked = sees_personal_data(user=user, enterprise=enterprise)
    contacts = Contact.objects.filter(enterprise=enterprise).order_by("-is_primary", "name")
    return [contact_view(c, unmasked=unmasked) for c in contacts], unmasked


def enterprise_change_history(*, enterprise: Enterprise, limit: int = 200) -> list[ChangeGroup]:
    """The change log of the enterprise and its status periods, newest first, one readable group per
    change (``core.history``; contacts are personal data and not shown)."""
    status_ids = [
        str(pk) for pk in EnterpriseStatus.objects.filter(enterprise=enterprise).values_list("pk", flat=True)
    ]
    enterprise_type = ContentType.objects.get_for_model(Enterprise)
    status_type = ContentType.objects.get_for_model(EnterpriseStatus)
    entries = (
        LogEntry.objects.filter(
            Q(content_type=enterprise_type, object_pk=str(enterprise.pk))
            | Q(content_type=status_type, object_pk__in=status_ids)
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")[:limit]
    )
    return readable_history(entries)

"""资质认定到期提醒: tier certificates about to expire, reminded by the daily scheduled job (``scipark tick`` runs
``remind_certificates``) to the park's 科技创新 staff and the enterprise's own users.

A certificate is reminded at each milestone it reaches — 90, 30 and 7 days before it expires and on expiry
(up to 30 days after) — once per milestone and person: a day the job did not run is caught up by the next run,
which sends only the latest milestone reached. A certificate renewed since (a later grant of the same tier to
the same enterprise) is not reminded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_noop

from scipark.accounts.selectors import members, members_by_enterprise
from scipark.core.messages import Message, choice
from scipark.core.roles import DepartmentKind
from scipark.notifications.models import EventKind, Notification
from scipark.notifications.services import notify

from .models import TierCertificate

#: Days before expiry at which a reminder is due, the first one first.
MILESTONES = (90, 30, 7, 0)
#: An expired certificate is still reminded (as expired) for this many days.
AFTER_EXPIRY_DAYS = 30


def milestone(days_left: int) -> int | None:
    """The milestone a certificate ``days_left`` days from expiry has reached (0: expired), or None when no
    reminder is due (more than 90 days left, or expired more than 30 days ago)."""
    if days_left > MILESTONES[0] or days_left < -AFTER_EXPIRY_DAYS:
        return None
    if days_left <= 0:
        return 0
    return min(m for m in MILESTONES if m >= days_left)


def reminder_title(certificate: TierCertificate, reached: int) -> Message:
    """资质认定将在30天内到期:<enterprise> <tier> <number>(有效期至…), worded in each reader's language."""
    values = {
        "days": reached,
        "enterprise": str(certificate.enterprise),
        "tier": choice(TierCertificate, "tier", certificate.tier),
        "number": f" {certificate.number}" if certificate.number else "",
        "expires": f"{certificate.expires_on:%Y-%m-%d}",
    }
    if reached == 0:
        return Message(
            gettext_noop("资质认定已到期:%(enterprise)s %(tier)s%(number)s(有效期至%(expires)s)"), values
        )
    return Message(
        gettext_noop("资质认定将在%(days)s天内到期:%(enterprise)s %(tier)s%(number)s(有效期至%(expires)s)"),
        values,
    )


@dataclass
class CertificateReminders:
    """What one run sent: certificates reminded and messages sent."""

    certificates: int = 0
    notifications: int = 0


def _renewed(certificates: list[TierCertificate]) -> set[int]:
    """The certificates among these that a later grant of the same tier to the same enterprise replaced."""
    latest: dict[tuple[int, str], dt.date] = {}
    for enterprise_id, tier, granted in TierCertificate.objects.filter(
        enterprise_id__in={c.enterprise_id for c in certificates}
    ).values_list("enterprise_id", "tier", "granted_on"):
        key = (enterprise_id, tier)
        latest[key] = max(granted, latest.get(key, granted))
    return {c.pk for c in certificates if latest[(c.enterprise_id, c.tier)] > c.granted_on}


def certificates_remind(*, today: dt.date) -> CertificateReminders:
    """Send the certificate reminders due ``today`` (each once per milestone and person)."""
    window = list(
        TierCertificate.objects.filter(
            expires_on__gte=today - dt.timedelta(days=AFTER_EXPIRY_DAYS),
            expires_on__lte=today + dt.timedelta(days=MILESTONES[0]),
        )
        .select_related("enterprise", "park")
        .order_by("expires_on", "pk")
    )
    renewed = _renewed(window)
    users = members_by_enterprise({c.enterprise_id for c in window})
    staff_by_park: dict[int, list[Any]] = {}
    result = CertificateReminders()
    staff_url = reverse("innovation:dashboard") + "#expiring"
    portal_url = reverse("innovation:portal")
    with transaction.atomic():
        for certificate in window:
            assert certificate.expires_on is not None  # the window's filter
            reached = milestone((certificate.expires_on - today).days)
            if certificate.pk in renewed or reached is None:
                continue
            title = reminder_title(certificate, reached)
            # Who was told is found by the title as stored (in the site's language), as rows sent before
            # the titles had their catalogue string are too.
            stored = title.text(settings.LANGUAGE_CODE)[:200]
            told = set(
                Notification.objects.filter(kind=EventKind.CERTIFICATE_EXPIRING, title=stored).values_list(
                    "recipient_id", flat=True
                )
            )
            if certificate.park_id not in staff_by_park:
                staff_by_park[certificate.park_id] = members(
                    park_id=certificate.park_id, department_kind=DepartmentKind.INNOVATION
                )
            body = Message(
                gettext_noop("请提醒并协助企业在有效期届满前办理复审或重新认定。园区:%(park)s。"),
                {"park": certificate.park.name},
            )
            sent = notify(
                recipients=[u for u in staff_by_park[certificate.park_id] if u.pk not in told],
                kind=EventKind.CERTIFICATE_EXPIRING,
                title=title,
                body=body,
                url=staff_url,
            )
            sent += notify(
                recipients=[u for u in users.get(certificate.enterprise_id, []) if u.pk not in told],
                kind=EventKind.CERTIFICATE_EXPIRING,
                title=title,
                body=Message(gettext_noop("请在有效期届满前办理复审或重新认定。")),
                url=portal_url,
            )
            if sent:
                result.certificates += 1
                result.notifications += len(sent)
    return result

"""Sending notifications: in-app rows now, e-mail after the transaction commits, as each user prefers.

A notification is sent as :class:`~scipark.core.messages.Message` values (catalogue string + values) and
shown in the reader's language; each e-mail is worded in its recipient's language (the one they chose with
the switch, kept on the account), the site's (Chinese) when they chose none.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from scipark.core.messages import Message, shown

from .models import DEFAULT_CHANNELS, Channel, Notification, NotificationPreference

logger = logging.getLogger(__name__)


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, frozenset[str]]:
    """Each user's channels for ``kind``: their stored choices over the defaults."""
    ids = list(user_ids)
    chosen: dict[int, set[str]] = {
        uid: set(DEFAULT_CHANNELS.get(kind, frozenset({Channel.IN_APP}))) for uid in ids
    }
    for uid, channel, enabled in NotificationPreference.objects.filter(
        user_id__in=ids, kind=kind
    ).values_list("user_id", "channel", "enabled"):
        if enabled:
            chosen[uid].add(channel)
        else:
            chosen[uid].discard(channel)
    return {uid: frozenset(c) for uid, c in chosen.items()}


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    title: Message,
    body: Message | None = None,
    url: str = "",
    exclude: Any = None,
) -> list[Notification]:
    """Notify each (active, distinct) recipient by the channels they chose; ``exclude`` skips the actor.

    ``title`` and ``body`` are messages (a ``gettext_noop`` source string and its values, one set of names
    for both): the row keeps them and their wording in the site's language; each e-mail is worded in its
    recipient's language."""
    params = _params(title, body)
    # In the site's language, whatever the sender's request reads.
    title_text = title.text(settings.LANGUAGE_CODE)
    body_text = body.text(settings.LANGUAGE_CODE) if body is not None else ""
    users = {u.pk: u for u in recipients if u is not None and getattr(u, "is_active", True)}
    if exclude is not None:
        users.pop(getattr(exclude, "pk", None), None)
    if not users:
        return []
    channels = channels_for(users, kind)
    rows = [
        Notification(
            recipient_id=uid,
            kind=kind,
            title=title_text[:200],
            body=body_text,
            title_msg=title.msg,
            body_msg=body.msg if body is not None else "",
            params=params,
            url=url[:300],
        )
        for uid in users
        if Channel.IN_APP in channels[uid]
    ]
    created = Notification.objects.bulk_create(rows)
    # A mailed link opens through the message (marked read, and told why when the page no longer opens for
    # the reader) when the reader has it in the app; otherwise it points at the page itself.
    opened_by = {n.recipient_id: n.pk for n in created if n.pk is not None}
    mail_to = [
        (u.email, uid, _mailed_link(url, opened_by.get(uid)), u.mail_language)
        for uid, u in users.items()
        if Channel.EMAIL in channels[uid] and u.email
    ]
    if mail_to:
        stored = (title_text, body_text)
        wording = {lang: _mail_text(title, body, lang, stored) for lang in {m[3] for m in mail_to}}
        transaction.on_commit(lambda: _send_emails(mail_to, wording))
    return created


def _mail_text(
    title: Message, body: Message | None, language: str, stored: tuple[str, str]
) -> tuple[str, str]:
    """Subject and body in ``language``; a translation whose placeholders do not fit the values falls back to
    the site's wording (``stored``), as the pages do, rather than undo the business action that notifies."""
    with translation.override(language):
        subject = shown(title.msg, title.params, stored[0], row="notification e-mail")
        text = shown(body.msg, body.params, stored[1], row="notification e-mail") if body is not None else ""
    return subject[:200], text


def _params(title: Message, body: Message | None) -> dict[str, Any]:
    """The values of title and body in one mapping: a name both use must mean the same value."""
    params = dict(title.params)
    for name, value in (body.params if body is not None else {}).items():
        if name in params and params[name] != value:
            raise TypeError(f"notification value {name!r} differs between title and body")
        params[name] = value
    return params


def _mailed_link(url: str, notification_id: int | None) -> str:
    if not url:
        return ""
    if notification_id is None:
        return url
    return reverse("notifications:notification_open") + f"?id={notification_id}"


def _send_emails(addresses: list[tuple[str, int, str, str]], wording: Mapping[str, tuple[str, str]]) -> None:
    """One e-mail per recipient, in their language (``wording``: subject and body by language)."""
    base = getattr(settings, "SCIPARK_BASE_URL", "").rstrip("/")
    for address, uid, link, language in addresses:
        title, body = wording[language]
        text = body + (f"\n\n{base}{link}" if link else "")
        try:
            send_mail(f"[scipark] {title}", text, None, [address], fail_silently=False)
        except Exception:  # a mail server outage must not undo the business action
            logger.exception("notification e-mail to user %s failed", uid)


def notification_mark_read(*, user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (these, or all) as read; returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())


def preferences_save(*, user: Any, choices: Mapping[tuple[str, str], bool]) -> None:
    """Store the user's choices, one row per (kind, channel)."""
    with transaction.atomic():
        for (kind, channel), enabled in choices.items():
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, channel=channel, defaults={"enabled": enabled}
            )

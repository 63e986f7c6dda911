"""Each e-mail of a notification is worded in its recipient's chosen language (the site's when they chose
none), one e-mail per recipient from one ``notify`` call; the in-app row keeps its Chinese text."""

from __future__ import annotations

from typing import Any

from django.core import mail
from django.utils import translation
from django.utils.translation import gettext_noop

from scipark.accounts import services as account_services
from scipark.core.messages import Message
from scipark.core.testing import World
from scipark.notifications.models import Notification, NotificationPreference
from scipark.notifications.services import notify

TITLE = Message(gettext_noop("诉求超期督办:%(title)s"), {"title": "路灯不亮"})
BODY = Message(
    gettext_noop("%(number)s(%(category)s)办理期限 %(due)s,现状态「%(state)s」。"),
    {"number": "SQ-2026-0001", "category": "市政设施", "due": "2026-12-01", "state": "已受理"},
)


def _mail_recipient(user: Any, address: str, language: str) -> None:
    user.email = address
    user.save()
    if language:
        account_services.user_language_set(user=user, language=language)
    NotificationPreference.objects.create(user=user, kind="test_kind", channel="email", enabled=True)


def test_one_notify_mails_each_recipient_in_their_own_language(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    english, chinese, unset = (
        world.user("economy_staff"),
        world.user("service_staff"),
        world.user("park_leader"),
    )
    _mail_recipient(english, "en@example.com", "en")
    _mail_recipient(chinese, "zh@example.com", "zh-hans")
    _mail_recipient(unset, "unset@example.com", "")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):  # an English sender
        notify(recipients=[english, chinese, unset], kind="test_kind", title=TITLE, body=BODY)

    assert sorted(m.to[0] for m in mail.outbox) == ["en@example.com", "unset@example.com", "zh@example.com"]
    by_reader = {m.to[0]: m for m in mail.outbox}
    assert by_reader["en@example.com"].subject == "[scipark] Appeal overdue, escalated: 路灯不亮"
    assert by_reader["en@example.com"].body == (
        "SQ-2026-0001 (市政设施) was due by 2026-12-01; it is now “已受理”."
    )
    for address in ("zh@example.com", "unset@example.com"):
        assert by_reader[address].subject == "[scipark] 诉求超期督办:路灯不亮"
        assert by_reader[address].body == "SQ-2026-0001(市政设施)办理期限 2026-12-01,现状态「已受理」。"
    # The in-app row keeps the site's wording, whoever reads it.
    row = Notification.objects.get(recipient=english)
    assert (row.title, row.body) == (
        "诉求超期督办:路灯不亮",
        "SQ-2026-0001(市政设施)办理期限 2026-12-01,现状态「已受理」。",
    )


def test_a_translation_that_does_not_fit_its_values_mails_the_sites_wording(
    world: World, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    reader = world.user("economy_staff")
    _mail_recipient(reader, "en@example.com", "en")
    real_gettext = translation.gettext

    def broken(message: str) -> str:  # an English entry naming a placeholder the sender does not give
        if translation.get_language() == "en" and message == TITLE.msg:
            return "Overdue: %(name)s"
        return real_gettext(message)

    monkeypatch.setattr("scipark.core.messages.gettext", broken)
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[reader], kind="test_kind", title=TITLE, body=BODY)
    (sent,) = mail.outbox
    assert sent.subject == "[scipark] 诉求超期督办:路灯不亮"
    assert sent.body.startswith("SQ-2026-0001 (市政设施) was due by")

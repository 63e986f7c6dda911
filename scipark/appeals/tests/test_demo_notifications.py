"""The demo users' messages read in their reader's language: the demo writes its notifications with the
senders' catalogue strings, as sent ones are kept (ADR 0003 rule 7), not as Chinese text alone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from scipark.accounts.models import User
from scipark.demo.builder import DEMO_STEPS, DemoBuilder, load_steps
from scipark.notifications.models import Notification
from scipark.notifications.testing import notification_pages


@pytest.fixture
def demo_appeals(without_world: Any) -> None:
    DemoBuilder(load_steps([*DEMO_STEPS, "scipark.appeals.demo.AppealsStep"])).build()


def test_the_demo_users_messages_read_in_their_readers_language(demo_appeals: None) -> None:
    rows = Notification.objects.filter(recipient__username__in=["bio-service", "bio-leader"])
    assert rows.exists() and not rows.filter(title_msg="").exists()
    # The stored title stays the Chinese it always was, for e-mail, search and old readers.
    submitted = rows.filter(kind="appeal_submitted").first()
    assert submitted is not None and submitted.title == f"新诉求待受理:{submitted.params['title']}"
    for username, english_start, chinese_start in (
        ("bio-service", "New appeal awaiting acceptance: ", "新诉求待受理:"),
        ("bio-leader", "Appeal overdue, escalated: ", "诉求超期督办:"),
    ):
        client = Client()
        client.force_login(User.objects.get(username=username))
        for english in (True, False):  # one demo build for both languages: it is the slow part
            listing, _badge = notification_pages(client, english=english)
            assert (english_start if english else chinese_start) in listing, (username, english)
            assert (chinese_start if english else english_start) not in listing, (username, english)

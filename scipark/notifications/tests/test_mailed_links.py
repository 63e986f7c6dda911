"""A mailed link opens through the reader's own message (marked read; told why if the page is gone), and
points at the page itself for a reader who keeps no in-app messages of that kind."""

from __future__ import annotations

from typing import Any

from django.core import mail

from scipark.core.messages import Message
from scipark.core.testing import World
from scipark.notifications.models import Notification, NotificationPreference
from scipark.notifications.services import notify


def test_each_reader_gets_a_link_through_their_own_message(
    world: World, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.SCIPARK_BASE_URL = "https://park.example.cn"
    both, mail_only = world.user("economy_staff"), world.user("service_staff")
    for user, address in ((both, "a@example.com"), (mail_only, "b@example.com")):
        user.email = address
        user.save()
        NotificationPreference.objects.create(user=user, kind="test_kind", channel="email", enabled=True)
    NotificationPreference.objects.create(user=mail_only, kind="test_kind", channel="in_app", enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[both, mail_only],
            kind="test_kind",
            title=Message("月报已报送"),
            body=Message("请审核"),
            url="/economy/returns/7/",
        )
    own = Notification.objects.get(recipient=both)
    assert not Notification.objects.filter(recipient=mail_only).exists()
    by_reader = {m.to[0]: m.body for m in mail.outbox}
    assert by_reader["a@example.com"].endswith(f"https://park.example.cn/notifications/open/?id={own.pk}")
    assert by_reader["b@example.com"].endswith("https://park.example.cn/economy/returns/7/")

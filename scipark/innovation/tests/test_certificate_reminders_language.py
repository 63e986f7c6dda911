"""A certificate's expiry reminder reads in its reader's language — the tier's name too — while its stored
title stays Chinese, so that a reminder already sent is still found and not sent twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.innovation.models import TierCertificate
from scipark.innovation.models.common import Tier
from scipark.innovation.reminders import certificates_remind
from scipark.notifications.models import EventKind, Notification
from scipark.notifications.testing import notification_pages

pytestmark = pytest.mark.django_db
TODAY = dt.date(2024, 1, 15)


@pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])
def test_a_certificate_reminder_reads_in_the_readers_language(
    world: World, client_for: Any, english: bool
) -> None:
    TierCertificate.objects.create(
        park=world.park,
        enterprise=world.enterprise,
        tier=Tier.HIGH_TECH,
        number="GR202163000001",
        granted_on=dt.date(2021, 1, 15),
        expires_on=TODAY + dt.timedelta(days=30),
    )
    assert certificates_remind(today=TODAY).certificates == 1
    name = world.enterprise.name
    stored = f"资质认定将在30天内到期:{name} 高新技术企业 GR202163000001(有效期至2024-02-14)"
    assert set(
        Notification.objects.filter(kind=EventKind.CERTIFICATE_EXPIRING).values_list("title", flat=True)
    ) == {stored}
    assert certificates_remind(today=TODAY).notifications == 0  # found by its stored title: not sent twice
    listing, badge = notification_pages(client_for("enterprise_user"), english=english)
    if english:
        assert (
            f"Certification expires within 30 days: {name} High-tech enterprise GR202163000001 "
            "(valid until 2024-02-14)"
        ) in listing
        assert "Please apply for review or re-certification before the certification expires." in listing
        assert "Messages, 1 unread" in badge
    else:
        assert stored in listing and "请在有效期届满前办理复审或重新认定。" in listing
        assert "消息,1条未读" in badge

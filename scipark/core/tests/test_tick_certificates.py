"""Certificate expiry (资质认定到期提醒) is a daily scheduled job run by ``scipark tick`` through the worker, as
appeal escalation, indicator alerts and return reminders are (issue 15 item 3): each certificate is reminded
at 90, 30 and 7 days before it expires and on expiry, once per milestone and person."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from scipark.core.models import TaskRun
from scipark.core.tasks import JOBS
from scipark.core.testing import World
from scipark.innovation.models import TierCertificate
from scipark.innovation.models.common import Tier
from scipark.innovation.reminders import milestone
from scipark.notifications.models import EventKind, Notification

TODAY = dt.date(2024, 1, 15)


def tick(day: dt.date) -> str:
    out = io.StringIO()
    call_command("tick", "--date", day.isoformat(), stdout=out)
    return out.getvalue()


def certificate(
    world: World, expires_on: dt.date, *, granted_on: dt.date = dt.date(2021, 1, 15)
) -> TierCertificate:
    return TierCertificate.objects.create(
        park=world.park,
        enterprise=world.enterprise,
        tier=Tier.HIGH_TECH,
        number="GR202163000001",
        granted_on=granted_on,
        expires_on=expires_on,
    )


def reminders() -> list[tuple[str, str]]:
    rows = Notification.objects.filter(kind=EventKind.CERTIFICATE_EXPIRING).order_by("id")
    return [(n.recipient.username, n.title) for n in rows.select_related("recipient")]


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(91, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (1, 7), (0, 0), (-30, 0), (-31, None)],
)
def test_the_milestone_a_certificate_has_reached(days_left: int, expected: int | None) -> None:
    assert milestone(days_left) == expected


def test_every_scheduled_job_is_run_by_tick() -> None:
    assert set(JOBS) == {"escalate_appeals", "alerts_evaluate", "remind_returns", "remind_certificates"}


def test_tick_reminds_staff_and_enterprise_once_per_milestone(world: World, settings) -> None:
    settings.SCIPARK_REMIND_RETURNS_USER = ""
    certificate(world, TODAY + dt.timedelta(days=40))
    assert "资质认定到期提醒(2024-01-15):已加入队列" in tick(TODAY)
    run = TaskRun.objects.get(kind="job:remind_certificates", period="2024-01-15")
    assert run.state == TaskRun.State.DONE and "1 项认定,发送 2 条提醒" in run.message
    first = reminders()
    assert sorted(name for name, _title in first) == ["enterprise_user", "innovation_staff"]
    assert all("将在90天内到期" in title and "有效期至2024-02-24" in title for _name, title in first)

    tick(TODAY + dt.timedelta(days=1))  # still within 90 days: nothing new
    assert reminders() == first
    tick(TODAY + dt.timedelta(days=12))  # 28 days left: the 30-day reminder, once
    tick(TODAY + dt.timedelta(days=13))
    assert [t for _n, t in reminders()[2:]] == [reminders()[2][1]] * 2 and "30天内" in reminders()[2][1]
    tick(TODAY + dt.timedelta(days=41))  # expired yesterday
    assert "已到期" in reminders()[-1][1] and len(reminders()) == 6


def test_a_renewed_or_distant_certificate_is_not_reminded(world: World, settings) -> None:
    settings.SCIPARK_REMIND_RETURNS_USER = ""
    certificate(world, TODAY + dt.timedelta(days=20))
    certificate(world, TODAY + dt.timedelta(days=20 + 3 * 365), granted_on=TODAY - dt.timedelta(days=10))
    certificate(world, TODAY + dt.timedelta(days=91))
    tick(TODAY)
    assert reminders() == []
    run = TaskRun.objects.get(kind="job:remind_certificates")
    assert "0 项认定" in run.message

"""The daily evaluation against the records: an annual target behind raises one alert and tells the owner
department and the leader; a second run the same day does nothing; a target met resolves it; a person's
resolve holds until the level worsens; the command; the list page and its buttons."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from scipark.core.testing import World
from scipark.economy import services as economy
from scipark.economy.models import Indicator
from scipark.notifications.models import EventKind, Notification
from scipark.notifications.testing import notification_pages
from scipark.reports.alert_services import alert_resolve, alerts_evaluate
from scipark.reports.models import Alert

from .test_cockpit import returns_of_one_enterprise

pytestmark = pytest.mark.django_db

#: A run dated in January evaluates December: time progress 100 %.
JANUARY = dt.date(2024, 1, 15)


def target(world: World, value: int, code: str = "above_scale_output", year: int = 2023) -> None:
    economy.target_set(
        user=world.user("economy_staff"),
        park=world.park,
        indicator=Indicator.objects.get(code=code),
        year=year,
        value=Decimal(value),
    )


def alert_notices() -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(kind=EventKind.INDICATOR_ALERT).values_list(
            "recipient__username", "title"
        )
    )


def test_a_target_behind_raises_one_alert_and_notifies_the_owner_department_and_the_leader(
    world: World,
) -> None:
    returns_of_one_enterprise(world)  # 1 200 000 元 of output in 2023
    target(world, 2_000_000)  # 60 % done at 100 % time progress: 40 points behind, beyond the 10 of an alarm
    result = alerts_evaluate(park=world.park, today=JANUARY)
    assert (result.period, result.created, result.resolved) == (dt.date(2023, 12, 1), 1, 0)
    alert = Alert.objects.get(park=world.park)
    assert (alert.kind, alert.subject, alert.year, alert.level) == (
        "target_behind",
        "above_scale_output",
        2023,
        "alarm",
    )
    assert alert.department == "economy" and alert.first_seen == JANUARY and alert.is_open
    assert alert.message == "规模以上工业总产值:1-12月完成年度目标60%,时间进度100%,落后40个百分点"
    notices = alert_notices()
    assert [who for who, _ in notices] == ["economy_staff", "park_leader"]
    assert all(title.startswith("指标告警:") and "规模以上工业总产值" in title for _, title in notices)
    assert result.notified == 2

    again = alerts_evaluate(park=world.park, today=JANUARY)
    assert (again.created, again.refreshed, again.resolved, again.notified) == (0, 0, 0, 0)
    assert Alert.objects.filter(park=world.park).count() == 1 and alert_notices() == notices
    assert Alert.objects.get(pk=alert.pk).version == alert.version  # nothing written the second time


def test_a_growth_target_short_is_an_alert_too(world: World) -> None:
    returns_of_one_enterprise(world)  # +20 % on the comparable basis
    target(world, 25, code="above_scale_output_growth")
    alerts_evaluate(park=world.park, today=JANUARY)
    alert = Alert.objects.get(park=world.park)
    assert (alert.kind, alert.level) == ("growth_short", "warning")
    assert alert.message == "规模以上工业产值增速:1-12月累计增长20%,低于年度目标25%"


def test_a_target_met_resolves_the_alert_and_its_return_raises_a_new_one(world: World) -> None:
    returns_of_one_enterprise(world)
    target(world, 2_000_000)
    alerts_evaluate(park=world.park, today=JANUARY)
    target(world, 1_000_000)  # 120 % done
    result = alerts_evaluate(park=world.park, today=JANUARY + dt.timedelta(days=1))
    assert (result.created, result.resolved) == (0, 1)
    first = Alert.objects.get(park=world.park)
    assert first.resolved_by_records and first.cleared_on == JANUARY + dt.timedelta(days=1)
    target(world, 2_000_000)
    assert alerts_evaluate(park=world.park, today=JANUARY + dt.timedelta(days=2)).created == 1
    assert Alert.objects.filter(park=world.park, resolved_at__isnull=True).count() == 1


def test_a_person_resolving_holds_until_the_level_worsens(world: World) -> None:
    returns_of_one_enterprise(world)
    target(world, 1_300_000)  # 92.3 % done: 7.7 points behind, a warning
    alerts_evaluate(park=world.park, today=JANUARY)
    alert = Alert.objects.get(park=world.park)
    assert alert.level == "warning"
    alert_resolve(user=world.user("park_leader"), alert=alert, expected_version=alert.version)
    before = len(alert_notices())
    assert alerts_evaluate(park=world.park, today=JANUARY + dt.timedelta(days=1)).created == 0
    target(world, 2_000_000)  # now 40 points behind: an alarm, raised anew
    result = alerts_evaluate(park=world.park, today=JANUARY + dt.timedelta(days=2))
    assert result.created == 1 and len(alert_notices()) == before + 2
    assert Alert.objects.get(park=world.park, resolved_at__isnull=True).level == "alarm"


def test_the_command_evaluates_a_park_on_a_date(world: World) -> None:
    returns_of_one_enterprise(world)
    target(world, 2_000_000)
    out = io.StringIO()
    call_command("alerts", "evaluate", "--park", world.park.code, "--date", "2024-01-15", stdout=out)
    assert "2023年12月数据" in out.getvalue() and "新增预警 1 条" in out.getvalue()
    call_command("alerts", "evaluate", "--park", world.park.code, "--date", "2024-01-15", stdout=out)
    assert "新增预警 0 条,更新 0 条,解除 0 条,发送通知 0 条" in out.getvalue()
    with pytest.raises(CommandError, match="无法识别"):
        call_command("alerts", "evaluate", "--date", "15.01.2024")
    with pytest.raises(CommandError, match="找不到园区"):
        call_command("alerts", "evaluate", "--park", "nowhere")


# --- the page and its buttons ---------------------------------------------------------------------------


def an_alert(world: World) -> Alert:
    returns_of_one_enterprise(world)
    target(world, 2_000_000)
    alerts_evaluate(park=world.park, today=JANUARY)
    return Alert.objects.get(park=world.park)


def test_the_owner_department_acknowledges_and_the_leader_resolves(world: World, client_for: Any) -> None:
    alert = an_alert(world)
    page = client_for("economy_staff").get("/reports/alerts/")
    html = page.content.decode()
    assert (
        page.status_code == 200
        and "规模以上工业总产值" in html
        and f"/reports/alerts/{alert.pk}/acknowledge/" in html
    )
    response = client_for("economy_staff").post(
        f"/reports/alerts/{alert.pk}/acknowledge/", {"version": alert.version}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == world.user("economy_staff") and alert.is_open
    response = client_for("park_leader").post(
        f"/reports/alerts/{alert.pk}/resolve/", {"version": alert.version}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.resolved_by == world.user("park_leader") and not alert.is_open
    resolved = client_for("park_leader").get("/reports/alerts/?state=resolved").content.decode()
    assert "解除" in resolved and f"/reports/alerts/{alert.pk}/resolve/" not in resolved


def test_other_departments_read_but_do_not_act_and_zone_viewers_do_not_read(
    world: World, client_for: Any
) -> None:
    alert = an_alert(world)
    html = client_for("service_staff").get("/reports/alerts/").content.decode()
    assert "规模以上工业总产值" in html and f"/reports/alerts/{alert.pk}/resolve/" not in html
    refused = client_for("service_staff").post(
        f"/reports/alerts/{alert.pk}/resolve/", {"version": alert.version}
    )
    assert refused.status_code == 403
    assert Alert.objects.get(pk=alert.pk).is_open
    zone = client_for("zone_viewer").get("/reports/alerts/")
    assert zone.status_code == 200 and "规模以上工业总产值" not in zone.content.decode()
    assert client_for("zone_viewer").post(f"/reports/alerts/{alert.pk}/resolve/").status_code == 404


def test_a_stale_button_is_a_conflict(world: World, client_for: Any) -> None:
    alert = an_alert(world)
    response = client_for("park_leader").post(
        f"/reports/alerts/{alert.pk}/resolve/", {"version": alert.version - 1 or 99}
    )
    assert response.status_code == 409
    assert Alert.objects.get(pk=alert.pk).is_open


def test_the_list_reads_in_the_same_queries_for_one_alert_or_many(world: World, client_for: Any) -> None:
    alert = an_alert(world)
    client = client_for("park_leader")
    client.get("/reports/alerts/")  # warm the per-process caches
    with CaptureQueriesContext(connection) as one:
        client.get("/reports/alerts/?state=all")
    for n in range(5):
        Alert.objects.create(
            park=world.park, kind=alert.kind, subject=f"more_{n}", subject_name=f"指标{n}", year=2023,
            department="investment", level="warning", message="落后", period=alert.period,
            first_seen=JANUARY, last_seen=JANUARY,
        )  # fmt: skip
    Alert.objects.filter(subject="more_0").update(
        acknowledged_by=world.user("park_leader"),
        resolved_by=world.user("park_leader"),
        resolved_at="2024-01-16T08:00Z",
    )
    with CaptureQueriesContext(connection) as six:
        html = client.get("/reports/alerts/?state=all").content.decode()
    assert html.count('data-testid="alert-row"') == 6
    assert len(six) == len(one), [q["sql"][:120] for q in six.captured_queries]


def test_the_alert_reaches_the_leaders_inbox_and_its_kind_can_be_chosen(
    world: World, client_for: Any
) -> None:
    an_alert(world)
    client = client_for("park_leader")
    inbox = client.get("/notifications/").content.decode()
    assert "指标告警" in inbox and "规模以上工业总产值" in inbox
    preferences = client.get("/notifications/preferences/")
    assert preferences.status_code == 200 and "指标预警" in preferences.content.decode()


def test_the_list_shows_open_alarms_first_then_warnings_then_the_resolved(
    world: World, client_for: Any
) -> None:
    def made(subject: str, level: str, seen: int, resolved: bool = False) -> Alert:
        return Alert.objects.create(
            park=world.park, kind="target_behind", subject=subject, subject_name=subject, year=2023,
            department="economy", level=level, message="落后", period=dt.date(2023, 12, 1),
            first_seen=JANUARY, last_seen=JANUARY + dt.timedelta(days=seen),
            resolved_at="2024-01-20T08:00Z" if resolved else None,
        )  # fmt: skip

    made("w_new", "warning", 3)
    made("a_old", "alarm", 1)
    made("r_newest", "alarm", 5, resolved=True)
    made("w_old", "warning", 0)
    rows = client_for("park_leader").get("/reports/alerts/?state=all").context["alerts"]
    assert [alert.subject for alert, _ in rows] == ["a_old", "w_new", "w_old", "r_newest"]


@pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])
def test_an_alert_notification_reads_in_the_readers_language(
    world: World, client_for: Any, english: bool
) -> None:
    returns_of_one_enterprise(world)
    target(world, 2_000_000)  # an alarm
    alerts_evaluate(park=world.park, today=JANUARY)
    park = world.park.short_name or world.park.name
    listing, badge = notification_pages(client_for("park_leader"), english=english)
    if english:
        assert f"Indicator alarm: {park} Gross output of above-scale industry" in listing
        assert "Messages, 1 unread" in badge
    else:
        assert f"指标告警:{park} 规模以上工业总产值" in listing
        assert "消息,1条未读" in badge
    # The alert's own sentence, as the alerts page shows it, in the reader's language too.
    if english:
        assert "Gross output of above-scale industry: 60% of the annual target done in Jan–Dec" in listing
    else:
        assert "规模以上工业总产值:1-12月完成年度目标60%" in listing

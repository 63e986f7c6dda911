"""The leader cockpit's alerts come from the records (an overdue appeal appears with its link); the zone
cockpit suppresses a small cell as the economy dashboard does and names no enterprise."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from scipark.appeals import services as appeals
from scipark.appeals.testing import make_category
from scipark.core.testing import World, in_chinese
from scipark.economy import services as economy
from scipark.reports.cockpit import SUPPRESSED, spark_points

pytestmark = pytest.mark.django_db


def an_overdue_appeal(world: World) -> Any:
    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    return appeals.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱,影响生产调度。",
        received_at=timezone.now() - dt.timedelta(days=40),
    )


def returns_of_one_enterprise(world: World) -> None:
    staff = world.user("economy_staff")
    economy.scale_decision_record(
        user=staff,
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=dt.date(2022, 1, 1),
        decided_on=dt.date(2022, 1, 10),
    )
    for period, output in ((dt.date(2022, 12, 1), 1_000_000), (dt.date(2023, 12, 1), 1_200_000)):
        economy.return_record(
            user=staff,
            enterprise=world.enterprise,
            period=period,
            data={"industrial_output": output, "revenue": output, "value_added": 300_000, "employees": 40},
        )


def test_an_overdue_appeal_is_an_alert_with_its_link(world: World, client_for: Any) -> None:
    response = client_for("park_leader").get("/reports/cockpit/")
    assert response.status_code == 200
    assert not any("诉求超期" in a.title for a in response.context["cockpit"].alerts)
    appeal = an_overdue_appeal(world)
    response = client_for("park_leader").get("/reports/cockpit/")
    alert = next(a for a in response.context["cockpit"].alerts if a.department == "企业服务")
    assert alert.title == "1件诉求超期未办结" and alert.level == "danger"
    assert alert.items[0].url == appeal.get_absolute_url()
    assert appeal.get_absolute_url() in response.content.decode()


def test_the_wall_shows_the_same_cockpit_without_navigation_and_refreshes_itself(
    world: World, client_for: Any
) -> None:
    an_overdue_appeal(world)
    html = client_for("park_leader").get("/reports/cockpit/wall/").content.decode()
    assert '<meta http-equiv="refresh" content="300">' in html
    assert "sp-wall" in html and "1件诉求超期未办结" in html
    assert "sp-sidebar" not in html and "logout" not in html


def test_the_leader_sees_the_value_a_zone_viewer_sees_suppressed(world: World, client_for: Any) -> None:
    returns_of_one_enterprise(world)
    leader = client_for("park_leader").get("/reports/cockpit/").context["cockpit"]
    output = next(c for c in leader.economy if c.label == "规模以上工业产值")
    assert output.value == "0.01亿元" and "增长20.0%" in output.sub and not output.suppressed
    response = client_for("zone_viewer").get("/reports/zone/")
    assert response.status_code == 200
    zone = response.context["cockpit"]
    column = next(c for c in zone.parks if c.name == world.park.name)
    cell = next(c for c in column.cards if c.label == "规模以上工业产值")
    assert cell.suppressed and cell.value == SUPPRESSED and cell.spark == ""
    assert column.growth is None and column.rank is None  # a suppressed growth is not ranked either
    html = response.content.decode()
    for enterprise in (world.enterprise, world.other_enterprise, world.foreign_enterprise):
        assert enterprise.name not in html and enterprise.credit_code not in html


def test_a_zone_viewer_is_pointed_to_the_zone_cockpit(client_for: Any) -> None:
    response = client_for("zone_viewer").get("/reports/cockpit/")
    assert response.status_code == 200 and "cockpit" not in response.context
    assert "/reports/zone/" in response.content.decode()


def test_the_menu_offers_each_role_its_cockpit(client_for: Any) -> None:
    leader = client_for("park_leader").get("/reports/figures/").content.decode()
    zone = client_for("zone_viewer").get("/reports/figures/").content.decode()
    staff = client_for("economy_staff").get("/reports/figures/").content.decode()
    assert "领导驾驶舱" in leader and "园区对比驾驶舱" not in leader
    assert "园区对比驾驶舱" in zone and "领导驾驶舱" not in zone and "年度工作总结" not in zone
    assert "年度工作总结" in staff and "领导驾驶舱" not in staff


def test_a_sparkline_needs_two_known_months() -> None:
    assert spark_points([None, 5.0]) == ""
    assert spark_points([1.0, None, 3.0], width=100, height=20) == "0.0,18.0 100.0,2.0"


def test_on_a_phone_the_zone_cockpit_keeps_its_indicator_column_in_place(client_for: Any) -> None:
    """The parks side by side are a matrix of figures: at 390 px it scrolls in its box (the crawl as the zone
    viewer found it wider than the screen), the indicator's name held in place (sp-sticky-first)."""
    html = client_for("zone_viewer").get("/reports/zone/").content.decode()
    opening = re.search(r'<table[^>]*data-testid="zone"[^>]*>', html)
    assert opening is not None and "sp-sticky-first" in opening.group(0)


def test_the_cockpits_read_in_english(world: World, client_for: Any) -> None:
    """An English leader saw the cockpit's cards, departments, sub-lines and alerts in Chinese (plain strings,
    and the growth phrase came out as “同比up 20.0%”)."""
    returns_of_one_enterprise(world)
    an_overdue_appeal(world)
    leader = client_for("park_leader")
    leader.cookies["django_language"] = "en"
    response = leader.get("/reports/cockpit/")
    cockpit = response.context["cockpit"]
    output = cockpit.economy[0]
    assert (output.department, output.label) == ("Economic Development", "Above-scale industrial output")
    assert output.value == "0.01 × 100 million yuan" and output.sub.endswith(
        "up 20.0% year on year (comparable)"
    )
    appeal = next(a for a in cockpit.alerts if a.department == "Enterprise Services")
    assert appeal.title == "1 appeal overdue"
    for card in cockpit.economy:
        assert not in_chinese([card.department, card.label, card.value, card.sub]), card
    for (
        card
    ) in cockpit.departments:  # a registry figure's own note (its sub-line) is the module's, in Chinese
        assert not in_chinese([card.department, card.label, card.value]), card
    viewer = client_for("zone_viewer")
    viewer.cookies["django_language"] = "en"
    zone = viewer.get("/reports/zone/").context["cockpit"]
    assert zone.total.name == "Zone total"
    column = next(c for c in zone.parks if c.name == world.park.name)
    cell = next(c for c in column.cards if c.label == "Above-scale industrial output")
    assert cell.value == "— (confidential)"
    assert not in_chinese(zone.labels)


def test_the_cockpit_opens_on_the_closed_month_as_the_dashboard_does(world: World, client_for: Any) -> None:
    """A month still being reported (one return in, nothing closed) is not opened as if final: the leader's
    cockpit, the zone's and the economy dashboard open on the latest closed month, and an open month they
    show says 尚未关账 (a walkthrough saw the cockpit jump to the month two imported returns had begun)."""
    returns_of_one_enterprise(world)
    leader, zone = client_for("park_leader"), client_for("zone_viewer")
    # Nothing closed yet: the latest month with returns, marked as not final.
    page = leader.get("/reports/cockpit/")
    assert page.context["cockpit"].period == dt.date(2023, 12, 1) and not page.context["cockpit"].final
    assert 'data-testid="not-final">尚未关账,数据仍可能变动<' in page.content.decode()
    assert not zone.get("/reports/zone/").context["cockpit"].final
    leader.cookies["django_language"] = "en"
    assert (
        "Month not yet closed: figures may still change" in leader.get("/reports/cockpit/").content.decode()
    )
    leader.cookies["django_language"] = "zh-hans"
    # November closed, December still open with its one return: every page opens on November, as final.
    staff = world.user("economy_staff")
    economy.period_close(user=staff, park=world.park, period=dt.date(2023, 11, 1))
    page = leader.get("/reports/cockpit/")
    assert page.context["cockpit"].period == dt.date(2023, 11, 1) and page.context["cockpit"].final
    assert 'data-testid="not-final"' not in page.content.decode()
    dashboard = client_for("economy_staff").get("/economy/").context["selection"]
    assert dashboard.period == dt.date(2023, 11, 1)
    # The zone spans both parks: the other park has closed nothing, so the zone is not final.
    assert zone.get("/reports/zone/").context["cockpit"].period == dt.date(2023, 12, 1)

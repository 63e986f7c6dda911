"""In Debian's chromium: an enterprise user fills in and submits a monthly return; a 经济发展 staff member
sees it, accepts it, and the dashboard draws its charts without console errors (issue 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyReturn

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_enterprise_submits_a_return_and_staff_see_it_on_the_dashboard(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    period = dt.date(2023, 12, 1)
    services.scale_decision_record(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=dt.date(2022, 1, 1),
        decided_on=dt.date(2022, 1, 10),
    )
    services.return_record(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        period=dt.date(2022, 12, 1),
        data={"industrial_output": 1_000_000, "revenue": 900_000, "value_added": 300_000, "employees": 40},
    )

    sign_in(page, base, "enterprise_user")
    page.click("text=我的月报")
    page.goto(f"{base}/economy/portal/{period:%Y-%m}/")
    page.fill("input[name=industrial_output]", "250")  # +150 % against December 2022: needs a reason
    page.fill("input[name=revenue]", "95")
    page.fill("input[name=value_added]", "31")
    page.fill("input[name=employees]", "42")
    page.fill("input[name=energy_electricity]", "120000")
    page.click("[data-testid=submit-return]")
    assert "超过±50%" in page.locator("[data-testid=reason-error-industrial_output]").inner_text()
    page.fill("input[name=reason_industrial_output]", "新生产线投产")
    page.click("[data-testid=submit-return]")
    page.wait_for_url(f"{base}/economy/portal/")
    assert "已报送" in page.content()
    page.click("form[action$='/logout/'] button")

    sign_in(page, base, "economy_staff")
    page.click("text=月度报表")
    page.fill("input[name=period]", f"{period:%Y-%m}")
    page.click("[data-testid=filter-submit]")
    page.click(f"text={world.enterprise.name}")
    page.click("[data-testid=accept]")
    assert "已审核" in page.locator("[data-testid=return-status]").inner_text()
    assert MonthlyReturn.objects.get(enterprise=world.enterprise, period=period).is_current

    page.console_errors.clear()  # the refused first submission answered 400 on purpose
    page.goto(f"{base}/economy/?park={world.park.pk}&year=2023&month=12")
    page.wait_for_selector("[data-testid=chart-trend-cumulative][data-rendered=true]")
    assert page.locator(".sp-chart[data-rendered=true]").count() >= 3
    assert "规模以上工业产值同比增长" in page.locator("[data-testid=headline-cards]").inner_text()
    assert page.console_errors == []

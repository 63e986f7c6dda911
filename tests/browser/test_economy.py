"""In Debian's chromium: an enterprise user fills in and submits a monthly return; a 经济发展 staff member
sees it, accepts it, and the dashboard draws its charts without console errors (issue 3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyReturn

from .conftest import open_menu, sign_in

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
    open_menu(page, "我的月报")
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
    open_menu(page, "月度报表")
    page.fill("input[name=period]", f"{period:%Y-%m}")
    page.click("[data-testid=filter-submit]")
    # the enterprise's name opens its profile; the period opens the return
    page.locator("tbody tr", has_text=world.enterprise.name).locator("a", has_text=f"{period:%Y-%m}").click()
    page.click("[data-testid=accept]")
    assert "已审核" in page.locator("[data-testid=return-status]").inner_text()
    assert MonthlyReturn.objects.get(enterprise=world.enterprise, period=period).is_current

    page.console_errors.clear()  # the refused first submission answered 400 on purpose
    page.goto(f"{base}/economy/?park={world.park.pk}&year=2023&month=12")
    page.wait_for_selector("[data-testid=chart-trend-cumulative][data-rendered=true]")
    assert page.locator(".sp-chart[data-rendered=true]").count() >= 3
    assert "规模以上工业产值同比增长" in page.locator("[data-testid=headline-cards]").inner_text()
    assert page.console_errors == []


def _walk_data(world: World) -> None:
    """Two above-scale firms with 2022–2023 returns (Jan–Mar), targets of both kinds, March closed."""
    from decimal import Decimal

    from scipark.economy.models import Indicator
    from scipark.enterprises.models import Contact

    staff = world.user("economy_staff")
    for enterprise, (before, after) in (
        (world.enterprise, (1_000_000, 1_200_000)),
        (world.other_enterprise, (500_000, 550_000)),
    ):
        services.scale_decision_record(
            user=staff,
            enterprise=enterprise,
            scale_set="above_scale_industry",
            direction="enter",
            effective_period=dt.date(2022, 1, 1),
            decided_on=dt.date(2022, 1, 10),
        )
        for year, amount in ((2022, before), (2023, after)):
            for m in (1, 2, 3):
                services.return_record(
                    user=staff,
                    enterprise=enterprise,
                    period=dt.date(year, m, 1),
                    data={"industrial_output": amount, "revenue": amount, "value_added": amount // 3},
                    reasons={"industrial_output": "样例", "revenue": "样例", "value_added": "样例"},
                )
    for code, value in (
        ("above_scale_output", Decimal("30000000")),
        ("above_scale_output_growth", Decimal("8")),
    ):
        services.target_set(
            user=staff, park=world.park, indicator=Indicator.objects.get(code=code), year=2023, value=value
        )
    services.period_close(user=staff, park=world.park, period=dt.date(2023, 3, 1))
    Contact.objects.create(enterprise=world.enterprise, name="李会计", phone="13900139000", is_primary=True)
    # April: one firm submitted (awaiting review), the other owes it.
    services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=dt.date(2023, 4, 1),
        data={"industrial_output": 1_150_000, "revenue": 1_150_000, "value_added": 380_000, "profit": 60_000},
    )


def _no_page_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"))


@pytest.mark.parametrize("width", [1440, 390])
def test_staff_and_enterprise_pages_read_well_at_desktop_and_phone_width(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    base = live_server.url
    _walk_data(world)
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, base, "economy_staff")
    shots = []

    page.goto(f"{base}/economy/?park={world.park.pk}")
    page.wait_for_selector("[data-testid=chart-trend-month][data-rendered=true]")
    page.wait_for_selector(".sp-chart-gauge[data-rendered=true]")
    assert page.locator("[data-testid=period-closed]").count() == 1  # opens on the closed March
    assert "高于目标" in page.locator("[data-testid=target-gap]").inner_text()
    shots.append("dashboard")
    page.screenshot(path=f"/tmp/econ_dashboard_{width}.png", full_page=True)

    page.goto(f"{base}/economy/?park={world.park.pk}&year=2023&month=4")
    assert page.locator("[data-testid=open-rate]").is_visible()
    page.screenshot(path=f"/tmp/econ_dashboard_open_{width}.png")

    page.goto(f"{base}/economy/returns/missing/?period=2023-04")
    assert page.locator("[data-testid=board-rate]").inner_text() == "50.0%"
    assert page.locator("[data-testid=close-period]").count() == 1
    page.screenshot(path=f"/tmp/econ_board_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the board scrolls sideways"

    record = MonthlyReturn.objects.get(enterprise=world.enterprise, period=dt.date(2023, 4, 1))
    page.goto(f"{base}/economy/returns/{record.pk}/")
    assert "2023-03" in page.locator("[data-testid=return-values]").inner_text()
    page.screenshot(path=f"/tmp/econ_review_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the review page scrolls sideways"

    page.goto(f"{base}/economy/pipeline/?park={world.park.pk}")
    page.screenshot(path=f"/tmp/econ_pipeline_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the pipeline scrolls sideways"
    page.click("form[action$='/logout/'] button")

    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/economy/portal/")
    page.screenshot(path=f"/tmp/econ_portal_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the portal scrolls sideways"
    page.goto(f"{base}/economy/portal/2023-03/")
    assert page.locator("[data-testid=closed-notice]").is_visible()
    page.screenshot(path=f"/tmp/econ_form_closed_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the return form scrolls sideways"
    widths = page.eval_on_selector_all(
        "[data-testid=amount-table] input, [data-testid=energy-table] input",
        "els => els.map(e => e.getBoundingClientRect().width)",
    )
    assert widths and min(widths) >= 160, widths
    page.goto(f"{base}/notifications/")
    page.screenshot(path=f"/tmp/econ_notices_{width}.png", full_page=True)
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1440, 390])
def test_staff_reopen_a_closed_month_with_a_reason_and_close_it_again(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    """重新开放: March is closed; the 经济发展 staff member reopens it from the period page, saying why, sees
    the month open (the close button is back) with its history, and closes it again."""
    base = live_server.url
    _walk_data(world)
    page.set_viewport_size({"width": width, "height": 900})
    dialogs: list[str] = []

    def accept(dialog: Any) -> None:  # the buttons' confirmations (data-confirm)
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    sign_in(page, base, "economy_staff")

    page.goto(f"{base}/economy/returns/missing/?period=2023-03")
    assert page.locator("[data-testid=closed-badge]").is_visible()
    assert page.locator("[data-testid=close-period]").count() == 0
    assert not page.locator("[data-testid=reopen-form]").is_visible()  # folded until asked for
    page.click("[data-testid=reopen] summary")
    page.screenshot(path=f"/tmp/econ_reopen_form_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the reopen form scrolls sideways"
    # Without a reason the browser asks for one; the confirmation does not come first.
    page.click("[data-testid=reopen-period]")
    assert dialogs == []
    assert page.locator("[data-testid=reopen-form] textarea[name=reason]:invalid").count() == 1
    page.fill("[data-testid=reopen-form] textarea[name=reason]", "统计局反馈更正3月营业收入")
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=reopen-period]")
    assert len(dialogs) == 1
    assert "已重新开放" in page.content()
    assert page.locator("[data-testid=closed-badge]").count() == 0
    assert page.locator("[data-testid=close-period]").count() == 1
    history = page.locator("[data-testid=period-history]")
    assert "统计局反馈更正3月营业收入" in history.inner_text()
    page.screenshot(path=f"/tmp/econ_reopened_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the reopened month's page scrolls sideways"

    page.fill("input[name=note]", "更正后重新关账")
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=close-period]")
    assert page.locator("[data-testid=closed-badge]").is_visible()
    assert page.locator("[data-testid=history-closed]").count() == 2
    assert page.locator("[data-testid=history-reopened]").count() == 1
    page.screenshot(path=f"/tmp/econ_reclosed_{width}.png", full_page=True)
    assert _no_page_scroll(page), "the re-closed month's page scrolls sideways"
    assert page.console_errors == []

"""In Debian's chromium: an enterprise user files an appeal; 企业服务 staff accept, assign and conclude it;
the enterprise rates it. No console errors on the way (issue 4's browser test)."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.appeals.models import Appeal, AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.testing import World

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_enterprise_files_staff_close_enterprise_rates(page: Any, live_server: Any, world: World) -> None:
    base = live_server.url
    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    make_appeal(world.park, category, enterprise=world.enterprise, title="园区东路电信信号弱", number="OLD1")

    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/appeals/add/")
    page.select_option("select[name=category]", str(category.pk))
    page.fill("[data-testid=description]", "企业周边电信信号弱,望相关单位能落实一下")
    page.locator("[data-testid=description]").dispatch_event("keyup")
    page.wait_for_selector("[data-testid=similar-list]")
    assert "OLD1" in page.inner_text("[data-testid=similar-appeals]")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=appeal-state]")
    appeal = Appeal.objects.exclude(number="OLD1").get()
    assert page.inner_text("[data-testid=appeal-state]") == "待受理"
    page.click("form[action='/accounts/logout/'] button")

    sign_in(page, base, "service_staff")
    page.goto(f"{base}/appeals/{appeal.pk}/")
    page.click("[data-testid=do-accept]")
    page.wait_for_selector("[data-testid=do-assign]")
    page.click("[data-testid=do-assign]")
    page.wait_for_selector("[data-testid=do-start]")
    page.click("[data-testid=do-start]")
    page.wait_for_selector("[data-testid=do-conclude]")
    page.fill("[data-testid=notes-conclude]", "已联系移动公司,信号已恢复")
    page.click("[data-testid=do-conclude]")
    page.wait_for_selector("[data-testid=appeal-reply]")
    assert page.inner_text("[data-testid=appeal-state]") == "已办结"
    page.click("form[action='/accounts/logout/'] button")

    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/appeals/{appeal.pk}/")
    page.select_option("[data-testid=score]", "5")
    page.fill("[data-testid=notes-rate]", "满意")
    page.click("[data-testid=do-rate]")
    page.wait_for_selector("[data-testid=ratings]")
    assert page.inner_text("[data-testid=appeal-state]") == "已回访"
    appeal.refresh_from_db()
    assert appeal.state == AppealState.RATED and appeal.resolved
    assert page.console_errors == []


def test_statistics_charts_render_without_console_errors(page: Any, live_server: Any, world: World) -> None:
    category = make_category(world.park, "telecom")
    make_appeal(world.park, category, enterprise=world.enterprise)
    sign_in(page, live_server.url, "park_leader")
    page.goto(f"{live_server.url}/appeals/statistics/")
    page.wait_for_selector("#chart-months canvas")
    assert page.console_errors == []

"""In Debian's chromium: service staff open a need of the alliance, see the suggested resources with
their scores and reasons, and create a joint action in one step; the chain diagram draws; no console
error (the CSP admits only the app's own scripts)."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.alliance.models import JointAction, Need
from scipark.alliance.testing import build_alliance
from scipark.core.testing import World
from scipark.parks.models import Department

from .conftest import open_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_service_staff_match_a_need_to_a_resource_and_create_a_joint_action(
    page: Any, live_server: Any, world: World
) -> None:
    aw = build_alliance(world.park, world.enterprise, world.other_enterprise)
    base = live_server.url
    sign_in(page, base, "service_staff")
    open_menu(page, "需求清单")
    page.click(f"text={aw.need.title}")
    page.wait_for_url(f"{base}/alliance/needs/{aw.need.pk}/")
    page.click("[data-testid=open-match]")
    rows = page.locator("[data-testid=suggestion-table] tbody tr")
    assert aw.other_resource.title in rows.first.inner_text()  # best match first: same category, keywords
    assert "类别相同" in rows.first.inner_text()
    rows.first.locator("[data-testid=pick-resource]").check()
    page.fill("input[name=title]", "厂区通信信号联合攻坚")
    service = Department.objects.get(park=world.park, kind="service")
    page.select_option("select[name=owner_department]", value=str(service.pk))
    page.fill("input[name=owner_person]", "韩明")
    page.fill("input[name=start_on]", "2023-05-10")
    page.fill("input[name=due_on]", "2023-06-30")
    page.click("[data-testid=create-action]")
    page.wait_for_selector("[data-testid=action-status]")
    assert "厂区通信信号联合攻坚" in page.content()
    action = JointAction.objects.get(title="厂区通信信号联合攻坚")
    assert list(action.resources.all()) == [aw.other_resource]
    assert Need.objects.get(pk=aw.need.pk).status == "matched"

    page.goto(f"{base}/alliance/chains/{aw.chain.pk}/")
    page.wait_for_selector("#chain-diagram canvas")
    page.goto(f"{base}/events/")
    page.wait_for_load_state("networkidle")
    assert page.console_errors == []

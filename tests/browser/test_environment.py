"""In Debian's chromium, as the environment department at 1440 px and 390 px: the offline map draws its layers
with no tile server, a layer toggles off and on, clicking an open finding opens its record, and the
department reports progress on it; no console error (the CSP admits only the app's own scripts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.environment.models import CampaignResult, Finding, NoxAssumption
from scipark.environment.testing import route_samples
from scipark.environment.tests.helpers import campaign_with_round

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.mark.parametrize("width", [1440, 390])
def test_the_department_opens_the_map_toggles_a_layer_and_opens_a_finding(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    samples = route_samples(world)
    finding = samples["environment.finding"]["own"]
    Finding.objects.filter(pk=finding.pk).update(longitude=101.7432, latitude=36.6734)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    sign_in(page, base, "environment_staff")
    page.goto(f"{base}/environment/map/")
    network_map = page.locator("[data-testid=network-map]")
    page.wait_for_selector("#network-map[data-loaded-rain='1']")
    page.screenshot(path=str(SHOTS / f"environment-map-{width}.png"), full_page=True)
    page.uncheck("#layer-rain")
    assert network_map.get_attribute("data-loaded-rain") is None
    page.check("#layer-rain")
    page.wait_for_selector("#network-map[data-loaded-rain='1']")
    page.wait_for_selector(f"[data-feature='findings:{finding.number}']")
    page.locator(f"[data-feature='findings:{finding.number}']").click(force=True)
    page.wait_for_url(f"{base}/environment/findings/{finding.pk}/")
    page.click("[data-testid=step-progress]")
    page.fill("textarea[name=notes]", "已更换活性炭吸附装置")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=timeline]")
    assert "已更换活性炭吸附装置" in page.locator("[data-testid=timeline]").inner_text()
    page.screenshot(path=str(SHOTS / f"environment-finding-{width}.png"), full_page=True)
    page.goto(f"{base}/environment/findings/")
    page.wait_for_selector("[data-testid=finding-table]")
    page.goto(f"{base}/environment/")  # the dashboard draws the same map (issue 13 item 8)
    page.wait_for_selector("#network-map[data-loaded-rain='1']")
    page.wait_for_selector(f"[data-feature='findings:{finding.number}']")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"environment-dashboard-{width}.png"), full_page=True)
    assert page.console_errors == []
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]


@pytest.mark.parametrize("width", [1440, 390])
def test_the_department_records_a_retrofit_and_the_enterprise_answers_its_result(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    NoxAssumption.objects.create(
        park=world.park, valid_from=dt.date(2020, 1, 1), gas_per_steam_tonne=Decimal("78.8"),
        flue_gas_per_m3=Decimal("10.23"), reference_o2=Decimal("3.5"), source="DOMAIN.md §5",
    )  # fmt: skip
    campaign, _target, _round = campaign_with_round(world.park, world.enterprise)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    sign_in(page, base, "environment_staff")
    page.goto(f"{base}/environment/boilers/")
    page.click("text=新建")
    page.select_option("select[name=enterprise]", str(world.enterprise.pk))
    for name, value in {
        "name": "3#", "capacity_tph": "10", "operating_hours": "4570", "load_factor": "1", "nox_before": "200",
        "o2_before": "3.5", "nox_after": "30", "o2_after": "3.5", "retrofit_completed_on": "2023-08-01",
    }.items():  # fmt: skip
        page.fill(f"[name={name}]", value)
    page.screenshot(path=str(SHOTS / f"environment-boiler-form-{width}.png"), full_page=True)
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=nox-result]")
    assert "吨" in page.locator("[data-testid=nox-result]").inner_text()
    page.screenshot(path=str(SHOTS / f"environment-boiler-{width}.png"), full_page=True)
    page.click("[data-testid=boiler-edit]")
    page.fill("[name=operating_hours]", "9000")
    page.click("[data-testid=save]")
    assert "8784" in page.locator(".invalid-feedback, [data-testid=form-errors]").first.inner_text()
    page.console_errors.clear()  # the refused form answers 400 on purpose: the browser logs it
    page.goto(f"{base}/environment/campaigns/{campaign.pk}/")
    page.click("[data-testid=result-add]")
    page.select_option("select[name=target]", label=world.enterprise.name)
    page.select_option("select[name=round]", index=1)
    page.fill("[name=done_on]", "2023-05-06")
    page.select_option("select[name=outcome]", "non_compliant")
    page.fill("[name=notes]", "总排口 COD 超标")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=campaign-results]")
    assert "不达标" in page.locator("[data-testid=campaign-results]").inner_text()
    page.context.clear_cookies()
    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/environment/campaigns/{campaign.pk}/")
    page.click("text=上传证明材料")
    page.fill("[name=response]", "已更换格栅并复测达标")
    page.set_input_files("[name=evidence]", files=[{"name": "复测报告.pdf", "mimeType": "application/pdf",
                                                   "buffer": b"%PDF-1.4 test"}])  # fmt: skip
    page.screenshot(path=str(SHOTS / f"environment-result-form-{width}.png"), full_page=True)
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=campaign-results] .bi-paperclip")
    result = CampaignResult.objects.get(target__campaign=campaign)
    assert result.response == "已更换格栅并复测达标" and result.evidence_name == "复测报告.pdf"
    page.screenshot(path=str(SHOTS / f"environment-campaign-{width}.png"), full_page=True)
    assert page.console_errors == []


#: The department's pages, walked in order (the campaign's pages are added with its id).
PAGES = [
    "/environment/",
    "/environment/findings/",
    "/environment/boilers/",
    "/environment/campaigns/",
    "/environment/campaigns/add/",
    "/environment/certifications/",
    "/environment/waste/",
    "/environment/energy/",
    "/environment/map/",
]
WALK_SHOTS = Path("/tmp/env13-shots")


@pytest.mark.parametrize("width", [1440, 390])
def test_the_department_walks_its_pages_and_sets_a_campaign_rule(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    """Every page of the department renders without a console error and without a page wider than the
    window (the tables scroll inside their own box); the campaign's targets are set by rule on its page."""
    route_samples(world)
    campaign, _target, _round = campaign_with_round(world.park, world.enterprise)
    WALK_SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    sign_in(page, base, "environment_staff")
    paths = [*PAGES, f"/environment/campaigns/{campaign.pk}/", f"/environment/campaigns/{campaign.pk}/rule/"]
    too_wide = []
    for path in paths:
        response = page.goto(f"{base}{path}")
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("networkidle")
        name = path.strip("/").replace("/", "-") or "environment"
        page.screenshot(path=str(WALK_SHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 1:
            too_wide.append((path, overflow))
    assert too_wide == []
    page.check("[name=all]")
    page.fill("[name=on]", "2023-03-01")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=target-rule]")
    assert "园区全部在营企业" in page.locator("[data-testid=target-rule]").inner_text()
    assert world.other_enterprise.name in page.locator("[data-testid=campaign-results]").inner_text()
    page.screenshot(path=str(WALK_SHOTS / f"campaign-by-rule-{width}.png"), full_page=True)
    page.goto(f"{base}/environment/campaigns/")
    page.wait_for_selector("[data-testid=campaign-table]")
    assert page.console_errors == []

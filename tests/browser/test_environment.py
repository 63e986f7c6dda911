"""In Debian's chromium, as the environment department at 1440 px and 390 px: the offline map draws its layers
with no tile server, a layer toggles off and on, clicking an open finding opens its record, and the
department reports progress on it; no console error (the CSP admits only the app's own scripts)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.environment.models import Finding
from scipark.environment.testing import route_samples

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
    assert page.console_errors == []
    assert all(url.startswith(base) for url in requests), [u for u in requests if not u.startswith(base)]

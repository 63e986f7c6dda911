"""In Debian's chromium, as the environment department at 1440 px and 390 px: from the map, the import page
takes a surveyor's zipped Shapefile; a projected layer is refused on the form with what to do and nothing is
written, the same layer in longitude/latitude is imported and its pipes draw on the map."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shapefile

from scipark.core.testing import World
from scipark.environment.models import PipeSegment
from scipark.environment.tests.test_network_shapefile import CGCS2000_GK, lines, pipe, zipped

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
#: Around the map's default centre (the test park has no location of its own).
SURVEY = [(101.7425, 36.6730, 3.1), (101.7433, 36.6731, 3.0), (101.7440, 36.6736, 2.9)]


@pytest.mark.parametrize("width", [1440, 390])
def test_the_department_imports_a_zipped_shapefile_from_the_map(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    layer = lines(
        pipe("WS-SHP-1", SURVEY, WORK="rebuilt", COMPLETED="20231015"), shape_type=shapefile.POLYLINEZ
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url
    sign_in(page, base, "environment_staff")
    page.goto(f"{base}/environment/map/")
    page.click("a[href='/environment/map/import/']")
    page.wait_for_selector("input[type=file][name=file]")
    form = page.locator("form[enctype='multipart/form-data']")
    assert "Shapefile" in form.inner_text()
    page.select_option("select[name=park]", str(world.park.pk))

    page.set_input_files(
        "input[name=file]",
        {"name": "管线_GK.zip", "mimeType": "application/zip", "buffer": zipped(layer, prj=CGCS2000_GK)},
    )
    page.click("[data-testid=save]")
    error = page.locator(".invalid-feedback").first
    error.wait_for()
    assert "投影坐标「CGCS2000_3_Degree_GK_CM_102E」" in error.inner_text()
    assert not PipeSegment.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"environment-shapefile-refused-{width}.png"), full_page=True)

    page.set_input_files(
        "input[name=file]", {"name": "管线.zip", "mimeType": "application/zip", "buffer": zipped(layer)}
    )
    page.click("[data-testid=save]")
    page.wait_for_url(f"{base}/environment/map/")
    assert "已导入管段 1 条" in page.locator("body").inner_text()
    page.wait_for_selector("[data-feature='sewage:WS-SHP-1']", state="attached")
    page.screenshot(path=str(SHOTS / f"environment-shapefile-imported-{width}.png"), full_page=True)
    assert PipeSegment.objects.get(code="WS-SHP-1").work == "rebuilt"
    # the refused form comes back with 400 (ServiceFormView), which chromium logs as a failed load
    assert [e for e in page.console_errors if "status of 400" not in e] == []

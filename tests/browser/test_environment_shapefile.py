"""In Debian's chromium, as the environment department at 1440 px and 390 px: from the map, the import page
takes a surveyor's zipped Shapefile and follows its background run; a projected layer ends the run refused with
what to do and nothing written, the form below; the same layer in longitude/latitude is imported (the page polls
the run while the worker has not yet taken it, then shows the counts) and its pipes draw on the map."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import shapefile

from scipark.core.testing import World
from scipark.environment import tasks
from scipark.environment.models import PipeSegment
from scipark.environment.tests.test_network_shapefile import CGCS2000_GK, lines, pipe, zipped

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
#: Around the map's default centre (the test park has no location of its own).
SURVEY = [(101.7425, 36.6730, 3.1), (101.7433, 36.6731, 3.0), (101.7440, 36.6736, 2.9)]


@pytest.mark.parametrize("width", [1440, 390])
def test_the_department_imports_a_zipped_shapefile_from_the_map(
    page: Any, live_server: Any, world: World, width: int, monkeypatch: Any
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
    page.wait_for_url(lambda url: "?run=" in url)
    refusal = page.locator("[data-testid=network-import-errors]")
    refusal.wait_for()
    assert page.locator("[data-testid=task-run]").get_attribute("data-state") == "failed"
    assert "第 1 条记录" not in refusal.inner_text()  # the layer as a whole is refused, not a record
    assert "投影坐标「CGCS2000_3_Degree_GK_CM_102E」" in refusal.inner_text()
    assert not PipeSegment.objects.exists()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"environment-shapefile-refused-{width}.png"), full_page=True)

    # The worker has not taken the next run yet: the page shows its progress and polls until it ends.
    queued: list[dict[str, Any]] = []
    task = tasks.network_import_run
    monkeypatch.setattr(tasks, "network_import_run", SimpleNamespace(enqueue=lambda **kw: queued.append(kw)))
    page.set_input_files(
        "input[name=file]", {"name": "管线.zip", "mimeType": "application/zip", "buffer": zipped(layer)}
    )
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=task-run][data-state=queued]")
    assert "任务在后台进行" in page.locator("[data-testid=task-run]").inner_text()
    page.screenshot(path=str(SHOTS / f"environment-shapefile-queued-{width}.png"), full_page=True)
    task.call(**queued[0])
    done = page.locator("[data-testid=network-import-done]")
    done.wait_for()  # the poll swapped the outcome in
    assert "已导入管段 1 条" in done.inner_text() and "点位 0 个" in done.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SHOTS / f"environment-shapefile-imported-{width}.png"), full_page=True)
    page.click("[data-testid=network-import-map]")
    page.wait_for_url(f"{base}/environment/map/")
    page.wait_for_selector("[data-feature='sewage:WS-SHP-1']", state="attached")
    page.screenshot(path=str(SHOTS / f"environment-shapefile-map-{width}.png"), full_page=True)
    assert PipeSegment.objects.get(code="WS-SHP-1").work == "rebuilt"
    assert page.console_errors == []

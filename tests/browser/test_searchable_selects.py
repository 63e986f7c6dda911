"""In Debian's chromium: the long pickers are searchable (issue 10 item 9). 企业服务 staff type two Chinese
characters into the enterprise picker of the visit form and pick the one firm they name, at desktop width
and on a 390 px phone; the plain select underneath is the form's field; no console errors."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World, make_enterprise

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1440, 390])
def test_typing_two_characters_finds_and_picks_the_enterprise(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    for n in range(40):  # a park's worth of names around the one we look for
        make_enterprise(world.park, 100 + n, f"青海测试{n:02d}号科技有限公司")
    page.set_viewport_size({"width": width, "height": 860})
    sign_in(page, live_server.url, "service_staff")
    page.goto(f"{live_server.url}/appeals/visits/add/")
    page.wait_for_load_state("load")

    picker = page.locator("select[name=enterprise]")
    assert picker.evaluate("el => el.classList.contains('tomselected')"), (
        "the enterprise picker is not enhanced"
    )
    control = page.locator(
        ".ts-wrapper:has(+ select[name=enterprise]), select[name=enterprise] + .ts-wrapper"
    )
    control.first.click()
    page.keyboard.type("胶囊")
    options = page.locator(".ts-dropdown .option:visible")
    typed = page.locator(".ts-wrapper .ts-control input").first
    assert typed.input_value() == "胶囊"
    page.wait_for_function("() => document.querySelectorAll('.ts-dropdown .option').length === 1")
    assert options.count() == 1
    assert options.first.inner_text().strip() == world.other_enterprise.name
    options.first.click()
    assert picker.input_value() == str(world.other_enterprise.pk)

    box = control.first.bounding_box()
    assert box is not None and box["width"] >= 160
    scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll <= width, f"the page scrolls sideways at {width}px ({scroll}px)"
    assert page.console_errors == []


def test_without_scripts_the_plain_select_still_works(world: World, client_for: Any) -> None:
    body = client_for("service_staff").get("/appeals/visits/add/").content.decode()
    assert '<select name="enterprise"' in body and f'value="{world.other_enterprise.pk}"' in body

"""On a phone (390 px) a list's filters fold behind one "筛选" button, so the first rows are on the first screen.

The walk of the demo at 390 px found every list's filter form filling the first screen before any row, with
31 px controls (too small to tap, and under 16 px text iOS zooms the page on focus). Now: the panel starts
folded, opens on a tap, its controls (Tom Select's too) are 44 px high with 16 px text, its selects wait for
查询 rather than reloading (and folding) on every choice, and the button counts the filters applied. At
1440 px the form shows as before, with no button, and a select still filters at once. The role grant on a
user's page has the filter bar's look (its own class, .sp-inline-form) but writes: choosing a role sends nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World, load_industry_catalogue

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path("/tmp/filters_shots")

#: Height and font size of every control the panel shows: inputs, plain selects, Tom Select's box (the
#: .ts-wrapper, bordered; the text is in its .ts-control and the search input inside), buttons.
CONTROLS = """(root) => [...root.querySelectorAll(
    'input:not([type=hidden]):not(.ts-control input), select:not(.tomselected), .ts-wrapper, .btn'
  )].filter((e) => e.offsetParent).map((e) => ({
    what: e.name || e.className, height: e.getBoundingClientRect().height,
    font: parseFloat(getComputedStyle(e).fontSize)}))"""


def _too_small(page: Any, root: str, *, least: float = 44) -> list[dict[str, Any]]:
    """The controls under ``root`` lower than ``least`` px (half a pixel spared for rounding) or with text
    under 16 px."""
    controls = page.evaluate(CONTROLS, page.locator(root).element_handle())
    assert controls, f"no controls under {root}"
    return [c for c in controls if c["height"] < least - 0.5 or c["font"] < 16]


def _first_row_bottom(page: Any) -> float:
    box = page.locator("main table tbody tr").first.bounding_box()
    assert box is not None
    return float(box["y"] + box["height"])


def _panel_open(page: Any) -> None:
    page.click("[data-testid=filters-toggle]")
    page.wait_for_selector("#sp-filter-fields.show:not(.collapsing)")


def test_on_a_phone_the_filters_fold_away_and_open_with_touch_sized_controls(
    page: Any, live_server: Any, world: World
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The industry picker is a Tom Select for its ~100 divisions; a transactional test before this one in the
    # same worker may have flushed the catalogue (the full suite found a plain select of none).
    load_industry_catalogue()
    base = live_server.url
    page.set_viewport_size(PHONE)
    sign_in(page, base, "economy_staff")
    page.goto(f"{base}/enterprises/")
    page.wait_for_load_state("load")
    # htmx runs its load handlers (Tom Select's among them) in a task after DOMContentLoaded: wait for it.
    page.wait_for_selector("select[name=industry_division].tomselected", state="attached")

    toggle = page.locator("[data-testid=filters-toggle]")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "sp-filter-fields"
    assert not page.locator("#sp-filter-fields").is_visible()
    assert page.locator("[data-testid=filters-active]").count() == 0
    assert _first_row_bottom(page) <= PHONE["height"], "the first row is below the first screen"
    page.screenshot(path=str(SHOTS / "list-390-folded.png"))

    _panel_open(page)
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#sp-filter-fields label").count() == 9
    assert _too_small(page, "#sp-filter-fields") == []  # nine filters, 查询 and 清除
    fonts = page.eval_on_selector_all(
        "#sp-filter-fields .ts-control, #sp-filter-fields .ts-control input",
        "els => els.map((e) => parseFloat(getComputedStyle(e).fontSize))",
    )
    assert fonts and min(fonts) >= 16, fonts  # Tom Select's own -sm text size is overridden too
    toggle_box = toggle.bounding_box()
    assert toggle_box is not None and toggle_box["height"] >= 44
    page.screenshot(path=str(SHOTS / "list-390-open.png"))

    # Tom Select's picker works in the panel that was folded when it was built; choosing waits for 查询.
    picker = page.locator("select[name=industry_division]")
    assert picker.evaluate("el => el.classList.contains('tomselected')")
    page.locator("#sp-filter-fields .ts-wrapper:has(.ts-control)").first.click()
    page.keyboard.type("医药")
    option = page.locator(".ts-dropdown .option:visible", has_text="医药制造业").first
    option_box = option.bounding_box()
    assert option_box is not None and option_box["height"] >= 44 - 0.5
    page.screenshot(path=str(SHOTS / "list-390-picker.png"))
    option.click()
    assert picker.input_value() == "27"
    page.wait_for_timeout(300)
    assert page.url == f"{base}/enterprises/", "a choice reloaded the page (and folded the panel)"

    page.fill("input[name=q]", "测试药业")
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=filter-submit]")
    assert "industry_division=27" in page.url
    rows = page.locator("main table tbody tr")
    assert rows.count() == 1 and world.enterprise.name in rows.first.inner_text()
    badge = page.locator("[data-testid=filters-active]")
    assert badge.is_visible() and badge.text_content().strip().startswith("2")
    assert toggle.get_attribute("aria-expanded") == "false"  # folded again over the result
    assert _first_row_bottom(page) <= PHONE["height"]
    page.screenshot(path=str(SHOTS / "list-390-filtered.png"))

    # A filter the form refuses opens the panel, with its error.
    page.goto(f"{base}/economy/returns/?period=2023-13")
    assert page.locator("#sp-filter-fields").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#sp-filter-fields .invalid-feedback").is_visible()
    page.screenshot(path=str(SHOTS / "list-390-error.png"))

    # The economy dashboard's selector folds the same way.
    page.goto(f"{base}/economy/?park={world.park.pk}")
    assert toggle.is_visible() and not page.locator("#sp-filter-fields").is_visible()
    _panel_open(page)
    assert _too_small(page, "#sp-filter-fields") == []
    page.screenshot(path=str(SHOTS / "dashboard-390-open.png"))

    scroll = page.evaluate("() => document.scrollingElement.scrollWidth")
    assert scroll <= PHONE["width"], f"the page scrolls sideways ({scroll}px)"
    assert page.console_errors == []


def test_on_a_desktop_the_filters_show_as_before_and_a_select_filters_at_once(
    page: Any, live_server: Any, world: World
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    load_industry_catalogue()  # the industry picker is a Tom Select only with its ~100 divisions
    base = live_server.url
    page.set_viewport_size(DESKTOP)
    sign_in(page, base, "economy_staff")
    page.goto(f"{base}/enterprises/?q=测试")
    page.wait_for_load_state("load")
    page.wait_for_selector("select[name=industry_division].tomselected", state="attached")
    assert not page.locator("[data-testid=filters-toggle]").is_visible()
    assert page.locator("#sp-filter-fields").is_visible()
    assert page.locator("[data-testid=filter-submit]").is_visible()
    assert page.locator("input[name=q]").input_value() == "测试"
    heights = [c["height"] for c in page.evaluate(CONTROLS, page.locator("form.sp-filters").element_handle())]
    assert heights and max(heights) < 44, heights  # the dense desktop bar is unchanged
    # Tom Select's industry picker lines up with the search box and the plain selects of its row: it stood
    # 35 px tall beside their 31 px (the vendor's full-size padding in a -sm box), 4 px higher, label too.
    picker = page.locator("form.sp-filters .ts-wrapper").first.bounding_box()
    assert picker is not None
    for neighbour in ("input[name=q]", "select[name=industry_section]", "select[name=status]"):
        box = page.locator(f"form.sp-filters {neighbour}").bounding_box()
        assert box is not None
        assert abs(picker["y"] - box["y"]) <= 1, (neighbour, picker, box)
        assert abs(picker["height"] - box["height"]) <= 1, (neighbour, picker, box)
    page.screenshot(path=str(SHOTS / "list-1440.png"))

    with page.expect_navigation(wait_until="load"):
        page.select_option("select[name=status]", "operating")
    assert "status=operating" in page.url
    assert page.console_errors == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1440"])
def test_choosing_a_role_to_grant_does_not_send_the_grant(
    page: Any, live_server: Any, world: World, viewport: dict[str, int]
) -> None:
    """The grant form on a user's page is a POST: it used to be sent the moment its role select changed, half
    filled; now only its button sends it. It is no filter (no form.sp-filters): its own class,
    .sp-inline-form, gives it the filter bar's box and, on a phone, the same 44 px / 16 px controls."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    page.set_viewport_size(viewport)
    sign_in(page, base, "security_admin")
    posts: list[str] = []

    def note_post(request: Any) -> None:
        if request.method == "POST":
            posts.append(request.url)

    page.on("request", note_post)
    page.goto(f"{base}/accounts/users/{world.user('economy_staff').pk}/")
    grant = "form.sp-inline-form[data-testid=grant-form]"
    assert page.locator(grant).count() == 1 and page.locator("form.sp-filters").count() == 0
    box = page.eval_on_selector(
        grant, "(e) => { const s = getComputedStyle(e); return [s.backgroundColor, s.borderTopStyle]; }"
    )
    assert box == ["rgb(248, 249, 251)", "solid"], box  # the filter bar's box
    if viewport == PHONE:
        assert _too_small(page, grant) == []
    else:
        heights = [c["height"] for c in page.evaluate(CONTROLS, page.locator(grant).element_handle())]
        assert heights and max(heights) < 44, heights  # dense on a desktop, as the filter bar
    page.select_option(f"{grant} select[name=role]", index=1)
    page.wait_for_timeout(500)
    assert posts == []
    assert page.locator("[data-testid=filters-toggle]").count() == 0  # it writes: nothing to fold
    page.locator(grant).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"grant-{viewport['width']}.png"))
    assert page.console_errors == []

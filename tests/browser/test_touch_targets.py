"""On a phone (390 × 844) every control of the top bar and the page is a 44 × 44 px touch target; at 1440 px the
desktop keeps its dense sizes.

The walk of 2026-12-04 at 390 px found most controls under 44 px: the menu button (26 × 38), the bell and the
account link (13 × 20), the language and 退出 buttons (28 high), a list's 新建/导入/导出 buttons (31), its
sortable headers (18), its page links (36 × 38) and the workbench's to-dos (23). One rule of the site's
stylesheet (scipark.css, below ``sm``) now sizes them all; this walks a list with pages and sortable headers,
a dashboard, the workbench and the appeals as staff (the list in English too), and the workbench, the portal and the appeals as an
enterprise user, and names every control that is too small (its height, or for a control that shows only an
icon its width too). A checkbox or radio is tapped through its label, so its ``.form-check`` row is measured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World, make_enterprise

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}
SHOTS = Path("/tmp/touch_targets_shots")
LEAST = 44 - 0.5  # half a pixel spared for rounding

#: Every visible control of the top bar and the main column: what it is, its box, and whether it shows only
#: an icon (no text), whose width must then be 44 px too. Tom Select's search box is measured by its picker's box.
CONTROLS = """() => {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], summary';
  const found = [];
  for (const root of document.querySelectorAll('nav.sp-topbar, main')) {
    for (const el of root.querySelectorAll(sel)) {
      const style = getComputedStyle(el);
      if (!el.getClientRects().length || style.visibility === 'hidden') continue;
      let target = el;
      if ((el.type === 'checkbox' || el.type === 'radio') && el.closest('.form-check')) target = el.closest('.form-check');
      if (el.closest('.ts-wrapper')) target = el.closest('.ts-wrapper');
      const box = target.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const text = (el.innerText || el.value || '').trim();
      found.push({
        what: `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}`,
        text: text.slice(0, 24) || el.getAttribute('aria-label') || el.name || '',
        height: Math.round(box.height * 10) / 10, width: Math.round(box.width * 10) / 10,
        iconOnly: !text,
      });
    }
  }
  return found;
}"""

STAFF_PAGES = ["/", "/enterprises/", "/enterprises/?page=2&sort=-name", "/economy/", "/appeals/"]
ENTERPRISE_PAGES = ["/", "/economy/portal/", "/appeals/"]


def _too_small(controls: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in controls if c["height"] < LEAST or (c["iconOnly"] and c["width"] < LEAST)]


def _walk(page: Any, base: str, persona: str, paths: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The too-small controls of each page at 390 px (screenshots at 390 and 1440 px beside)."""
    sign_in(page, base, persona)
    offenders: dict[str, list[dict[str, Any]]] = {}
    for path in paths:
        shot = f"{persona}{path}".replace("/", "_").replace("?", "_").replace("&", "_").replace("=", "")
        page.set_viewport_size(DESKTOP)
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.screenshot(path=str(SHOTS / f"1440-{shot}.png"), full_page=True)
        page.set_viewport_size(PHONE)
        page.goto(base + path)
        page.wait_for_load_state("load")
        page.screenshot(path=str(SHOTS / f"390-{shot}.png"))
        controls = page.evaluate(CONTROLS)
        assert len(controls) > 5, f"{path}: the walk found no controls"
        if small := _too_small(controls):
            offenders[path] = small
    return offenders


def _report(offenders: dict[str, list[dict[str, Any]]]) -> str:
    lines = ["controls under 44 × 44 px on a 390 px phone:"]
    for path, small in offenders.items():
        lines += [f"  {path}: {c['what']} “{c['text']}” {c['width']} × {c['height']}" for c in small]
    return "\n".join(lines)


def test_on_a_phone_every_control_is_a_44_px_touch_target(page: Any, live_server: Any, world: World) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Two pages of enterprises (a list shows 50), so the list has page links as well as sortable headers.
    for number in range(100, 150):
        make_enterprise(world.park, number, f"青海触控测试{number}有限公司")
    base = live_server.url

    offenders = _walk(page, base, "economy_staff", STAFF_PAGES)
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/enterprises/")
    assert page.locator("main .pagination .page-link").count() >= 2
    assert page.locator("main table thead th a").count() >= 3  # sortable headers
    # The top bar stays on one line and the page does not scroll sideways.
    bar = page.locator("nav.sp-topbar").bounding_box()
    assert bar is not None and bar["height"] < 70, bar
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # In English the words are longer (简体中文, Log out): the controls keep their size, the bar its line.
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=lang-en]")
    page.goto(f"{base}/enterprises/")
    page.screenshot(path=str(SHOTS / "390-economy_staff_enterprises_en.png"))
    if small := _too_small(page.evaluate(CONTROLS)):
        offenders["/enterprises/ (English)"] = small
    assert page.evaluate("() => document.querySelector('nav.sp-topbar .container-fluid').scrollWidth") <= 390

    # At 1440 px the desktop keeps its dense sizes: the list's buttons and page links are as before.
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/enterprises/")
    add = page.locator("main .sp-page-head .btn").first.bounding_box()
    link = page.locator("main .pagination .page-link").first.bounding_box()
    assert add is not None and add["height"] < 35 and link is not None and link["height"] < 40

    page.context.clear_cookies()
    offenders |= {
        f"(enterprise) {p}": c for p, c in _walk(page, base, "enterprise_user", ENTERPRISE_PAGES).items()
    }
    assert offenders == {}, _report(offenders)
    assert page.console_errors == []

"""WCAG 2.1 A and AA, checked by axe-core (npm, the engine of Lighthouse and Deque's tools) in Debian's
chromium, on the pages each persona works in, at 1440 and 390 px, in Chinese and English.

A crawl of the demo with axe (2026-12-04, 246 pages as the economy staff, an enterprise and the park leader)
found three faults on most pages: the blue of links and link buttons (#0d6efd) at 4.2:1 on the light grey of
card heads and filter bars and an outline-warning button at 1.6:1 (AA asks 4.5:1); the top bar's bell named
“消息” while it showed the unread count, so a speech-input user saying the number shown reached nothing; and
every searchable select (Tom Select) left its original <select> without a name once its label pointed at the
search box. The public guide GB/T 37668-2019 (信息无障碍 Web 信息无障碍技术要求) follows WCAG 2.0's success
criteria, which these rules cover.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from scipark.core.messages import Message
from scipark.core.testing import PASSWORD, World
from scipark.economy.testing import route_samples as economy_samples
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: persona -> the pages of their work (the enterprise's own pages and the staff's lists, forms, dashboards)
PAGES = {
    "economy_staff": ("/", "/enterprises/", "/enterprises/add/", "/economy/", "/economy/returns/", "/parks/"),
    "enterprise_user": ("/", "/enterprises/", "/economy/portal/", "/appeals/"),
}


@pytest.fixture
def axe_page(chromium_path: str) -> Iterator[Any]:
    """A page that may run axe's script: the site's Content-Security-Policy admits only its own scripts."""
    from playwright.sync_api import sync_playwright

    assert AXE.exists(), f"{AXE} is missing: `make setup` installs it from package.json's devDependencies"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=["--no-sandbox"]
        )
        context = browser.new_context(bypass_csp=True, locale="zh-CN")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        browser.close()


def violations(page: Any) -> list[str]:
    """axe's WCAG 2.1 A/AA violations on the page as it stands: rule, impact and the first offending element."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("rules => axe.run(document, {runOnly: {type: 'tag', values: rules}})", RULES)
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['html'][:160]}" for v in found["violations"]]


def sign_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login" not in url)


@pytest.mark.parametrize("width", [1440, 390])
def test_the_personas_pages_meet_wcag_aa(axe_page: Any, live_server: Any, world: World, width: int) -> None:
    economy_samples(world)
    for persona in PAGES:  # the bell shows a count: its name must say it
        notify(recipients=[world.user(persona)], kind=EventKind.APPEAL_SUBMITTED, title=Message("新诉求"))
    base = live_server.url
    axe_page.set_viewport_size({"width": width, "height": 900})
    found: dict[str, list[str]] = {}
    for persona, paths in PAGES.items():
        axe_page.context.clear_cookies()
        sign_in(axe_page, base, persona)
        for language in ("zh-hans", "en"):
            axe_page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
            for path in paths:
                axe_page.goto(base + path)
                axe_page.wait_for_load_state("networkidle")
                if faults := violations(axe_page):
                    found[f"{persona} {language} {path}"] = faults
    assert found == {}


def test_a_searchable_select_keeps_its_label_as_its_name(
    axe_page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    sign_in(axe_page, base, "economy_staff")
    axe_page.goto(base + "/enterprises/add/")
    axe_page.wait_for_selector("select[name=industry].tomselected", state="attached")
    assert (
        axe_page.get_attribute("select[name=industry]", "aria-label")
        == axe_page.inner_text("label[for='id_industry-ts-control']").strip()
    )


def test_the_bell_says_how_many_messages_are_unread(axe_page: Any, live_server: Any, world: World) -> None:
    user = world.user("economy_staff")
    base = live_server.url
    sign_in(axe_page, base, "economy_staff")
    assert axe_page.get_attribute("[data-testid=notification-bell]", "aria-label") == "消息"
    for _ in range(3):
        notify(recipients=[user], kind=EventKind.APPEAL_SUBMITTED, title=Message("新诉求"))
    axe_page.goto(base + "/")
    assert axe_page.get_attribute("[data-testid=notification-bell]", "aria-label") == "消息,3条未读"
    axe_page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    axe_page.goto(base + "/")
    assert axe_page.get_attribute("[data-testid=notification-bell]", "aria-label") == "Messages, 3 unread"

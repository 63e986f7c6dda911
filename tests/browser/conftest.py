"""Playwright in Debian's chromium (never a downloaded browser): the page fixture and sign-in."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from scipark.core.testing import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import ConsoleMessage, Error, Page

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def page(chromium_path: str) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        context = browser.new_context(accept_downloads=True, locale="zh-CN")
        page = context.new_page()
        console_errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                console_errors.append(message.text)

        def on_page_error(error: Error) -> None:
            console_errors.append(str(error))

        # The tests read the errors off the page they are given; Page has no such attribute of its own.
        page.console_errors = console_errors  # type: ignore[attr-defined]
        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def sign_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    # The home page: the workbench, or the page the persona's roles land on (a leader's cockpit).
    page.wait_for_url(lambda url: url.startswith(base_url) and "/accounts/login" not in url)
    page.wait_for_load_state("load")


def open_menu(page: Any, label: str) -> None:
    """Click the side menu's entry ``label`` (not a group heading or a to-do of the same words); on a phone
    the menu opens first."""
    link = page.locator("#sp-sidebar a.nav-link", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
    if not link.is_visible():
        page.click("[data-bs-target='#sp-sidebar']")
    # wait for the new page to load, not only for the navigation to start: a count() straight after a
    # bare click can read the half-parsed page on a loaded machine (CI saw 0 alert rows on /reports/alerts/)
    with page.expect_navigation(wait_until="load"):
        link.click()


#: The words that a line break cuts in two (a word whose text spans more than one line box) in the text
#: directly inside the elements ``selector`` matches.
_CUT_WORDS = """selector => {
  const cut = [];
  for (const element of document.querySelectorAll(selector)) {
    for (const text of element.childNodes) {
      if (text.nodeType !== Node.TEXT_NODE) continue;
      const re = /\\S+/g;
      let m;
      while ((m = re.exec(text.data)) !== null) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(m[0]);
      }
    }
  }
  return cut;
}"""


def cut_words(page: Any, selector: str) -> list[str]:
    """Words of the page's ``selector`` elements broken across lines (“establishm/ent”)."""
    return list(page.evaluate(_CUT_WORDS, selector))

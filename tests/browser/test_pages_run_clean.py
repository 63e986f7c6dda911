"""In Debian's chromium: the main pages run without a console error — in particular no
Content-Security-Policy violation (the CSP admits only the app's own scripts and styles)."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_main_pages_and_an_htmx_form_raise_no_console_error(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    sign_in(page, base, "economy_staff")
    for path in ("/", "/enterprises/", "/enterprises/tags/", "/parks/", "/enterprises/import/", "/api/docs/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    page.goto(f"{base}/enterprises/{world.enterprise.pk}/")
    page.click("[hx-get*='statuses/add']")  # the status form arrives through htmx
    page.wait_for_selector("select[name=kind]")
    assert page.console_errors == []

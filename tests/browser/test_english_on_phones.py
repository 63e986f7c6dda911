"""The English pages on a phone, in Debian's chromium: English labels are longer than Chinese ones, and a
crawl of the demo at 390 px in English found 联盟's row of list buttons (455 px) and a monthly return's
energy table (465 px) wider than the screen, though both fit in Chinese. The head's buttons wrap and the
energy rows are cards; neither page scrolls sideways in either language."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.alliance.testing import route_samples as alliance_samples
from scipark.core.testing import World
from scipark.economy.testing import route_samples as economy_samples

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_alliance_and_a_return_fit_a_phone_in_english_and_chinese(
    page: Any, live_server: Any, world: World
) -> None:
    alliance_samples(world)
    returned = economy_samples(world)["economy.monthlyreturn"]["own"]
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, base, "economy_staff")
    for language in ("en", "zh-hans"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
        for url in ("/alliance/", f"/economy/returns/{returned.pk}/"):
            page.goto(base + url)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, (language, url)
        assert page.locator("[data-testid=energy-values] thead").is_hidden()  # the energy rows are cards

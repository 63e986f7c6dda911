"""In Debian's chromium at 1440 px and 390 px: the innovation department adds an incubator from the
incubators' menu, corrects it, records an incubatee (the registry's 在孵 flag follows) and goes back from
a library's import page to its list; the enterprise records an award, a standard it led and an R&D centre
from its portal. No console error, nothing wider than a phone's window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.enterprises.models import EnterpriseStatus
from scipark.innovation.models import Award, Incubation, Incubator, LedStandard, RdInstitution

from .conftest import open_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/innovation-shots")
INCUBATOR = {"name": "生物园众创空间", "opened_on": "2020-01-01", "area_m2": "3000", "incubatee_area_m2": "3500",
             "seed_fund": "150", "staff": "8", "professional_staff": "4"}  # fmt: skip


def shot(page: Any, name: str, width: int) -> None:
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def no_overflow(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, overflow


@pytest.mark.parametrize("width", [1440, 390])
def test_staff_keep_incubators_and_an_enterprise_its_awards_and_standards(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    base = live_server.url

    sign_in(page, base, "innovation_staff")
    if width > 500:
        open_menu(page, "孵化载体")
    else:  # the phone's menu leaves this entry outside the viewport in Playwright's eyes: the list's URL
        page.goto(f"{base}/innovation/incubators/")
    page.click("a.btn-primary:has-text('新建')")
    page.wait_for_selector("[data-testid=save]")
    page.select_option("[name=kind]", "comprehensive")
    for name, value in INCUBATOR.items():
        page.fill(f"[name={name}]", value)
    page.click("[data-testid=save]")
    page.wait_for_selector(".invalid-feedback, .errorlist")
    assert "在孵企业使用面积不能大于孵化场地面积" in page.content()
    shot(page, "innovation-incubator-refused", width)
    assert all("400" in e for e in page.console_errors), page.console_errors
    page.console_errors.clear()
    page.fill("[name=incubatee_area_m2]", "2400")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=criteria]")
    incubator = Incubator.objects.get()
    assert incubator.park_id == world.park.pk

    page.click("[data-testid=incubator-edit]")
    page.fill("[name=name]", "生物园孵化器")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=criteria]")
    assert page.locator("h1").inner_text().startswith("生物园孵化器")

    page.click("[data-testid=stay-add]")
    page.select_option("[name=enterprise]", str(world.enterprise.pk))
    page.fill("[name=entered_on]", "2022-04-01")
    page.click("[data-testid=save]")
    page.wait_for_selector(f"[data-testid=incubatees] >> text={world.enterprise.name}")
    assert Incubation.objects.get().enterprise_id == world.enterprise.pk
    flag = EnterpriseStatus.objects.get(enterprise=world.enterprise, kind=EnterpriseStatus.Kind.INCUBATION)
    assert flag.valid_to is None and "生物园孵化器" in flag.note
    shot(page, "innovation-incubator", width)
    no_overflow(page)

    page.goto(f"{base}/innovation/libraries/policies/import/")
    shot(page, "innovation-import", width)
    with page.expect_navigation(wait_until="load"):
        page.click("[data-testid=import-back]")
    assert page.url.endswith("/innovation/libraries/policies/")
    assert page.console_errors == []

    page.context.clear_cookies()
    sign_in(page, base, "enterprise_user")
    page.goto(f"{base}/innovation/portal/")
    page.click("[data-testid=award-add]")
    page.fill("[name=name]", "青海省科学技术进步奖")
    page.select_option("[name=level]", "provincial")
    page.fill("[name=rank]", "2")
    page.fill("[name=granted_on]", "2023-11-20")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=awards] >> text=青海省科学技术进步奖")
    assert Award.objects.get().enterprise_id == world.enterprise.pk

    page.goto(f"{base}/innovation/portal/")
    page.click("[data-testid=standard-add]")
    page.fill("[name=code]", "T/QHYX 099-2023")
    page.fill("[name=title]", "牦牛骨胶原蛋白肽")
    page.select_option("[name=level]", "group")
    page.fill("[name=published_on]", "2023-09-01")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=standards] >> text=T/QHYX 099-2023")
    assert LedStandard.objects.get().enterprise_id == world.enterprise.pk

    page.goto(f"{base}/innovation/portal/")
    page.click("[data-testid=platform-add]")
    page.fill("[name=name]", "青稞功能食品研发中心")
    page.select_option("[name=kind]", "rd_centre")
    page.select_option("[name=level]", "municipal")
    page.fill("[name=approved_on]", "2023-04-01")
    page.click("[data-testid=save]")
    page.wait_for_selector("[data-testid=record-fields]")
    assert RdInstitution.objects.get().enterprise_id == world.enterprise.pk
    page.goto(f"{base}/innovation/portal/")
    page.locator("[data-testid=standards]").wait_for()
    shot(page, "innovation-portal-entries", width)
    no_overflow(page)
    assert page.console_errors == []

"""In Debian's chromium: a staff member signs in, finds an enterprise by part of its Chinese name,
opens it, and exports the list (issue 2's browser test)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World

from .conftest import open_menu, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_finds_an_enterprise_by_part_of_its_name_opens_it_and_exports_the_list(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    sign_in(page, base, "economy_staff")
    open_menu(page, "企业名录")
    page.fill("input[name=q]", "测试药业")
    page.click("[data-testid=filter-submit]")
    rows = page.locator("table tbody tr")
    assert rows.count() == 1
    assert "青海测试药业有限公司" in rows.first.inner_text()
    assert "另一家胶囊" not in page.content()
    assert "南川外园企业" not in page.content()

    with page.expect_download() as download_info:
        page.click("[data-testid=export-xlsx]")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(Path(download.path()).read_bytes()), read_only=True)
    values = list(book.active.iter_rows(values_only=True))
    assert len(values) == 2  # the header and the one enterprise the search found
    assert "青海测试药业有限公司" in values[1]

    page.click("text=青海测试药业有限公司")
    page.wait_for_url(f"{base}/enterprises/{world.enterprise.pk}/profile/")  # the name opens 企业画像
    assert world.enterprise.credit_code in page.content()


def test_an_enterprise_user_cannot_open_another_enterprise(page: Any, live_server: Any, world: World) -> None:
    base = live_server.url
    sign_in(page, base, "enterprise_user")
    response = page.goto(f"{base}/enterprises/{world.other_enterprise.pk}/")
    assert response is not None and response.status == 404
    assert "不在您的权限范围内" in page.content()

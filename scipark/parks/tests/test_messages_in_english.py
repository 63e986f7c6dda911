"""The parks list's export names its columns in English for an English reader, in Chinese otherwise."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("english", "headers"),
    [
        (True, ["Park name", "Short name", "Code", "Development zone", "Address"]),
        (False, ["园区名称", "简称", "代码", "开发区", "地址"]),
    ],
)
def test_the_export_headers_follow_the_language(client_for: Any, english: bool, headers: list[str]) -> None:
    client = client_for("economy_staff")
    if english:
        client.cookies["django_language"] = "en"
    response = client.get("/parks/?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0][:5]) == headers

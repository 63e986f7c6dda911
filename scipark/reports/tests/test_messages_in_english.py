"""A summary text refused on save says why in English on an English page, and in Chinese otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


def _save(client_for: Any, world: World, english: bool, text: str) -> str:
    client = client_for("economy_staff")
    if english:
        client.cookies["django_language"] = "en"
    url = f"/reports/summary/narrative/?park={world.park.code}&year=2023&section=economy"
    response = client.post(url, {"park": world.park.code, "year": "2023", "section": "economy", "text": text})
    assert response.status_code == 400
    return response.content.decode()


@LANGUAGES
def test_a_figure_typed_into_the_text(client_for: Any, world: World, english: bool) -> None:
    page = _save(client_for, world, english, "为企业解决问题54个。")
    expected = (
        "The text has figures typed into it (54个): figures must be referred to by placeholders (such as {E1})"
        if english
        else "文字中直接写入了数据(54个):数据必须用占位符(如 {E1})引用"
    )
    assert expected in page


@LANGUAGES
def test_an_unknown_placeholder(client_for: Any, world: World, english: bool) -> None:
    page = _save(client_for, world, english, "全年完成{Z99}。")
    expected = "Unknown data items: Z99." if english else "未知的数据项:Z99。"
    assert expected in page

"""Django's ``{# … #}`` comment ends at its line: one written over several lines is printed into the page. The
appeal statistics showed its developer's note (“{# Figures compared across the columns …”) above each of its
three tables. A note over several lines is ``{% comment %}``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
OPEN_COMMENT = re.compile(r"\{#(?![^\n]*#\})")


def unclosed_comments(text: str) -> list[int]:
    """The lines where a ``{#`` comment opens without closing on the same line."""
    return [text[: m.start()].count("\n") + 1 for m in OPEN_COMMENT.finditer(text)]


def test_no_template_writes_a_comment_over_several_lines() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "scipark").rglob("templates/**/*.html"))
        for line in unclosed_comments(path.read_text(encoding="utf-8"))
    ]
    assert not found, "use {% comment %} for a note over several lines:\n" + "\n".join(found)


def test_the_check_finds_a_comment_over_two_lines() -> None:
    assert unclosed_comments("<p>{# one line #}</p>\n{# two\n lines #}\n") == [2]


def test_the_statistics_page_prints_no_note(client_for: Any) -> None:
    page = client_for("service_staff").get("/appeals/statistics/").content.decode()
    assert "{#" not in page and "#}" not in page


def test_no_template_glues_a_chinese_colon_to_a_translated_label() -> None:
    """“{% translate '逾期未整改' %}:” read “Overdue:ZC2026-04” on the English page, the colon glued to the next
    word: the label's colon is the catalogue's (``label suffix``), ":" in Chinese and ": " in English."""
    found = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "scipark").rglob("templates/**/*.html"))
        for text in [path.read_text(encoding="utf-8")]
        for m in re.finditer("%}:", text)
    ]
    assert not found, 'write {% translate ":" context "label suffix" %}:\n' + "\n".join(found)


def test_the_label_suffix_is_the_readers() -> None:
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        '{% load i18n %}{% translate "审核意见" %}{% translate ":" context "label suffix" %}好'
    )
    with translation.override("zh-hans"):
        assert template.render(Context()) == "审核意见:好"
    with translation.override("en"):
        assert template.render(Context()).endswith(": 好")

"""A kept message's values worded when read (``core.messages``): a list joins as the reader's language joins
one, its items worded too; a row whose message does not fit, or has none, shows its stored text."""

from __future__ import annotations

import pytest
from django.utils import translation

from scipark.core.messages import listing, shown, term, value_text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", "规划建设部、规模以上工业总产值"),
        ("en", "规划建设部, Gross output of above-scale industry"),
    ],
)
def test_a_list_joins_in_the_readers_language_with_each_item_worded(language: str, expected: str) -> None:
    with translation.override(language):
        assert value_text(listing(["规划建设部", term("规模以上工业总产值")])) == expected


def test_a_list_of_one_is_its_item_and_an_empty_list_reads_empty() -> None:
    with translation.override("en"):
        assert value_text(listing(["规划建设部"])) == "规划建设部"
        assert value_text(listing([])) == ""


def test_a_row_shows_its_stored_text_without_a_message_or_when_the_values_do_not_fit() -> None:
    with translation.override("en"):
        assert shown("", {}, "旧的文字", row="alert 1") == "旧的文字"
        assert shown("%(missing)s", {}, "旧的文字", row="alert 1") == "旧的文字"
        assert shown("%(names)s", {"names": {"list": 3}}, "旧的文字", row="alert 1") == "旧的文字"
        assert shown("%(names)s", {"names": listing(["甲", "乙"])}, "旧的文字", row="alert 1") == "甲, 乙"

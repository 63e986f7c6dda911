"""Lists and years worded as the reader's language words them (``core.terms``): the English pages listed
patents as “Invention patent 1、Utility model patent 2” and noted years as 2023年."""

from __future__ import annotations

from django.utils import translation

from scipark.core.terms import joined, year_label


def test_a_list_joins_with_the_readers_separator() -> None:
    with translation.override("zh-hans"):
        assert joined(["发明专利 1", "实用新型专利 2"]) == "发明专利 1、实用新型专利 2"
    with translation.override("en"):
        assert (
            joined(["Invention patent 1", "Utility model patent 2"])
            == "Invention patent 1, Utility model patent 2"
        )
        assert joined([]) == "" and joined(["one"]) == "one"


def test_a_year_reads_as_its_reader_writes_it() -> None:
    with translation.override("zh-hans"):
        assert year_label(2023) == "2023年"
    with translation.override("en"):
        assert year_label(2023) == "2023"

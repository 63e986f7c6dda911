"""The plausibility rule of a monthly return, by hand: a negative value, or a jump over ±50 % against last
month or (failing that) the same month last year, asks for a reason worded for the reader."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from scipark.economy.checks import flagged_fields

D = Decimal


def test_each_kind_of_jump_is_worded_whole() -> None:
    flagged = flagged_fields(
        {"revenue": D(160), "profit": D(40), "sales": D(100), "employees": 70, "value_added": D(-1)},
        {"revenue": D(100), "profit": D(100), "sales": D(90), "employees": 60},  # +60 %, −60 %, +11 %, +17 %
        {"sales": D(50), "employees": 140},  # the year before: +100 %, −50 % (not over)
    )
    assert flagged == {
        "revenue": "营业收入比上月增长60.0%,超过±50%,请说明原因。",
        "profit": "利润总额比上月下降60.0%,超过±50%,请说明原因。",
        "sales": "商品销售额比上年同月增长100.0%,超过±50%,请说明原因。",
        "value_added": "工业增加值为负数,请说明原因。",
    }
    fell = flagged_fields({"revenue": D(30)}, None, {"revenue": D(100)})
    assert fell == {"revenue": "营业收入比上年同月下降70.0%,超过±50%,请说明原因。"}


def test_the_reasons_are_asked_in_english_for_an_english_reader() -> None:
    with translation.override("en"):
        flagged = flagged_fields({"revenue": D(30)}, None, {"revenue": D(100)})
    assert flagged == {
        "revenue": "Operating revenue fell 70.0% against the same month last year, more than ±50%: "
        "please give the reason."
    }

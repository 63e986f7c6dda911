"""How the summary words a figure: numbers as the registry gives them, article phrases, gaps never 0."""

from __future__ import annotations

from typing import Any

from scipark.reports.catalogue import BY_ID, ROW_IDS, ROWS, SECTIONS
from scipark.reports.wording import (
    expand,
    narrative_problems,
    number_text,
    placeholders,
    printed,
    printed_rows,
    render,
)


def figure(value: Any, unit: str = "", **details: Any) -> dict[str, Any]:
    return {
        "id": "X1",
        "title": "t",
        "value": value,
        "unit": unit,
        "details": details,
        "note": "",
        "sources": [],
    }


def test_the_catalogue_holds_the_31_rows_of_figures_md_each_in_a_section() -> None:
    assert len(ROWS) == 31 and len(set(ROW_IDS)) == 31
    assert {r.section for r in ROWS} <= {s.key for s in SECTIONS}
    families = sorted({r[0] for r in ROW_IDS})
    assert families == ["E", "F", "G", "I", "S", "T"]


def test_numbers_are_printed_without_trailing_zeros() -> None:
    assert number_text(10.0) == "10"
    assert number_text(18.2) == "18.2"
    assert number_text(1697.0) == "1697"
    assert number_text(15.03) == "15.03"
    assert number_text(2100000000.0) == "2100000000"
    assert number_text(0) == "0"


def test_growth_is_worded_up_down_or_flat() -> None:
    assert render("同比{value:change}", figure(10.0)) == "同比增长10%"
    assert render("同比{value:change}", figure(-3.25)) == "同比下降3.25%"
    assert render("同比{value:change}", figure(0)) == "同比持平"
    assert render("能耗{value:fall}", figure(-9.9)) == "能耗降低9.9%"
    assert render("能耗{value:fall}", figure(2.0)) == "能耗上升2%"


def test_a_template_whose_field_is_missing_gives_way_to_the_next() -> None:
    e2 = BY_ID["E2"]
    assert (
        printed(e2, figure(18.2, "亿元", growth_percent=14.9)).text
        == "完成固定资产投资18.2亿元,同比增长14.9%"
    )
    assert printed(e2, figure(18.2, "亿元", growth_percent=None)).text == "完成固定资产投资18.2亿元"
    g1 = BY_ID["G1"]
    done = figure(27, "件", outstanding=0, problems={"total": 5}, petitions={"total": 22})
    assert printed(g1, done).text.endswith("5项反馈问题和22件信访举报件已全部完成整改")
    open_ = figure(25, "件", outstanding=2, problems={"total": 5}, petitions={"total": 22})
    assert printed(g1, open_).text.endswith("已完成整改25件")


def test_a_figure_without_value_or_without_module_is_a_gap_never_zero() -> None:
    row = BY_ID["T5"]
    missing = printed(row, figure(None, "件") | {"note": "专利库没有记录。"})
    assert missing.missing and missing.text == "【待补充:授权专利:专利库没有记录】"
    absent = printed(row, None)
    assert absent.missing and absent.text == "【待补充:授权专利尚未计算,待科技创新模块提供】"
    assert "0" not in absent.text + missing.text


def test_every_row_is_printed_and_registered_extras_follow() -> None:
    extra = figure(2, "家") | {"id": "Z9", "title": "测试:园区企业数"}
    rows = printed_rows({"E4": figure(2, "户") | {"id": "E4"}, "Z9": extra})
    assert list(rows)[:31] == list(ROW_IDS) and list(rows)[31:] == ["Z9"]
    assert rows["E4"].text == "2户工业企业纳入规模以上企业"
    assert rows["Z9"].text == "测试:园区企业数2家"
    assert sum(p.missing for p in rows.values()) == 30


def test_placeholders_expand_to_the_printed_rows_and_gaps_are_marked() -> None:
    rows = printed_rows({"S1": figure(54, "个") | {"id": "S1"}})
    segments = expand("{year}年,{park}{S1},｛S2｝。", rows, year=2023, park_name="生物园区")
    assert "".join(s.text for s in segments).startswith("2023年,生物园区为企业解决问题54个,【待补充:")
    assert [s.kind for s in segments if s.row_id] == ["figure", "gap"]
    assert placeholders("{E1}{e1}{year}{S3}") == ["E1", "S3"]


def test_a_narrative_with_a_typed_number_or_an_unknown_row_is_refused() -> None:
    assert narrative_problems("{year}年园区{E1},“三张清单”,1+7+N体系。") == []
    typed = narrative_problems("园区为企业解决问题54个。")
    assert len(typed) == 1 and "54个" in typed[0] and "占位符" in typed[0]
    unknown = narrative_problems("{E9}{X1}")
    assert "E9、X1" in unknown[0]


def test_the_articles_wording_to_start_from_is_itself_valid() -> None:
    for section in SECTIONS:
        assert narrative_problems(section.default_text) == [], section.key
    used = [r for s in SECTIONS for r in placeholders(s.default_text)]
    assert sorted(used) == sorted(ROW_IDS)  # each row has its place in the article's order

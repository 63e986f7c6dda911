"""The import readers refuse hostile files before parsing them, and read good ones (SECURITY.md row 11)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from scipark.core.imports.columns import (
    CellError,
    ChoiceColumn,
    DateColumn,
    DecimalColumn,
    normalize_header,
    split_unit,
)
from scipark.core.imports.problems import ImportProblem, ImportRefused, column_letter
from scipark.core.imports.readers import open_table
from scipark.core.tests import hostile

MB = 1024 * 1024


def open_bytes(tmp_path: Path, data: bytes, name: str = "企业.xlsx", max_rows: int = 1000):
    path = tmp_path / "upload"
    path.write_bytes(data)
    return open_table(path, filename=name, max_bytes=10 * MB, max_rows=max_rows, preferred_sheet="企业")


def refusal(tmp_path: Path, data: bytes, **kwargs) -> str:
    with pytest.raises(ImportRefused) as caught:
        open_bytes(tmp_path, data, **kwargs)
    return str(caught.value)


def test_a_pdf_renamed_to_xlsx_is_refused_by_its_magic_bytes(tmp_path):
    assert "PDF" in refusal(tmp_path, hostile.pdf_renamed())


def test_random_bytes_are_refused(tmp_path):
    message = refusal(tmp_path, b"\x00\x01" + hostile.random_bytes(), name="data.csv")
    assert "CSV" in message or "二进制" in message


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path):
    assert "不是 Excel" in refusal(tmp_path, hostile.zip_not_workbook())


def test_a_zip_bomb_is_refused_before_decompression(tmp_path):
    assert "压缩炸弹" in refusal(tmp_path, hostile.zip_bomb())


def test_a_workbook_with_an_extreme_compression_ratio_is_refused(tmp_path):
    assert "压缩比" in refusal(tmp_path, hostile.ratio_bomb())


def test_billion_laughs_xml_is_refused_before_calamine_sees_it(tmp_path):
    assert "DOCTYPE" in refusal(tmp_path, hostile.billion_laughs())


def test_a_file_over_the_upload_cap_is_refused(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(b"a,b\n" * 1000)
    with pytest.raises(ImportRefused, match="超过上限"):
        open_table(path, filename="big.csv", max_bytes=100, max_rows=10)


def test_200k_rows_are_refused_by_the_row_cap_before_any_row_is_checked(tmp_path):
    message = refusal(tmp_path, hostile.many_rows_csv(200_001), name="many.csv", max_rows=200_000)
    assert "200000 行的上限" in message


def test_an_xlsx_over_the_row_cap_is_refused_from_its_height(tmp_path):
    assert "上限" in refusal(tmp_path, hostile.xlsx(hostile.good_rows(5)), max_rows=3)


def test_a_gb18030_csv_with_chinese_headers_is_read(tmp_path):
    table = open_bytes(tmp_path, hostile.csv_bytes(hostile.good_rows(2), encoding="gb18030"), name="企业.csv")
    assert table.header[:2] == ["统一社会信用代码", "企业名称"]
    rows = list(table.rows)
    assert [n for n, _cells in rows] == [2, 3]
    assert rows[0][1][1] == "导入测试企业100有限公司"


def test_a_utf8_csv_with_bom_loses_its_bom(tmp_path):
    table = open_bytes(tmp_path, hostile.csv_bytes(hostile.good_rows(1)), name="企业.csv")
    assert table.header[0] == "统一社会信用代码"


def test_merged_header_cells_are_reported_with_their_range(tmp_path):
    table = open_bytes(tmp_path, hostile.xlsx(hostile.good_rows(1), merge="A1:B1"))
    assert any("A1:B1" in str(p) and p.row == 1 for p in table.problems)


def test_formula_cells_are_found_in_the_sheet_xml(tmp_path):
    rows = hostile.good_rows(2)
    rows[2][3] = "=1+1"
    table = open_bytes(tmp_path, hostile.xlsx(rows))
    assert (3, 3) in table.formula_cells


def test_problems_name_sheet_row_and_column():
    problem = ImportProblem(message="校验位错误", sheet="企业", row=7, column=2, header="统一社会信用代码")
    assert str(problem) == "工作表“企业”第7行 C列“统一社会信用代码”:校验位错误"
    assert column_letter(27) == "AB"


def test_headers_ignore_blanks_full_width_forms_and_declare_units():
    assert normalize_header(" 注册资本\u3000(万元) ") == "注册资本(万元)"
    assert split_unit(normalize_header("注册资本(亿元)")) == ("注册资本", "亿元")


def test_money_is_converted_from_the_declared_unit_to_yuan_with_decimals():
    column = DecimalColumn("capital", "注册资本", money=True, default_unit="万元")
    assert column.parse("1,234.5", "万元") == Decimal("12345000.00")
    assert column.parse(0.1, "亿元") == Decimal("10000000.00")
    assert column.parse("500", None) == Decimal("5000000.00")
    with pytest.raises(CellError, match="应为数字"):
        column.parse("五百", "万元")


@pytest.mark.parametrize(
    "value", ["2023-05-01", "2023/5/1", "2023年5月1日", "20230501", 45047.0, dt.datetime(2023, 5, 1, 0, 0)]
)
def test_dates_are_read_in_every_common_spelling(value):
    assert DateColumn("d", "成立日期").parse(value) == dt.date(2023, 5, 1)


def test_an_impossible_date_is_an_error():
    with pytest.raises(CellError, match="不是有效的日期"):
        DateColumn("d", "成立日期").parse("2023-02-30")


def test_choices_are_read_by_their_chinese_label():
    parse = ChoiceColumn("s", "经营状态", choices=(("operating", "在营"), ("suspended", "停产"))).parser()
    assert parse("停产", None) == "suspended"
    with pytest.raises(CellError, match="可选:在营、停产"):
        parse("倒闭", None)

"""The core .xlsx writer: a sheet people can compute with (issue 10 item 10), read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from scipark.core.exports import display_width, xlsx_bytes

HEADERS = ["企业名称", "营业收入(万元)", "从业人员", "增速(%)", "成立日期", "年度", "提交时间", "公式"]
ROWS = [
    [
        "西宁众和新材料科技有限公司",
        Decimal("123456.789"),
        1234,
        Decimal("12.5"),
        dt.date(2023, 12, 31),
        2023,
        dt.datetime(2024, 1, 5, 9, 30),
        "=1+1",
    ],
    ["A", Decimal("611.309196"), 7, -3.25, None, 2024, None, "x"],
]


def sheet() -> Worksheet:
    workbook = load_workbook(BytesIO(xlsx_bytes("月报", HEADERS, ROWS)))
    active = workbook.active
    assert isinstance(active, Worksheet)
    return active


def test_numbers_stay_numbers_with_number_formats():
    ws = sheet()
    amount, count, percent, date, year, stamp = (ws.cell(2, c) for c in (2, 3, 4, 5, 6, 7))
    assert amount.value == 123456.789 and amount.number_format == "#,##0.00"
    assert count.value == 1234 and count.number_format == "#,##0"
    # A column whose unit is % holds Excel percentages: 12.5 points are 0.125 shown as 12.50%.
    assert percent.value == 0.125 and percent.number_format == "0.00%"
    assert ws.cell(3, 4).value == -0.0325
    assert date.value == dt.datetime(2023, 12, 31) and date.number_format == "yyyy-mm-dd"
    assert date.is_date
    assert year.value == 2023 and year.number_format == "0"  # a year has no thousands separator
    assert stamp.value == dt.datetime(2024, 1, 5, 9, 30) and stamp.number_format == "yyyy-mm-dd hh:mm"
    assert ws.cell(3, 2).value == 611.309196 and ws.cell(3, 2).number_format == "#,##0.00"
    assert ws.cell(2, 8).value == "'=1+1"  # formulas stay escaped


def test_the_header_row_is_bold_frozen_and_filtered():
    ws = sheet()
    assert all(ws.cell(1, c).font.bold for c in range(1, len(HEADERS) + 1))
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:H3"


def test_column_widths_fit_the_content_with_cjk_counting_double():
    ws = sheet()
    widths = {letter: ws.column_dimensions[letter].width for letter in "ABCDEFGH"}
    name = display_width("西宁众和新材料科技有限公司")
    assert name == 26
    assert widths["A"] >= name and widths["A"] <= name + 4
    assert widths["B"] >= len("123,456.79")
    assert widths["B"] >= display_width("营业收入(万元)")
    assert widths["F"] < widths["A"]
    assert all(6 <= w <= 60 for w in widths.values())


def test_a_very_long_text_is_capped_and_an_empty_sheet_still_writes():
    data = xlsx_bytes("空", ["说明"], [["长" * 200]])
    ws = load_workbook(BytesIO(data)).active
    assert ws is not None and ws.column_dimensions["A"].width == 60
    empty = load_workbook(BytesIO(xlsx_bytes("空", ["名称", "数量"], []))).active
    assert empty is not None and empty.freeze_panes == "A2" and empty.auto_filter.ref == "A1:B1"

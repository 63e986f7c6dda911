"""Excel export shared by every list (DESIGN.md rule 6): Chinese headers, units, escaped formulas.

The sheet is one people can compute with (issue 10 item 10): numbers stay numbers and carry a number
format (amounts ``#,##0.00``, counts ``#,##0``, a column whose header's unit is % as Excel percentages,
dates as dates), the columns are as wide as their content (a CJK character counts double), and the header
row is bold, frozen and carries an autofilter.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from io import BytesIO
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")

AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
PLAIN_INTEGER_FORMAT = "0"
PERCENT_FORMAT = "0.00%"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH = 6
MAX_WIDTH = 60

# A header whose unit is % ("增速(%)", "出资比例（%）"): its numbers are percentage points.
_PERCENT_HEADER = re.compile(r"[(（]\s*%\s*[)）]\s*$|%$")
# An integer column that names a year, a month or a code is written without thousands separators (2023).
_PLAIN_INTEGER_HEADER = re.compile(
    r"(年|年度|年份|月|月份|编号|代码|序号|号|邮编|ID|id)\s*([(（].*[)）])?\s*$"
)


def escape_cell(value: Any) -> Any:
    """Make a value safe for a spreadsheet cell: text that would start a formula gets a leading quote
    (SECURITY.md row 12); datetimes lose their time zone after conversion to Asia/Shanghai."""
    if isinstance(value, str):
        return "'" + value if value.startswith(_FORMULA_TRIGGERS) else value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None)
    if isinstance(value, (int, float, Decimal, dt.date)) or value is None:
        return value
    return escape_cell(str(value))


def display_width(text: str) -> int:
    """How many columns ``text`` takes in a spreadsheet: East Asian wide and full-width characters count 2."""
    longest = 0
    for line in text.splitlines() or [""]:
        width = sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
        longest = max(longest, width)
    return longest


class _Column:
    """What one column's header says about its numbers."""

    def __init__(self, header: str) -> None:
        self.percent = bool(_PERCENT_HEADER.search(header))
        self.plain_integer = bool(_PLAIN_INTEGER_HEADER.search(header))
        self.width = display_width(header) + 3  # room for the autofilter's button

    def format_for(self, value: Any) -> tuple[Any, str | None, str]:
        """The value to write, its number format and the text a reader sees (for the column's width)."""
        if isinstance(value, bool) or value is None or isinstance(value, str):
            return value, None, "" if value is None else str(value)
        if isinstance(value, dt.datetime):
            return value, DATETIME_FORMAT, "0000-00-00 00:00"
        if isinstance(value, dt.date):
            return value, DATE_FORMAT, "0000-00-00"
        if isinstance(value, (int, float, Decimal)):
            if self.percent:
                fraction = value / 100 if isinstance(value, Decimal) else float(value) / 100
                return fraction, PERCENT_FORMAT, f"{float(value):,.2f}%"
            if isinstance(value, int):
                if self.plain_integer:
                    return value, PLAIN_INTEGER_FORMAT, str(value)
                return value, COUNT_FORMAT, f"{value:,}"
            return value, AMOUNT_FORMAT, f"{float(value):,.2f}"
        return value, None, str(value)


def _header_cells(sheet: WriteOnlyWorksheet, headers: Sequence[str]) -> list[WriteOnlyCell]:
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=escape_cell(str(header)))
        cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def xlsx_bytes(sheet_title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Write one sheet (formatted numbers, fitted widths, bold frozen header with an autofilter) and
    return the file's bytes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31] or "Sheet1")
    columns = [_Column(str(h)) for h in headers]
    body: list[list[Any]] = []
    for row in rows:
        cells: list[Any] = []
        for index, raw in enumerate(row):
            while index >= len(columns):
                columns.append(_Column(""))
            column = columns[index]
            value, number_format, shown = column.format_for(escape_cell(raw))
            column.width = max(column.width, display_width(shown) + 2)
            if number_format is None:
                cells.append(value)
            else:
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = number_format
                cells.append(cell)
        body.append(cells)
    # A write-only sheet takes its widths, panes and filter before its first row.
    for index, column in enumerate(columns, start=1):
        width = min(max(column.width, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(index)].width = width
    if headers:
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(body) + 1}"
    sheet.append(_header_cells(sheet, headers))
    for cells in body:
        sheet.append(cells)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ascii_filename(stem: str, default: str = "export") -> str:
    """``stem`` reduced to characters every browser accepts in a plain ``filename=`` (the RFC 6266
    fallback): ASCII letters, digits, ``-``, ``_`` and ``.``; ``default`` when nothing is left."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.")
    return cleaned or default


def content_disposition(download_name: str, fallback_name: str) -> str:
    """``attachment`` with a UTF-8 file name (RFC 5987 ``filename*``) and an ASCII ``filename``."""
    fallback = fallback_name.replace("\\", "").replace('"', "")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(download_name, safe='')}"


def xlsx_response(
    filename_stem: str,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    download_name: str | None = None,
) -> HttpResponse:
    """An attachment response (UTF-8 file name per RFC 6266/5987).

    With ``download_name`` (e.g. ``月度报表-2023-12``, which already says which period it holds) the file
    is ``<download_name>.xlsx``; without it ``<stem>-<date>.xlsx``. The ASCII fallback is always
    ``<stem>-<date>.xlsx`` with the stem reduced to ASCII (``export`` if nothing is left).
    """
    content = xlsx_bytes(sheet_title, headers, rows)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(*export_filenames(filename_stem, download_name))
    return response


def export_filenames(filename_stem: str, download_name: str | None) -> tuple[str, str]:
    """An export's file name and its ASCII fallback (see :func:`xlsx_response`); a background export's kept
    file is named the same."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    filename = f"{download_name}.xlsx" if download_name else f"{filename_stem}-{stamp}.xlsx"
    return filename, f"{ascii_filename(filename_stem)}-{stamp}.xlsx"

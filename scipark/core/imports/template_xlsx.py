"""The downloadable template of an importer: the Chinese headers and an example row on the first
sheet, and a "说明" sheet explaining each column, whether it is required, its unit and allowed values."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..exports import escape_cell
from .importer import Importer

_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")


def template_bytes(importer: type[Importer]) -> bytes:
    """The .xlsx template for ``importer``."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = importer.sheet_name[:31]
    for index, column in enumerate(importer.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.template_header())
        cell.font = Font(bold=True)
        if column.required:
            cell.fill = _REQUIRED_FILL
        sheet.cell(row=2, column=index, value=escape_cell(column.example))
        sheet.column_dimensions[cell.column_letter].width = max(12, len(column.template_header()) * 2 + 2)
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet("说明")
    for line in (
        f"{importer.label}导入模板:第一行为表头,从第二行起每行一条记录;示例行请删除或改为实际数据。",
        "表头可使用下列“也可写作”中的名称;列的顺序不限;黄色表头为必填列。",
        "单元格请填写数值或文字,不要使用公式;不要合并单元格。",
        *importer.notes,
    ):
        notes.append([line])
    notes.append([])
    header_row = notes.max_row + 1
    notes.append(["列名", "是否必填", "也可写作", "填写要求(单位、允许的值)", "说明", "示例"])
    for cell in notes[header_row]:
        cell.font = Font(bold=True)
    for column in importer.columns:
        notes.append(
            [
                column.template_header(),
                "必填" if column.required else "选填",
                "、".join(column.synonyms),
                column.allowed(),
                column.help,
                escape_cell(column.example),
            ]
        )
    for letter, width in zip("ABCDEF", (22, 10, 30, 50, 40, 24), strict=True):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=header_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""The annual summary as a Word document (.docx, python-docx): title, lead, numbered sections with their
charts, and the appendix table of every figure with its unit, basis and source-record count.

Gaps (【待补充:…】) are highlighted yellow so that nobody publishes one by mistake. East Asian text is set
in 宋体 (headings 黑体), the fonts a Chinese office expects; Word substitutes where they are missing. The page
is A4 with the margins of 党政机关公文格式 (GB/T 9704: 3.7 cm top, 2.8 cm left, 2.6 cm right, 3.5 cm bottom)
and the title 二号 (22 pt), so one park name and year fit on one line; python-docx's template is US Letter.
The appendix's columns are sized to what they hold (the basis is the long one) and its header row repeats
on every page.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph

from ..wording import Segment
from .content import AppendixRow, Chart, SummaryContent

BODY_FONT, HEADING_FONT = "宋体", "黑体"
NUMERALS = "一二三四五六七八九十"
APPENDIX_HEADERS = ("编号", "数据项", "数值", "单位", "口径", "来源记录", "说明")
#: The appendix's column widths in cm, in the order of the headers: 15.6 cm, the A4 text width.
APPENDIX_WIDTHS_CM = (1.1, 2.4, 1.7, 1.2, 5.0, 2.8, 1.4)
A4_CM = (21.0, 29.7)
#: GB/T 9704 margins in cm: top, bottom, left, right.
MARGINS_CM = (3.7, 3.5, 2.8, 2.6)
TITLE_PT = 22  # 二号


def _east_asian(style: Any, name: str) -> None:
    """Set the East Asian font of a style (python-docx sets only the Latin one)."""
    element = style.element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _segments(paragraph: Paragraph, segments: Iterable[Segment]) -> None:
    for segment in segments:
        run = paragraph.add_run(segment.text)
        if segment.kind == "gap":
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            run.bold = True


def _body(document: DocxDocument, segments: Iterable[Segment]) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(24)
    _segments(paragraph, segments)


def _chart(document: DocxDocument, chart: Chart) -> None:
    document.add_picture(io.BytesIO(chart.png), width=Cm(15))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption = document.add_paragraph(chart.title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.runs[0].font.size = Pt(9)


def _sized(cells: Iterable[Any]) -> None:
    """Give a row's cells the appendix's widths (Word reads each cell's, LibreOffice the grid's)."""
    for cell, width in zip(cells, APPENDIX_WIDTHS_CM, strict=True):
        cell.width = Cm(width)


def _appendix(document: DocxDocument, rows: list[AppendixRow]) -> None:
    document.add_page_break()
    document.add_heading("附表 年度数据及其口径与来源", level=1)
    note = document.add_paragraph(
        "正文中的每个数据均由平台根据业务记录计算,下表列出其数值、单位、统计口径和参与计算的记录数;"
        "标注“待补充”的数据尚无法由记录得出,未填写任何数字。"
    )
    note.runs[0].font.size = Pt(9)
    table = document.add_table(rows=1, cols=len(APPENDIX_HEADERS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, APPENDIX_WIDTHS_CM, strict=True):
        column.width = Cm(width)
    header = table.rows[0]
    header_properties = header._tr.get_or_add_trPr()
    header_properties.append(header_properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    _sized(header.cells)
    for cell, text in zip(header.cells, APPENDIX_HEADERS, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].runs[0].font.size = Pt(9)
    for row in rows:
        cells = table.add_row().cells
        _sized(cells)
        values = (row.row_id, row.label, row.value, row.unit, row.basis, row.sources, row.note)
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(8)
                if row.missing and value == row.note:
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def _page(document: DocxDocument) -> None:
    """A4 with the official document margins, on every section."""
    for section in document.sections:
        section.page_width, section.page_height = (Cm(side) for side in A4_CM)
        top, bottom, left, right = (Cm(margin) for margin in MARGINS_CM)
        section.top_margin, section.bottom_margin = top, bottom
        section.left_margin, section.right_margin = left, right


def build_docx(content: SummaryContent, *, edition: str) -> bytes:
    """The .docx bytes of the summary; ``edition`` says which generation it is and when."""
    document = Document()
    _page(document)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(12)
    _east_asian(normal, BODY_FONT)
    for level in (0, 1, 2):
        style = document.styles["Title" if level == 0 else f"Heading {level}"]
        style.font.name = HEADING_FONT
        _east_asian(style, HEADING_FONT)
    document.styles["Title"].font.size = Pt(TITLE_PT)
    title = document.add_heading(f"{content.park_name}{content.year}年度工作总结", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    byline = document.add_paragraph(edition)
    byline.alignment = WD_ALIGN_PARAGRAPH.CENTER
    byline.runs[0].font.size = Pt(9)
    for paragraph in content.lead:
        _body(document, paragraph)
    for index, section in enumerate(content.sections):
        numeral = NUMERALS[index] if index < len(NUMERALS) else str(index + 1)
        document.add_heading(f"{numeral}、{section.heading}", level=1)
        for paragraph in section.paragraphs:
            _body(document, paragraph)
        if section.unmentioned:
            extra = document.add_paragraph()
            extra.paragraph_format.first_line_indent = Pt(24)
            extra.add_run("本节其他数据:")
            for i, row in enumerate(section.unmentioned):
                if i:
                    extra.add_run(";")
                _segments(extra, [Segment(row.text, "gap" if row.missing else "figure", row.row_id)])
            extra.add_run("。")
        for chart in section.charts:
            _chart(document, chart)
    _appendix(document, content.appendix)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Reading import files safely: the real type from magic bytes, then .xlsx (python-calamine) or CSV.

Every check that can refuse a hostile file runs before the expensive parse, and each is bounded:
the upload cap limits the bytes, the zip's declared and actual sizes limit decompression (a lying
size fails the CRC check while we stream each member once), a byte scan refuses XML that declares
a DOCTYPE or entities (billion laughs, XXE) before calamine sees it, and the row cap stops reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from python_calamine import CalamineWorkbook

from .problems import ImportProblem, ImportRefused, column_letter

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

#: Limits for the .xlsx container (SECURITY.md row 11): a real park workbook is far below them.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_FLOOR = 1024 * 1024  # tiny files may compress well; only large ones are suspicious
MAX_ZIP_MEMBERS = 2000
MAX_COLUMNS = 200
MAX_LISTED_CELLS = 200  # formula or merged cells listed one by one; beyond that, counted

_CHUNK = 1024 * 1024
_ENTITY_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b")
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FOREIGN_MAGIC: tuple[tuple[bytes, Any], ...] = (
    (b"%PDF", gettext_lazy("PDF 文档")),
    (b"\xd0\xcf\x11\xe0", gettext_lazy("旧版 Excel(.xls)或加密的 Office 文件,请另存为 .xlsx")),
    (b"\x1f\x8b", gettext_lazy("gzip 压缩包")),
    (b"Rar!", gettext_lazy("RAR 压缩包")),
    (b"7z\xbc\xaf", gettext_lazy("7z 压缩包")),
    (b"\x89PNG", gettext_lazy("PNG 图片")),
    (b"\xff\xd8\xff", gettext_lazy("JPEG 图片")),
    (b"GIF8", gettext_lazy("GIF 图片")),
    (b"MZ", gettext_lazy("可执行程序")),
    (b"\x7fELF", gettext_lazy("可执行程序")),
)
_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Table:
    """One sheet of an import file: its header row and an iterator over its data rows.

    Row numbers are Excel's (1-based, counting the header); column indexes are 0-based file columns.
    ``sheet`` is empty for CSV files, whose problems are then located by ``filename``.
    """

    sheet: str
    filename: str
    header: list[Cell]
    header_row: int
    first_column: int
    rows: Iterator[tuple[int, list[Cell]]]
    row_count: int = 0  # data rows (an upper bound: blank rows are skipped later)
    problems: list[ImportProblem] = field(default_factory=list)  # merged cells, formulas
    formula_cells: set[tuple[int, int]] = field(default_factory=set)


def refuse(filename: str, message: str) -> ImportRefused:
    """An :class:`ImportRefused` naming the file."""
    return ImportRefused(ImportProblem(message=message, filename=filename))


def sniff_kind(head: bytes, filename: str) -> str:
    """``"xlsx"`` or ``"csv"`` from the first bytes; anything else is refused whatever its name says."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if not head:
        raise refuse(filename, _("文件为空。"))
    for magic, label in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise refuse(
                filename, _("文件实际类型为%(kind)s,不是 Excel(.xlsx)或 CSV 文件。") % {"kind": label}
            )
    if b"\x00" in head:
        raise refuse(filename, _("文件是二进制内容,不是 Excel(.xlsx)或 CSV 文件。"))
    return "csv"


def open_table(
    path: Path, *, filename: str, max_bytes: int, max_rows: int, preferred_sheet: str = ""
) -> Table:
    """Check and open ``path``; raises :class:`ImportRefused` for a file that must not be parsed."""
    size = path.stat().st_size
    if size > max_bytes:
        raise refuse(
            filename,
            _("文件大小 %(size)s MB,超过上限 %(limit)s MB。")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{max_bytes / 1048576:.1f}"},
        )
    with path.open("rb") as handle:
        head = handle.read(512)
    if sniff_kind(head, filename) == "xlsx":
        return _open_xlsx(path, filename=filename, max_rows=max_rows, preferred_sheet=preferred_sheet)
    return _open_csv(path, filename=filename, max_rows=max_rows)


# --- CSV ------------------------------------------------------------------------------------------


def decode_text(data: bytes, filename: str) -> str:
    """UTF-8 (with or without BOM) first, GB18030 otherwise; binary content is refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise refuse(
                filename, _("无法识别文件的文字编码,请另存为 UTF-8 或 GB18030 编码的 CSV。")
            ) from exc
    if _CONTROL_CHARS.search(text):
        raise refuse(filename, _("文件含有控制字符,不是文本格式的 CSV 文件。"))
    return text


def _open_csv(path: Path, *, filename: str, max_rows: int) -> Table:
    text = decode_text(path.read_bytes(), filename)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header: list[Cell] = list(next(reader))
    except StopIteration as exc:
        raise refuse(filename, _("文件没有内容。")) from exc
    except csv.Error as exc:
        raise refuse(filename, _("CSV 格式错误:%(error)s") % {"error": exc}) from exc
    if len(header) > MAX_COLUMNS:
        raise refuse(
            filename,
            _("表头有 %(count)s 列,超过上限 %(limit)s 列。") % {"count": len(header), "limit": MAX_COLUMNS},
        )
    row_count = _count_csv_rows(text, delimiter, filename) - 1
    if row_count > max_rows:
        raise refuse(
            filename,
            _("文件有 %(count)s 行数据,超过 %(limit)s 行的上限,请拆分后分批导入。")
            % {"count": row_count, "limit": max_rows},
        )

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        number = 1
        try:
            for raw in reader:
                number += 1
                if number - 1 > max_rows:
                    raise refuse(
                        filename, _("数据超过 %(limit)s 行的上限,请拆分后分批导入。") % {"limit": max_rows}
                    )
                yield number, list(raw)
        except csv.Error as exc:
            raise ImportRefused(
                ImportProblem(
                    message=_("CSV 格式错误:%(error)s") % {"error": exc}, filename=filename, row=number
                )
            ) from exc

    return Table(
        sheet="",
        filename=filename,
        header=header,
        header_row=1,
        first_column=0,
        rows=rows(),
        row_count=row_count,
    )


def _count_csv_rows(text: str, delimiter: str, filename: str) -> int:
    """Count records before validating any, so that an oversized file is refused at once."""
    try:
        return sum(1 for _row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise refuse(filename, _("CSV 格式错误:%(error)s") % {"error": exc}) from exc


# --- .xlsx ----------------------------------------------------------------------------------------


def inspect_xlsx_container(path: Path, filename: str) -> dict[str, set[tuple[int, int]]]:
    """Refuse zip bombs, encrypted or non-workbook zips and XML with DOCTYPE/ENTITY declarations.

    Streams every member once (bounded by the declared sizes, which the CRC check holds the file to)
    and returns, per worksheet member, the cells that hold formulas as ``(excel_row, column_index)``.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise refuse(filename, _("文件已损坏,或不是有效的 Excel(.xlsx)文件。")) from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise refuse(
                filename, _("压缩包内有 %(count)s 个文件,不是正常的 Excel 工作簿。") % {"count": len(members)}
            )
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise refuse(filename, _("文件是 zip 压缩包,但不是 Excel(.xlsx)工作簿。"))
        if any(m.flag_bits & 0x1 for m in members):
            raise refuse(filename, _("工作簿已加密,请取消密码保护后再导入。"))
        total = sum(m.file_size for m in members)
        packed = sum(m.compress_size for m in members) or 1
        if total > MAX_UNCOMPRESSED_BYTES:
            raise refuse(
                filename,
                _("工作簿解压后达 %(size)s MB,超过 %(limit)s MB 上限(疑似压缩炸弹)。")
                % {"size": f"{total / 1048576:.0f}", "limit": MAX_UNCOMPRESSED_BYTES // 1048576},
            )
        if total > RATIO_CHECK_FLOOR and total / packed > MAX_COMPRESSION_RATIO:
            raise refuse(
                filename,
                _("工作簿压缩比为 %(ratio)s:1,异常偏高(疑似压缩炸弹)。") % {"ratio": f"{total / packed:.0f}"},
            )
        formulas: dict[str, set[tuple[int, int]]] = {}
        try:
            for member in members:
                if member.filename.endswith((".xml", ".rels", ".vml")):
                    found = _scan_xml_member(archive, member, filename)
                    if found:
                        formulas[member.filename] = found
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise refuse(filename, _("工作簿的压缩数据已损坏或格式不受支持。")) from exc
    return formulas


def _scan_xml_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, filename: str
) -> set[tuple[int, int]]:
    formulas: set[tuple[int, int]] = set()
    tail = b""
    first = True
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            if first:
                first = False
                if chunk.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in chunk[:64]:
                    raise refuse(
                        filename,
                        _("工作簿内的 %(member)s 使用了不支持的编码。") % {"member": member.filename},
                    )
            window = tail + chunk
            if _ENTITY_DECLARATION.search(window):
                raise refuse(
                    filename,
                    _("工作簿含有 XML 实体声明(DOCTYPE/ENTITY),出于安全原因拒绝导入,请另存为新文件。"),
                )
            if b"<f" in window or b":f" in window:
                for match in _FORMULA_CELL.finditer(window):
                    attributes = match.group(1)
                    ref = _CELL_REF.search(attributes)
                    if ref and not attributes.endswith(b"/"):
                        formulas.add((int(ref.group(2)), _column_index(ref.group(1).decode())))
            tail = window[-512:]
    return formulas


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _sheet_members(path: Path) -> dict[str, str]:
    """Sheet name → zip member of its worksheet XML (parsed with defusedxml after the DOCTYPE scan)."""
    result: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        try:
            workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
            rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, SafeET.ParseError):
            return result
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_NS_PKG_REL}Relationship")}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if target:
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
            result[sheet.get("name", "")] = member
    return result


def _open_xlsx(path: Path, *, filename: str, max_rows: int, preferred_sheet: str) -> Table:
    formulas_by_member = inspect_xlsx_container(path, filename)
    try:
        workbook: Any = CalamineWorkbook.from_path(str(path))
    except Exception as exc:
        raise refuse(filename, _("无法读取 Excel 工作簿,文件可能已损坏。")) from exc
    try:
        visible = [
            meta.name
            for meta in workbook.sheets_metadata
            if str(meta.typ).endswith("WorkSheet") and str(meta.visible).endswith(".Visible")
        ]
        if not visible:
            raise refuse(filename, _("工作簿中没有可见的工作表。"))
        name = preferred_sheet if preferred_sheet in visible else visible[0]
        sheet = workbook.get_sheet_by_name(name)
        if sheet.height - 1 > max_rows:
            raise ImportRefused(
                ImportProblem(
                    message=_("工作表有 %(count)s 行数据,超过 %(limit)s 行的上限,请拆分后分批导入。")
                    % {"count": sheet.height - 1, "limit": max_rows},
                    sheet=name,
                )
            )
        if sheet.width > MAX_COLUMNS:
            raise ImportRefused(
                ImportProblem(
                    message=_("工作表有 %(count)s 列,超过上限 %(limit)s 列。")
                    % {"count": sheet.width, "limit": MAX_COLUMNS},
                    sheet=name,
                )
            )
        start_row, start_column = sheet.start or (0, 0)
        merged = list(sheet.merged_cell_ranges or [])
        rows_iter = iter(sheet.iter_rows())
    except ImportRefused:
        workbook.close()
        raise
    except Exception as exc:
        workbook.close()
        raise refuse(filename, _("无法读取 Excel 工作表,文件可能已损坏。")) from exc
    header: list[Cell] = list(next(rows_iter, []))
    header_row = start_row + 1

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        try:
            for offset, raw in enumerate(rows_iter, start=1):
                yield header_row + offset, list(raw)
        finally:
            workbook.close()

    table = Table(
        sheet=name,
        filename=filename,
        header=header,
        header_row=header_row,
        first_column=start_column,
        rows=rows(),
        row_count=max(sheet.height - 1, 0),
        formula_cells=formulas_by_member.get(_sheet_members(path).get(name, ""), set()),
    )
    for (r1, c1), (r2, c2) in merged[:MAX_LISTED_CELLS]:
        span = f"{column_letter(c1)}{r1 + 1}:{column_letter(c2)}{r2 + 1}"
        in_header = r1 + 1 <= header_row <= r2 + 1
        table.problems.append(
            ImportProblem(
                message=(
                    _("表头含合并单元格 %(span)s,请取消合并,每个单元格单独填写。")
                    if in_header
                    else _("数据区含合并单元格 %(span)s,请取消合并,每个单元格单独填写。")
                )
                % {"span": span},
                sheet=name,
                row=r1 + 1,
                column=c1,
                header=str(header[c1 - start_column]) if 0 <= c1 - start_column < len(header) else "",
            )
        )
    return table

"""A corpus of hostile and well-formed import files, generated in the test run (no committed binaries)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from scipark.core.identifiers import credit_code_from_number

HEADERS = ["统一社会信用代码", "企业名称", "行业代码", "注册资本(万元)", "成立日期"]


def xlsx(rows: Sequence[Sequence[Any]], *, title: str = "企业", merge: str | None = None) -> bytes:
    """A workbook with one sheet holding ``rows`` (the first is the header); optionally a merged range."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8-sig") -> bytes:
    return "\r\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def good_rows(count: int = 3, *, start: int = 100) -> list[list[Any]]:
    rows: list[list[Any]] = [list(HEADERS)]
    for n in range(start, start + count):
        rows.append([credit_code_from_number(n), f"导入测试企业{n}有限公司", "2710", "500", "2020-05-01"])
    return rows


def pdf_renamed() -> bytes:
    return b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def random_bytes() -> bytes:
    return os.urandom(4096)


def zip_not_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


def zip_bomb(uncompressed_mb: int = 200) -> bytes:
    """A valid-looking workbook whose one sheet inflates to ``uncompressed_mb`` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"0" * (1024 * 1024)
            for _ in range(uncompressed_mb):
                member.write(block)
    return buffer.getvalue()


def ratio_bomb() -> bytes:
    """Under the size limit but with a compression ratio far above 100:1."""
    return zip_bomb(uncompressed_mb=20)


def billion_laughs() -> bytes:
    """A real workbook whose sheet XML declares nested entities (the billion laughs attack)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(good_rows(1))))
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet", f"<!DOCTYPE lolz [{entities}]><worksheet".encode(), 1)
                data = data.replace(b"<v>", b"<v>&lol9;", 1)
            archive.writestr(item, data)
    return buffer.getvalue()


def many_rows_csv(count: int) -> bytes:
    """``count`` data rows, as small as possible, to hit the row cap fast."""
    lines = ["统一社会信用代码,企业名称"] + ["x,y"] * count
    return "\n".join(lines).encode()

"""The annual summary as PDF, where a converter is installed: LibreOffice's ``soffice --headless
--convert-to pdf`` (found on PATH as ``soffice`` or ``libreoffice``). The kept .docx stays the deliverable;
the PDF is converted from it on download, so both show the same words and numbers.

No converter, no PDF: the pages do not offer it and ``convert`` refuses with a Chinese message. The
platform's install (``make run``) does not add LibreOffice (a system package of several hundred MB).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: The commands tried, in order.
CONVERTERS = ("soffice", "libreoffice")
#: A long document with charts converts in a few seconds; a hung converter must not hold the worker.
TIMEOUT_SECONDS = 120


def converter() -> str | None:
    """The path of the converter found on PATH, or None."""
    for name in CONVERTERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def convert(docx: bytes, *, name: str = "summary") -> bytes:
    """The PDF of a .docx document (bytes in, bytes out), by the converter found."""
    program = converter()
    if program is None:
        raise ValidationError(_("服务器未安装 LibreOffice,无法生成 PDF,请下载 Word 文档。"))
    with tempfile.TemporaryDirectory(prefix="scipark-pdf-") as folder:
        source = Path(folder) / f"{name}.docx"
        source.write_bytes(docx)
        # Its own profile directory: a converter already running for someone else must not block this one.
        profile = Path(folder, "profile").as_uri()
        command = [
            program,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            folder,
            str(source),
        ]
        try:
            # The program is the converter found on PATH; the only other argument is our own temporary file.
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)  # noqa: S603
        except (subprocess.SubprocessError, OSError) as error:
            raise ValidationError(_("PDF 转换失败,请下载 Word 文档。")) from error
        target = source.with_suffix(".pdf")
        if not target.is_file():
            raise ValidationError(_("PDF 转换失败,请下载 Word 文档。"))
        return target.read_bytes()

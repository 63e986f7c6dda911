"""Located import errors: every problem names the sheet, the row (as Excel numbers it) and the column."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    n = index + 1
    while n:
        n, remainder = divmod(n - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with an import file, located as precisely as the problem allows.

    ``row`` is 1-based and counts the header row, exactly as Excel shows it; ``column`` is the 0-based
    index of the column in the file (``None`` when the problem concerns a column the file lacks, or the
    whole file); ``header`` is the column's header text (or, for a missing column, its expected name).
    """

    message: str
    sheet: str = ""
    row: int | None = None
    column: int | None = None
    header: str = ""
    filename: str = ""

    @property
    def column_letter(self) -> str:
        return column_letter(self.column) if self.column is not None else ""

    @property
    def location(self) -> str:
        """``工作表“企业”第7行 C列“统一社会信用代码”`` — as much of it as is known, in the reader's language
        (English: ``sheet “企业”, row 7, column C “统一社会信用代码”``; each English piece brings its own
        separator, so a leading one is dropped)."""
        parts: list[str] = []
        if self.sheet:
            parts.append(_("工作表“%(sheet)s”") % {"sheet": self.sheet})
        elif self.filename:
            parts.append(_("文件“%(file)s”") % {"file": self.filename})
        if self.row is not None:
            parts.append(_("第%(row)s行") % {"row": self.row})
        if self.column is not None:
            if self.header:
                parts.append(
                    _(" %(letter)s列“%(header)s”") % {"letter": self.column_letter, "header": self.header}
                )
            else:
                parts.append(_(" %(letter)s列") % {"letter": self.column_letter})
        elif self.header:
            parts.append(_(" 列“%(header)s”") % {"header": self.header})
        return "".join(parts).lstrip(", ")

    def __str__(self) -> str:
        location = self.location
        if not location:
            return self.message
        return _("%(location)s:%(message)s") % {"location": location, "message": self.message}


class ImportRefused(Exception):
    """The file cannot be read at all (wrong type, too big, a zip bomb, XML entities, too many rows)."""

    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem

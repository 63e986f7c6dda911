"""The declarative importer interface every app implements, and the mapping of a file's headers to it.

An importer declares its ``columns`` and ``key_field``; the pipeline reads, maps and parses a chunk of
rows at a time, then asks the importer for the chunk's stored rows (:meth:`Importer.existing`, one
lookup per chunk), what each file row would change (:meth:`Importer.build_change`) and, inside the
import's one transaction, to write the chunk's changes (:meth:`Importer.write_all`: one
:meth:`Importer.write` per row unless the importer writes in bulk). ``write_all`` is called once per
chunk; a later chunk's problem rolls every chunk back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import access
from ..history import EMPTY, shown_value
from ..history import field_label as history_label
from .columns import Column, DecimalColumn, normalize_header, split_unit, strip_annotation
from .problems import ImportProblem, column_letter
from .readers import Cell, Table


class RowError(Exception):
    """A row cannot be imported; ``field`` (when known) points the error at that column."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass
class RowChange:
    """What one file row does: create a record, update some of its fields, or nothing."""

    CREATE: ClassVar[str] = "create"
    UPDATE: ClassVar[str] = "update"
    UNCHANGED: ClassVar[str] = "unchanged"

    row: int
    key: str
    action: str
    label: str = ""
    data: dict[str, Any] = field(default_factory=dict)  # what to write (all values, or the changed ones)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (before, after)
    target: Any = None  # the stored record for updates
    version: int | None = None  # the record's version when the row was checked (optimistic lock)
    extra: dict[str, Any] = field(default_factory=dict)  # importer-specific (e.g. the target park)


Progress = Callable[[str, int, int], None]  # (stage, rows done, rows in total)


@dataclass
class WriteContext:
    """What the pipeline gives :meth:`Importer.write_all`: where a failure points, and progress."""

    #: rows to write at most (the file's rows: the pipeline writes as it reads)
    total: int
    progress: Progress | None = None
    #: report progress every this many rows (and at the end)
    every: int = 200
    done: int = 0
    #: the file row being written: a write error is reported at this row
    row: int | None = None

    def at(self, change: RowChange) -> None:
        """The rows from ``change`` on are being written (errors point at its row)."""
        self.row = change.row

    def written(self, count: int) -> None:
        """``count`` more rows are written."""
        before, self.done = self.done, self.done + count
        if self.progress and (self.done // self.every > before // self.every or self.done == self.total):
            self.progress("write", self.done, self.total)

    def finish(self) -> None:
        """Every row is written: the total was an upper bound (unchanged rows are not written)."""
        if self.done != self.total:
            self.total = self.done
            if self.progress and self.done:
                self.progress("write", self.done, self.total)


@dataclass(frozen=True)
class MappedColumn:
    """A file column matched to a declared column, with the unit its header declares."""

    index: int  # position in the header row (0-based, before the sheet's column offset)
    file_column: int  # the column index as the sheet numbers it (0 = A)
    column: Column
    header: str
    unit: str | None
    parse: Callable[[Cell, str | None], Any]


@dataclass
class HeaderMap:
    """The result of mapping a header row: the columns found, problems, and ignored headers."""

    columns: list[MappedColumn] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def by_field(self) -> dict[str, MappedColumn]:
        return {m.column.field: m for m in self.columns}


def map_headers(columns: Sequence[Column], table: Table) -> HeaderMap:
    """Match each header cell to a declared column (ignoring blanks, full-width forms and case)."""
    result = HeaderMap()
    lookup: dict[str, Column] = {}
    for column in columns:
        for name in column.names():
            lookup.setdefault(name, column)
    seen: dict[str, MappedColumn] = {}
    last_filled = max((i for i, cell in enumerate(table.header) if normalize_header(cell)), default=-1)
    for index, cell in enumerate(table.header):
        file_column = table.first_column + index
        text = "" if cell is None else str(cell).strip()
        normalized = normalize_header(text)
        place: dict[str, Any] = {
            "sheet": table.sheet,
            "filename": table.filename,
            "row": table.header_row,
            "column": file_column,
        }
        if not normalized:
            if index < last_filled:
                result.problems.append(
                    ImportProblem(message=_("表头为空(可能是合并单元格或漏填表头),每列都要有表头。"), **place)
                )
            continue
        base, unit = split_unit(normalized)
        found = lookup.get(normalized) or lookup.get(base) or lookup.get(strip_annotation(normalized))
        if found is None:
            result.ignored.append(text)
            continue
        column = found
        if unit and not (isinstance(column, DecimalColumn) and column.money):
            unit = None
        if column.field in seen:
            first = seen[column.field]
            result.problems.append(
                ImportProblem(
                    message=_("与%(letter)s列“%(header)s”重复,同一列只能出现一次。")
                    % {"letter": column_letter(first.file_column), "header": first.header},
                    header=text,
                    **place,
                )
            )
            continue
        mapped = MappedColumn(index, file_column, column, text, unit, column.parser())
        seen[column.field] = mapped
        result.columns.append(mapped)
    for column in columns:
        if column.required and column.field not in seen:
            alternatives = pgettext("list separator", "、").join(column.synonyms[:4])
            header = column.template_header()
            message = (
                _("缺少必填列“%(header)s”(也可写作:%(alternatives)s)。")
                % {"header": header, "alternatives": alternatives}
                if alternatives
                else _("缺少必填列“%(header)s”。") % {"header": header}
            )
            result.problems.append(
                ImportProblem(
                    message=message,
                    sheet=table.sheet,
                    filename=table.filename,
                    row=table.header_row,
                    header=column.template_header(),
                )
            )
    return result


class Importer:
    """Base class: subclass, declare the columns and the key, implement the three hooks.

    One instance serves one import run, for one user and one default target ``park``.
    """

    #: short name used on the command line and in URLs (``scipark import enterprises FILE``)
    kind: ClassVar[str]
    #: what is imported, in Chinese (page titles, messages)
    label: ClassVar[str]
    #: the sheet read from a workbook (the first visible sheet when there is none of that name)
    sheet_name: ClassVar[str]
    domain: ClassVar[access.Domain]
    columns: ClassVar[tuple[Column, ...]]
    key_field: ClassVar[str]
    #: ``app_label.model`` of the imported records, for the audit log
    object_type: ClassVar[str] = ""
    #: general remarks printed at the top of the template's 说明 sheet
    notes: ClassVar[tuple[str, ...]] = ()
    #: rows checked and written together (``None``: the pipeline's ``CHUNK``); larger for an importer whose
    #: write has a fixed cost per call that outweighs holding more rows
    chunk_rows: ClassVar[int | None] = None

    def __init__(self, *, user: Any, park: Any, request: HttpRequest | None = None) -> None:
        self.user = user
        self.park = park
        self.request = request

    @classmethod
    def column(cls, field_name: str) -> Column:
        return next(c for c in cls.columns if c.field == field_name)

    def existing(self, keys: Iterable[str]) -> Mapping[str, Any]:
        """The stored records for these keys (all of them, whatever the user's reach: the importer
        decides in :meth:`build_change` what a row may do with a record it cannot reach)."""
        raise NotImplementedError

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        """What the row would do; raises :class:`RowError` when it may not be imported."""
        raise NotImplementedError

    def write(self, change: RowChange) -> None:
        """Apply one create or update through the domain's service (inside the import's transaction)."""
        raise NotImplementedError

    def write_all(self, changes: Sequence[RowChange], context: WriteContext) -> None:
        """Write a chunk's changes, inside the import's one transaction: by default one :meth:`write` per row.

        Override to hand the rows to a bulk-capable service in batches; call ``context.at(change)`` before
        a batch (a failure is reported at that row) and ``context.written(n)`` after it.
        """
        for change in changes:
            context.at(change)
            self.write(change)
            context.written(1)

    @classmethod
    def stored_field(cls, field_name: str) -> models.Field[Any, Any] | None:
        """The field of the record ``object_type`` names that ``field_name`` writes, if it is one."""
        if not cls.object_type:
            return None
        try:
            model_field = apps.get_model(cls.object_type)._meta.get_field(field_name)
        except (LookupError, FieldDoesNotExist):
            return None
        return model_field if isinstance(model_field, models.Field) else None

    @classmethod
    def display(cls, field_name: str, value: Any) -> str:
        """A value as the preview shows it: a stored field's as the record's history shows it
        (``core.history``) — a choice by its label, yes/no, a linked row by its name, an amount in 元 or 万元
        with separators — in the reader's language."""
        model_field = cls.stored_field(field_name)
        if model_field is not None:
            return shown_value(model_field, value)
        if value is None or value == "":
            return EMPTY
        if isinstance(value, bool):
            return _("是") if value else _("否")
        return str(value)

    @classmethod
    def field_label(cls, field_name: str) -> str:
        """A change's label in the preview: a stored field's name as its form and history show it (in the
        reader's language; an amount's 元 goes with its values), else the column's header."""
        model_field = cls.stored_field(field_name)
        if model_field is not None:
            return history_label(model_field)
        return next((c.template_header() for c in cls.columns if c.field == field_name), field_name)

"""The one import pipeline (DESIGN.md rule 5): read → map headers → validate → preview → write → log.

:func:`run_import` does all of it for any :class:`~.importer.Importer`, one chunk of rows at a time:
the chunk's cells are parsed column by column, its keys looked up in one :meth:`Importer.existing`
query, each row compared with what is stored, and — unless ``dry_run`` or a problem has been found —
the chunk's changes handed to :meth:`Importer.write_all` at once. Everything runs in one transaction
that is rolled back when any row of the file is wrong, so nothing is written unless every row is valid
(all or nothing), rows that change nothing are not saved, and memory holds one chunk, not the file.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import access
from ..audit import audit_event_record
from ..models import AuditEvent
from ..services import ConflictError
from .columns import CellError
from .importer import (
    HeaderMap,
    Importer,
    MappedColumn,
    Progress,
    RowChange,
    RowError,
    WriteContext,
    map_headers,
)
from .problems import ImportProblem, ImportRefused
from .readers import Cell, Table, open_table

#: Problems listed before the check stops (the file is refused either way; the list stays readable).
MAX_PROBLEMS = 500
PREVIEW_ROWS = 20
#: Rows parsed, looked up, compared and written together (bounds memory: one chunk is held at a time).
CHUNK = 2000
#: Kept for importers that read it (the lookup batch is the chunk).
BATCH = CHUNK
_FORMULA = gettext_lazy("单元格含公式,请复制后“粘贴为数值”再导入。")
_EQUALS = gettext_lazy("内容以“=”开头(公式),请去掉“=”或改为纯文本。")
_REQUIRED = gettext_lazy("必填,不能为空。")


@dataclass
class ImportResult:
    """What an import did, or would do: counts, the first changed rows, and every located problem."""

    importer: str
    filename: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    problems: list[ImportProblem] = field(default_factory=list)
    truncated: bool = False
    ignored_headers: list[str] = field(default_factory=list)
    preview: list[RowChange] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def add(self, problem: ImportProblem) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        else:
            self.truncated = True

    def sort_problems(self) -> None:
        """The problems in the file's order — by sheet (as the file first names it), row, then column —
        whatever order the checks found them in (cells are parsed a column at a time, the rows' lookups
        after every cell of the chunk was read); a problem of the whole sheet or of a missing column comes
        first. The page, the run's stored errors and the audit event all read this list."""
        sheets: dict[str, int] = {}
        for problem in self.problems:
            sheets.setdefault(problem.sheet, len(sheets))
        self.problems.sort(
            key=lambda p: (
                sheets[p.sheet],
                -1 if p.row is None else p.row,
                -1 if p.column is None else p.column,
            )
        )

    def summary(self) -> dict[str, Any]:
        """The counts as recorded in the audit log."""
        return {
            "file": self.filename[:200],
            "importer": self.importer,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": len(self.problems),
            "dry_run": self.dry_run,
        }


class _Rollback(Exception):
    """Raised inside the import's transaction to undo the chunks written before a problem was found."""


def run_import(
    importer: Importer, path: Path, *, filename: str, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Check the whole file and, unless ``dry_run`` or any problem, write it in one transaction.

    One audit event is recorded for every import that writes or is refused; a clean dry run (the
    preview) records nothing, since nothing was imported.
    """
    result = ImportResult(importer=importer.kind, filename=filename, dry_run=dry_run)
    run: _Run | None = None
    try:
        if not access.has_permission(importer.user, importer.domain, access.Action.IMPORT):
            raise ImportRefused(ImportProblem(message=_("您没有导入此类数据的权限。"), filename=filename))
        table = open_table(
            path,
            filename=filename,
            max_bytes=settings.SCIPARK_UPLOAD_MAX_BYTES,
            max_rows=settings.SCIPARK_IMPORT_MAX_ROWS,
            preferred_sheet=importer.sheet_name,
        )
        run = _Run.start(importer, table, result, write=not dry_run, progress=progress)
        if run is not None:
            run.everything()
    except ImportRefused as refused:
        result.add(refused.problem)
        result.written = False
    except Exception:
        if run is not None and run.writing:
            _record(importer, result, failed=True)
        raise
    result.sort_problems()
    if result.written or not result.ok:
        _record(importer, result, failed=not result.ok)
    return result


def _record(importer: Importer, result: ImportResult, *, failed: bool) -> None:
    detail = result.summary()
    if failed:
        detail["first_errors"] = [str(p)[:300] for p in result.problems[:5]]
    audit_event_record(
        kind=AuditEvent.Kind.IMPORT,
        request=importer.request,
        user=importer.user,
        result=AuditEvent.Result.FAILED if failed else AuditEvent.Result.OK,
        object_type=importer.object_type,
        detail=detail,
    )


def _blank(cells: list[Cell]) -> bool:
    """Whether every cell reads as empty text (``cell_text`` is empty only for ``None`` and blank text)."""
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


class _Run:
    """One import's pass over its file, a chunk at a time (see the module's docstring)."""

    def __init__(
        self,
        importer: Importer,
        table: Table,
        header_map: HeaderMap,
        result: ImportResult,
        *,
        write: bool,
        progress: Progress | None,
    ) -> None:
        self.importer = importer
        self.table = table
        self.header_map = header_map
        self.result = result
        self.write = write
        self.progress = progress
        self.by_field = header_map.by_field()
        self.key_column = self.by_field[importer.key_field]
        self.first_row: dict[str, int] = {}
        self.context = WriteContext(total=table.row_count, progress=progress)
        self.done = 0
        self.writing = False  # some chunk has been handed to the importer
        self.write_failed = False

    @classmethod
    def start(
        cls, importer: Importer, table: Table, result: ImportResult, *, write: bool, progress: Progress | None
    ) -> _Run | None:
        """The run over ``table``, or ``None`` when its header is unsound (row errors would only repeat it)."""
        for problem in table.problems:
            result.add(problem)
        header_map = map_headers(importer.columns, table)
        result.ignored_headers = header_map.ignored
        for problem in header_map.problems:
            result.add(problem)
        if header_map.problems:
            return None
        return cls(importer, table, header_map, result, write=write, progress=progress)

    def everything(self) -> None:
        """Every chunk; kept only when the whole file is sound and was written without a failure."""
        try:
            with nullcontext() if not self.write else transaction.atomic():
                rows, size = iter(self.table.rows), self.importer.chunk_rows or CHUNK
                while chunk := list(islice(rows, size)):
                    self.chunk(chunk)
                    if self.result.truncated:
                        break
                if self.progress:
                    self.progress("validate", self.done, self.done)
                if self.write and not self.result.ok:
                    raise _Rollback
                if self.write:
                    self.context.finish()
                    self.result.written = True
        except _Rollback:
            if self.write_failed:
                self.result.created = self.result.updated = 0

    def chunk(self, raw: list[tuple[int, list[Cell]]]) -> None:
        rows = [(number, cells) for number, cells in raw if not _blank(cells)]
        self.result.rows += len(rows)
        self.done += len(rows)
        problems: list[tuple[int, int, ImportProblem]] = []
        batch: list[tuple[int, dict[str, Any]]] = []
        for number, values in self._parse(rows, problems):
            if values is None:
                continue
            key = str(values[self.importer.key_field])
            first = self.first_row.get(key)
            if first is not None:
                message = _("与第%(row)s行重复,同一文件中每家只能出现一次。") % {"row": first}
                problems.append((number, -1, self._problem(number, self.key_column, message)))
                continue
            self.first_row[key] = number
            batch.append((number, values))
        problems.sort(key=lambda found: (found[0], found[1]))
        for _number, _order, problem in problems:
            self.result.add(problem)
        changes = self._compare(batch)
        if self.write and self.result.ok and changes:
            self._write(changes)
        if self.progress:
            self.progress("validate", self.done, max(self.table.row_count, self.done))

    def _parse(
        self, rows: list[tuple[int, list[Cell]]], problems: list[tuple[int, int, ImportProblem]]
    ) -> list[tuple[int, dict[str, Any] | None]]:
        """The chunk's cells read column by column; a row with any wrong cell is ``None``."""
        found: list[dict[str, Any] | None] = [{} for _ in rows]
        formulas = self.table.formula_cells
        for order, mapped in enumerate(self.header_map.columns):
            index, parse, unit, name = mapped.index, mapped.parse, mapped.unit, mapped.column.field
            required = mapped.column.required
            for position, (number, cells) in enumerate(rows):
                value: Cell = cells[index] if index < len(cells) else None
                if formulas and (number, mapped.file_column) in formulas:
                    message = str(_FORMULA)
                elif isinstance(value, str) and value.lstrip().startswith("="):
                    message = str(_EQUALS)
                else:
                    try:
                        parsed = parse(value, unit)
                    except CellError as exc:
                        message = str(exc)
                    else:
                        if parsed is not None or not required:
                            values = found[position]
                            if values is not None:
                                values[name] = parsed
                            continue
                        message = str(_REQUIRED)
                found[position] = None
                problems.append((number, order, self._problem(number, mapped, message)))
        return [(number, values) for (number, _cells), values in zip(rows, found, strict=True)]

    def _compare(self, batch: list[tuple[int, dict[str, Any]]]) -> list[RowChange]:
        """What each valid row of the chunk would change, its keys looked up in one query."""
        if not batch:
            return []
        importer, result = self.importer, self.result
        stored = importer.existing([str(values[importer.key_field]) for _n, values in batch])
        changes: list[RowChange] = []
        for number, values in batch:
            key = str(values[importer.key_field])
            try:
                change = importer.build_change(number, values, stored.get(key))
            except RowError as error:
                result.add(
                    self._problem(number, self.by_field.get(error.field or importer.key_field), error.message)
                )
                continue
            if change.action == RowChange.UNCHANGED:
                result.unchanged += 1
                continue
            if change.action == RowChange.CREATE:
                result.created += 1
            else:
                result.updated += 1
            changes.append(change)
            if len(result.preview) < PREVIEW_ROWS:
                result.preview.append(change)
        return changes

    def _write(self, changes: list[RowChange]) -> None:
        """The chunk's changes, in a savepoint of the import's transaction: a failure is reported at its
        row, nothing more is written, and the whole import is rolled back at the end."""
        self.writing = True
        try:
            with transaction.atomic():
                self.importer.write_all(changes, self.context)
        except (ValidationError, access.AccessDenied, ConflictError, DatabaseError, RowError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            self.result.add(
                self._problem(
                    self.context.row,
                    self.key_column,
                    _("写入失败,整个文件未导入:%(reason)s") % {"reason": message},
                )
            )
            self.write_failed = True

    def _problem(self, row: int | None, mapped: MappedColumn | None, message: str) -> ImportProblem:
        return _problem(self.table, row, mapped, message)


def _problem(table: Table, row: int | None, mapped: Any, message: str) -> ImportProblem:
    return ImportProblem(
        message=message,
        sheet=table.sheet,
        filename=table.filename,
        row=row,
        column=mapped.file_column if mapped is not None else None,
        header=mapped.header if mapped is not None else "",
    )

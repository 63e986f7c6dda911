"""The one import pipeline (DESIGN.md rule 5): read → map headers → validate every row → preview →
write all in one transaction → log.

:func:`run_import` does all of it for any :class:`~.importer.Importer`; ``dry_run`` stops after the
preview. Nothing is written unless every row is valid, and rows that change nothing are not saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from .. import access
from ..audit import audit_event_record
from ..models import AuditEvent
from ..services import ConflictError
from .columns import CellError, cell_text
from .importer import HeaderMap, Importer, Progress, RowChange, RowError, WriteContext, map_headers
from .problems import ImportProblem, ImportRefused
from .readers import Cell, Table, open_table

#: Problems listed before the check stops (the file is refused either way; the list stays readable).
MAX_PROBLEMS = 500
PREVIEW_ROWS = 20
BATCH = 500


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


@dataclass(frozen=True)
class _Located:
    """Where write errors point: the table and its key column."""

    table: Table
    key: Any


class _WriteFailed(Exception):
    def __init__(self, problem: ImportProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def run_import(
    importer: Importer, path: Path, *, filename: str, dry_run: bool = False, progress: Progress | None = None
) -> ImportResult:
    """Check the whole file and, unless ``dry_run`` or any problem, write it in one transaction.

    One audit event is recorded for every import that writes or is refused; a clean dry run (the
    preview) records nothing, since nothing was imported.
    """
    result = ImportResult(importer=importer.kind, filename=filename, dry_run=dry_run)
    changes: list[RowChange] = []
    located: _Located | None = None
    try:
        if not access.has_permission(importer.user, importer.domain, access.Action.IMPORT):
            raise ImportRefused(ImportProblem(message="您没有导入此类数据的权限。", filename=filename))
        table = open_table(
            path,
            filename=filename,
            max_bytes=settings.SCIPARK_UPLOAD_MAX_BYTES,
            max_rows=settings.SCIPARK_IMPORT_MAX_ROWS,
            preferred_sheet=importer.sheet_name,
        )
        changes, located = _validate(importer, table, result, progress)
    except ImportRefused as refused:
        result.add(refused.problem)
    if result.ok and not dry_run and located is not None:
        try:
            _write(importer, located, changes, progress)
            result.written = True
        except _WriteFailed as failed:
            result.add(failed.problem)
            result.created = result.updated = 0
        except Exception:
            _record(importer, result, failed=True)
            raise
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


def _validate(
    importer: Importer, table: Table, result: ImportResult, progress: Progress | None
) -> tuple[list[RowChange], _Located | None]:
    """Parse every row, then compare each valid one with what is stored; returns the changes to write."""
    for problem in table.problems:
        result.add(problem)
    header_map = map_headers(importer.columns, table)
    result.ignored_headers = header_map.ignored
    for problem in header_map.problems:
        result.add(problem)
    if header_map.problems:
        return [], None  # without a sound header, row errors would only repeat the header's
    changes: list[RowChange] = []
    batch: list[tuple[int, dict[str, Any]]] = []
    first_row: dict[str, int] = {}
    key_column = header_map.by_field()[importer.key_field]
    done = 0
    for number, values in _parsed_rows(importer, table, header_map, result):
        done += 1
        if progress and done % 1000 == 0:
            progress("validate", done, table.row_count)
        if values is None:
            continue
        key = str(values[importer.key_field])
        if key in first_row:
            result.add(
                _problem(
                    table, number, key_column, f"与第{first_row[key]}行重复,同一文件中每家只能出现一次。"
                )
            )
            continue
        first_row[key] = number
        batch.append((number, values))
        if len(batch) >= BATCH:
            _compare(importer, table, header_map, batch, result, changes)
            batch = []
        if result.truncated:
            break
    _compare(importer, table, header_map, batch, result, changes)
    if progress:
        progress("validate", done, done)
    return changes, _Located(table, key_column)


def _parsed_rows(
    importer: Importer, table: Table, header_map: HeaderMap, result: ImportResult
) -> Iterator[tuple[int, dict[str, Any] | None]]:
    """Each non-blank row with its values by field, or ``None`` when some cell is wrong."""
    for number, cells in table.rows:
        if all(cell_text(c) == "" for c in cells):
            continue
        result.rows += 1
        values: dict[str, Any] = {}
        valid = True
        for mapped in header_map.columns:
            value: Cell = cells[mapped.index] if mapped.index < len(cells) else None
            message = None
            if (number, mapped.file_column) in table.formula_cells:
                message = "单元格含公式,请复制后“粘贴为数值”再导入。"
            elif isinstance(value, str) and value.lstrip().startswith("="):
                message = "内容以“=”开头(公式),请去掉“=”或改为纯文本。"
            else:
                try:
                    parsed = mapped.parse(value, mapped.unit)
                except CellError as exc:
                    message = str(exc)
                else:
                    if parsed is None and mapped.column.required:
                        message = "必填,不能为空。"
                    values[mapped.column.field] = parsed
            if message:
                valid = False
                result.add(_problem(table, number, mapped, message))
        yield number, values if valid else None
        if result.truncated:
            return


def _compare(
    importer: Importer,
    table: Table,
    header_map: HeaderMap,
    batch: list[tuple[int, dict[str, Any]]],
    result: ImportResult,
    changes: list[RowChange],
) -> None:
    if not batch:
        return
    stored = importer.existing([str(values[importer.key_field]) for _n, values in batch])
    by_field = header_map.by_field()
    for number, values in batch:
        key = str(values[importer.key_field])
        try:
            change = importer.build_change(number, values, stored.get(key))
        except RowError as error:
            mapped = by_field.get(error.field or importer.key_field)
            result.add(_problem(table, number, mapped, error.message))
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


def _problem(table: Table, row: int | None, mapped: Any, message: str) -> ImportProblem:
    return ImportProblem(
        message=message,
        sheet=table.sheet,
        filename=table.filename,
        row=row,
        column=mapped.file_column if mapped is not None else None,
        header=mapped.header if mapped is not None else "",
    )


def _write(
    importer: Importer, located: _Located, changes: list[RowChange], progress: Progress | None
) -> None:
    """All rows or none: any failure rolls the whole import back."""
    context = WriteContext(total=len(changes), progress=progress)
    with transaction.atomic():
        try:
            importer.write_all(changes, context)
        except (ValidationError, access.AccessDenied, ConflictError, DatabaseError, RowError) as exc:
            message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            problem = _problem(located.table, context.row, located.key, f"写入失败,整个文件未导入:{message}")
            raise _WriteFailed(problem) from exc

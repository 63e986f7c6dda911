"""The pipeline works a chunk of rows at a time (parse, one lookup, compare, write) inside one transaction:
a problem in a later chunk undoes the chunks already written, a clean file is written whole, and each
chunk's keys are looked up in one call."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from scipark.core.imports import runner
from scipark.core.imports.importer import RowChange
from scipark.core.models import AuditEvent
from scipark.core.tests import hostile
from scipark.core.tests.test_imports_write_all import BatchTagImporter, TagImporter
from scipark.enterprises.models import Tag


class CountingImporter(TagImporter):
    """Remembers each lookup; a row whose name is already stored changes nothing."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.lookups: list[list[str]] = []

    def existing(self, keys: Iterable[str]) -> Mapping[str, Any]:
        wanted = list(keys)
        self.lookups.append(wanted)
        return {t.name: t for t in Tag.objects.filter(park=self.park, name__in=wanted)}

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        if existing is not None:
            return RowChange(row=row, key=values["name"], action=RowChange.UNCHANGED)
        return super().build_change(row, values, existing)


def _run(world: Any, tmp_path: Path, importer: TagImporter, rows: list[list[Any]], **kwargs: Any) -> Any:
    path = tmp_path / "upload.csv"
    path.write_bytes(hostile.csv_bytes([["名称"], *rows]))
    return runner.run_import(importer, path, filename="标签.csv", **kwargs)


def _names(world: Any) -> set[str]:
    return set(Tag.objects.filter(park=world.park).values_list("name", flat=True))


def test_a_problem_in_a_later_chunk_undoes_the_chunks_written(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 2)
    importer = BatchTagImporter(user=world.user("economy_staff"), park=world.park)
    before = _names(world)
    result = _run(world, tmp_path, importer, [["甲"], ["乙"], ["丙"], ["丁"], ["甲"]])
    assert importer.calls, "the first chunks were written before the problem was read"
    assert not result.ok and not result.written
    assert [(p.row, p.column) for p in result.problems] == [(6, 0)]
    assert "与第2行重复" in result.problems[0].message
    assert _names(world) == before
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT, result=AuditEvent.Result.FAILED).exists()


def test_a_clean_file_is_written_whole_chunk_by_chunk_with_one_lookup_each(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 2)
    importer = CountingImporter(user=world.user("economy_staff"), park=world.park)
    progress: list[tuple[str, int, int]] = []
    result = _run(
        world, tmp_path, importer, [["甲"], [""], ["乙"], ["丙"]], progress=lambda *p: progress.append(p)
    )
    assert result.ok and result.written and result.created == 3 and result.rows == 3
    assert importer.lookups == [["甲"], ["乙", "丙"]]  # the blank row is skipped, not looked up
    assert {"甲", "乙", "丙"} <= _names(world)
    assert [p for p in progress if p[0] == "write"][-1] == ("write", 3, 3)

    again = CountingImporter(user=world.user("economy_staff"), park=world.park)
    result = _run(world, tmp_path, again, [["甲"], [""], ["乙"], ["丙"]])
    assert result.ok and result.changed == 0 and result.unchanged == 3 and again.calls == []


def test_problems_of_a_chunk_are_listed_row_by_row(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 10)
    importer = TagImporter(user=world.user("economy_staff"), park=world.park)
    result = _run(world, tmp_path, importer, [["=1+1"], ["甲"], ["=A1"], ["甲"]])
    assert [p.row for p in result.problems] == [2, 4, 5]
    assert not result.written and importer.calls == []


def test_a_dry_run_writes_nothing_and_records_nothing(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 2)
    importer = TagImporter(user=world.user("economy_staff"), park=world.park)
    before = AuditEvent.objects.count()
    result = _run(world, tmp_path, importer, [["甲"], ["乙"], ["丙"]], dry_run=True)
    assert result.ok and result.created == 3 and not result.written and importer.calls == []
    assert AuditEvent.objects.count() == before

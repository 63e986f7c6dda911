"""The registry import writes a chunk at a time in bulk: the rows, their change-log entries and the
located errors are what the row-by-row write gave (ADR 0004), whichever chunk a row falls in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from scipark.core import search
from scipark.core.identifiers import credit_code_from_number
from scipark.core.imports import runner
from scipark.core.imports.runner import run_import
from scipark.core.tests import hostile
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Enterprise


def run(world: Any, tmp_path: Path, rows: list[list[Any]]) -> Any:
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx(rows))
    importer = EnterpriseImporter(user=world.user("economy_staff"), park=world.park)
    return run_import(importer, path, filename="企业.xlsx")


def test_chunks_write_every_row_with_the_entry_auditlog_writes_for_a_save(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 2)
    result = run(world, tmp_path, hostile.good_rows(5))
    assert result.ok and result.written and result.created == 5
    staff = world.user("economy_staff")
    kind = ContentType.objects.get_for_model(Enterprise)
    for n in range(100, 105):
        stored = Enterprise.objects.get(credit_code=credit_code_from_number(n))
        assert (stored.park_id, stored.name, stored.industry_id) == (
            world.park.pk,
            f"导入测试企业{n}有限公司",
            "2710",
        )
        assert stored.created_at == stored.updated_at and stored.version == 1
        entry = LogEntry.objects.get(content_type=kind, object_id=stored.pk)
        assert entry.action == LogEntry.Action.CREATE and entry.actor_id == staff.pk
        assert entry.object_repr == stored.name
        # What auditlog's own receiver stores for a created row, read from the row as stored.
        expected = model_instance_diff(None, stored) or {}
        assert entry.changes_dict == {name: list(pair) for name, pair in expected.items()}


def test_a_row_the_model_refuses_in_the_second_chunk_is_located_and_nothing_is_written(
    world, tmp_path, monkeypatch
):
    monkeypatch.setattr(runner, "CHUNK", 2)
    rows = hostile.good_rows(5)
    rows[4][1] = "名" * 201  # the 4th data row (Excel row 5) in the second chunk: longer than the column
    before = Enterprise.objects.count(), LogEntry.objects.count()
    result = run(world, tmp_path, rows)
    assert not result.ok and not result.written
    assert [(p.row, p.column_letter) for p in result.problems] == [(5, "B")]
    assert "超过上限200个字" in result.problems[0].message
    assert (Enterprise.objects.count(), LogEntry.objects.count()) == before


def test_every_bad_row_of_later_chunks_is_located_and_the_first_chunk_is_undone(world, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "CHUNK", 2)
    rows = hostile.good_rows(6)
    rows[3][0] = rows[3][0][:-1] + ("0" if rows[3][0][-1] != "0" else "1")  # wrong check digit, Excel row 4
    rows[6][3] = "五百"  # text for a number, Excel row 7
    before = Enterprise.objects.count(), LogEntry.objects.count()
    result = run(world, tmp_path, rows)
    assert not result.ok and not result.written
    assert [(p.row, p.column_letter) for p in result.problems] == [(4, "A"), (7, "D")]
    assert "校验位" in result.problems[0].message and "应为数字" in result.problems[1].message
    assert (Enterprise.objects.count(), LogEntry.objects.count()) == before


def test_an_import_interrupted_after_its_first_chunk_leaves_no_row(world, tmp_path, monkeypatch):
    # The process dies (here: an unexpected exception) while writing the second chunk: the first chunk,
    # already inserted, is in the same uncommitted transaction and goes with it.
    monkeypatch.setattr(runner, "CHUNK", 2)
    calls: list[int] = []
    original = search.index_rows

    def dies_on_the_second_chunk(rows: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("进程中断")
        return original(rows)

    monkeypatch.setattr(search, "index_rows", dies_on_the_second_chunk)
    before = Enterprise.objects.count(), LogEntry.objects.count()
    with pytest.raises(RuntimeError):
        run(world, tmp_path, hostile.good_rows(5))
    assert len(calls) == 2
    assert (Enterprise.objects.count(), LogEntry.objects.count()) == before

"""The pipeline's write step: ``Importer.write_all`` writes every row in the one transaction — one
``write`` per row by default, or in batches where an importer hands rows to a bulk-capable service —
and a failure is reported at the row being written, with nothing kept."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from scipark.core import access
from scipark.core.imports.columns import Column
from scipark.core.imports.importer import Importer, RowChange, RowError, WriteContext
from scipark.core.imports.runner import run_import
from scipark.core.tests import hostile
from scipark.enterprises.models import Tag


class TagImporter(Importer):
    """Tags of the target park, one per row: the smallest importer that writes rows."""

    kind = "test-tags"
    label = "标签"
    sheet_name = "标签"
    domain = access.Domain.ENTERPRISES
    key_field = "name"
    columns: ClassVar[tuple[Column, ...]] = (Column("name", "名称", required=True),)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.calls: list[list[int]] = []

    def existing(self, keys: Iterable[str]) -> Mapping[str, Any]:
        return {}

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        return RowChange(row=row, key=values["name"], action=RowChange.CREATE, data=values)

    def write(self, change: RowChange) -> None:
        if change.data["name"] == "坏":
            raise RowError("不能写入")
        self.calls.append([change.row])
        Tag.objects.create(park=self.park, name=change.data["name"])


class BatchTagImporter(TagImporter):
    """Writes two rows at a time, as a bulk-capable service would."""

    def write_all(self, changes: Sequence[RowChange], context: WriteContext) -> None:
        for start in range(0, len(changes), 2):
            batch = changes[start : start + 2]
            context.at(batch[0])
            if any(c.data["name"] == "坏" for c in batch):
                raise RowError("这一批不能写入")
            self.calls.append([c.row for c in batch])
            Tag.objects.bulk_create([Tag(park=self.park, name=c.data["name"]) for c in batch])
            context.written(len(batch))


def run(
    world: Any, tmp_path: Path, importer_class: type[TagImporter], names: list[str]
) -> tuple[Any, Any, list]:
    path = tmp_path / "upload.csv"
    path.write_bytes(hostile.csv_bytes([["名称"], *[[n] for n in names]]))
    importer = importer_class(user=world.user("economy_staff"), park=world.park)
    progress: list[tuple[str, int, int]] = []
    result = run_import(importer, path, filename="标签.csv", progress=lambda *p: progress.append(p))
    return result, importer, [p for p in progress if p[0] == "write"]


def test_by_default_each_row_is_written_on_its_own(world, tmp_path):
    result, importer, progress = run(world, tmp_path, TagImporter, ["甲", "乙", "丙"])
    assert result.written and importer.calls == [[2], [3], [4]]
    assert set(Tag.objects.filter(park=world.park).values_list("name", flat=True)) >= {"甲", "乙", "丙"}
    assert progress[-1] == ("write", 3, 3)


def test_an_importer_may_write_in_batches(world, tmp_path):
    result, importer, progress = run(world, tmp_path, BatchTagImporter, ["甲", "乙", "丙"])
    assert result.written and importer.calls == [[2, 3], [4]]
    assert progress[-1] == ("write", 3, 3)


def test_a_failed_batch_is_reported_at_its_row_and_nothing_is_kept(world, tmp_path):
    before = Tag.objects.count()
    result, importer, _progress = run(world, tmp_path, BatchTagImporter, ["甲", "乙", "丙", "坏"])
    assert not result.written and importer.calls == [[2, 3]]
    assert Tag.objects.count() == before
    (problem,) = result.problems
    assert problem.row == 4 and "写入失败" in problem.message and "这一批不能写入" in problem.message


def test_a_failed_row_is_reported_at_that_row(world, tmp_path):
    result, _importer, _progress = run(world, tmp_path, TagImporter, ["甲", "坏", "丙"])
    assert not result.written and result.problems[0].row == 3

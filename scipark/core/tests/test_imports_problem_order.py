"""A refused file's located errors are listed in the file's order — sheet, row, column — whatever order
the checks found them in: cells are parsed a column at a time, and a row's lookup (``build_change``) runs
only after every cell of its chunk was read, so its problem was found after a later row's bad cell."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from scipark.core.imports.columns import Column
from scipark.core.imports.importer import RowChange, RowError
from scipark.core.imports.runner import run_import
from scipark.core.imports.views import result_payload
from scipark.core.tests import hostile
from scipark.core.tests.test_imports_write_all import TagImporter


class NotedTagImporter(TagImporter):
    """A tag with a required 备注; the name 查无 is refused by the lookup, as an unknown enterprise is."""

    columns: ClassVar[tuple[Column, ...]] = (
        Column("name", "名称", required=True),
        Column("note", "备注", required=True),
    )

    def build_change(self, row: int, values: dict[str, Any], existing: Any | None) -> RowChange:
        if values["name"] == "查无":
            raise RowError("未找到。", field="name")
        return super().build_change(row, values, existing)


def test_problems_are_listed_by_row_then_column_of_the_file(world, tmp_path: Path):
    path = tmp_path / "upload.csv"
    rows = [
        ["备注", "名称"],  # the file's columns in another order than the importer declares them
        ["好", "甲"],  # row 2: sound
        ["", "=乙"],  # row 3: A empty (required), B a formula
        ["好", "=丙"],  # row 4: B a formula
        ["好", "查无"],  # row 5: refused by the lookup, at B
        ["", "丁"],  # row 6: A empty
    ]
    path.write_bytes(hostile.csv_bytes(rows))
    importer = NotedTagImporter(user=world.user("economy_staff"), park=world.park)
    result = run_import(importer, path, filename="标签.csv", dry_run=True)
    assert [(p.row, p.column_letter) for p in result.problems] == [
        (3, "A"),
        (3, "B"),
        (4, "B"),
        (5, "B"),
        (6, "A"),
    ]
    payload = result_payload(NotedTagImporter, result)
    assert [(p["row"], p["column"]) for p in payload["problems"]] == [
        (3, "A"),
        (3, "B"),
        (4, "B"),
        (5, "B"),
        (6, "A"),
    ]

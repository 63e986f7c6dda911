"""The import preview names each change as the page's reader knows it: the energy total read “energy_tce”
(a field name; it has no column), and an amount read “工业总产值(千元):8,000,000.00 元” — the file's unit
beside a value in 元. A change reads as the record's history shows it (``core.history``), in the reader's
language."""

from __future__ import annotations

from pathlib import Path

from django.utils import translation

from scipark.core.imports.runner import run_import
from scipark.core.imports.views import _preview_rows
from scipark.core.testing import World
from scipark.core.tests import hostile
from scipark.economy.importers import MonthlyReturnImporter


def test_the_preview_labels_are_the_fields_names_with_their_units(world: World, tmp_path: Path) -> None:
    path = tmp_path / "upload"
    path.write_bytes(
        hostile.xlsx(
            [
                ["统一社会信用代码", "企业名称", "工业总产值(千元)", "营业收入(千元)", "电力(kWh)"],
                [world.enterprise.credit_code, world.enterprise.name, "8000", "8200", "50000"],
            ]
        )
    )
    importer = MonthlyReturnImporter(user=world.user("economy_staff"), park=world.park, period="2023-12")
    result = run_import(importer, path, filename="月报.xlsx", dry_run=True)
    assert result.ok
    with translation.override("zh-hans"):
        (row,) = _preview_rows(MonthlyReturnImporter, result)
    shown = {label: after for label, _before, after in row["changes"]}
    # as the return's history shows them: the amount's unit with its value, whatever the file's header said
    assert shown["工业总产值(当年价格)"] == "800.00 万元"
    assert shown["营业收入"] == "820.00 万元"
    assert shown["综合能源消费量(吨标准煤)"] == "6.1450"
    assert not any("energy_tce" in label or "千元" in label for label in shown)
    with translation.override("en"):
        (row,) = _preview_rows(MonthlyReturnImporter, result)
    shown = {label: after for label, _before, after in row["changes"]}
    assert shown["Industrial output value (current prices)"] == "800.00 × 10,000 yuan"
    assert shown["Operating revenue"] == "820.00 × 10,000 yuan"

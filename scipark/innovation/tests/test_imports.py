"""Imports of the libraries through the shared pipeline: a patent ledger recognised by number (a second
import changes nothing, a corrected row updates), one bad row refuses the whole file with located
Chinese errors, the search finds imported rows at once; and the index rebuild command."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from scipark.core.imports.registry import importers
from scipark.core.imports.runner import run_import
from scipark.innovation import search
from scipark.innovation.importers import IMPORTERS, PatentImporter, PolicyImporter
from scipark.innovation.models import IntellectualProperty, Policy
from scipark.innovation.testing import IMPORT_ROWS

pytestmark = pytest.mark.django_db

HEADER = ["权利人企业", "权利人", "类型", "申请号/登记号", "名称", "申请日期", "授权(登记)日期", "法律状态"]


def workbook(path: Path, sheet: str, rows: list[list[Any]]) -> Path:
    book = Workbook()
    table = book.active
    assert table is not None
    table.title = sheet
    for row in rows:
        table.append(row)
    book.save(path)
    return path


def test_every_library_has_an_importer_in_the_shared_registry() -> None:
    kinds = set(importers())
    assert {f"innovation-{slug}" for slug in ("patents", "experts", "policies", "providers")} <= kinds
    assert sum(1 for k in kinds if k.startswith("innovation-")) == 10


def test_a_patent_ledger_is_imported_once_and_corrected_by_number(world: Any, tmp_path: Path) -> None:
    staff = world.user("innovation_staff")
    name = world.enterprise.name
    path = workbook(tmp_path / "p.xlsx", "专利库", [
        HEADER,
        [name, name, "发明专利", "ZL202110000001.1", "一种青稞β-葡聚糖的提取方法", "2021-03-01", "2023-05-09", "已授权"],
        ["", "青海大学", "实用新型专利", "ZL202120000002.2", "牦牛乳检测装置", "2021-06-01", "", "申请中"],
    ])  # fmt: skip
    result = run_import(PatentImporter(user=staff, park=world.park), path, filename=path.name)
    assert result.ok and result.created == 2, [str(p) for p in result.problems]
    patent = IntellectualProperty.objects.get(number="ZL202110000001.1")
    assert patent.enterprise_id == world.enterprise.pk and patent.park_id == world.park.pk
    assert [h.object_id for h in search.search(user=staff, query="青稞").hits] == [patent.pk]
    again = run_import(PatentImporter(user=staff, park=world.park), path, filename=path.name)
    assert again.ok and again.unchanged == 2 and again.changed == 0
    fixed = workbook(tmp_path / "q.xlsx", "专利库", [
        HEADER, ["", "青海大学", "实用新型专利", "ZL202120000002.2", "牦牛乳检测装置", "2021-06-01", "2022-01-10", "已授权"],
    ])  # fmt: skip
    third = run_import(PatentImporter(user=staff, park=world.park), fixed, filename=fixed.name)
    assert third.ok and third.updated == 1
    assert str(IntellectualProperty.objects.get(number="ZL202120000002.2").granted_on) == "2022-01-10"


def test_one_bad_row_refuses_the_whole_file_with_located_errors(world: Any, tmp_path: Path) -> None:
    staff = world.user("innovation_staff")
    path = workbook(tmp_path / "p.xlsx", "专利库", [
        HEADER,
        ["", "青海大学", "发明专利", "ZL202110000001.1", "好的一行", "2021-03-01", "", "申请中"],
        ["", "青海大学", "发明专利", "ZL202110000009.1", "授权早于申请", "2021-03-01", "2020-01-01", "已授权"],
        ["", "青海大学", "发明专利", "CN123", "号码有误", "2021-03-01", "", "申请中"],
    ])  # fmt: skip
    result = run_import(PatentImporter(user=staff, park=world.park), path, filename=path.name)
    assert not result.ok and not IntellectualProperty.objects.exists()
    messages = [str(p) for p in result.problems]
    assert any("第3行" in m and "授权日期不能早于申请日期" in m for m in messages), messages
    assert any("第4行" in m and "格式有误" in m for m in messages), messages


def test_other_staff_may_not_import_and_policies_come_in_by_title(world: Any, tmp_path: Path) -> None:
    path = workbook(tmp_path / "policy.xlsx", "政策库", [
        ["政策名称", "发布机关", "级别", "发布日期"], ["青海省科技型企业培育办法", "青海省科学技术厅", "省级", "2023-03-01"],
    ])  # fmt: skip
    refused = run_import(
        PolicyImporter(user=world.user("economy_staff"), park=world.park), path, filename="p.xlsx"
    )
    assert not refused.ok and not Policy.objects.exists()
    done = run_import(
        PolicyImporter(user=world.user("innovation_staff"), park=world.park), path, filename="p.xlsx"
    )
    assert done.ok and Policy.objects.get().level == "provincial"


def test_the_index_is_rebuilt_by_a_command(world: Any) -> None:
    Policy.objects.create(park=world.park, title="藏药产业扶持政策", issuer="西宁市科技局", level="municipal",
                          published_on="2023-01-01")  # fmt: skip
    out = StringIO()
    call_command("search_reindex", stdout=out)
    assert "已重建检索索引" in out.getvalue()
    assert search.search(user=world.user("innovation_staff"), query="藏药").total == 1


@pytest.mark.parametrize("slug", sorted(IMPORT_ROWS))
def test_each_librarys_minimal_file_imports(world: Any, tmp_path: Path, slug: str) -> None:
    """The route matrix's upload of each library (the required columns) is a clean import."""
    code = world.enterprise.credit_code
    rows = [[cell.replace("{credit_code}", code) for cell in row] for row in IMPORT_ROWS[slug]]
    path = workbook(tmp_path / f"{slug}.xlsx", "Sheet", rows)
    result = run_import(IMPORTERS[slug](user=world.user("innovation_staff"), park=world.park), path,
                        filename=path.name)  # fmt: skip
    assert result.ok and result.created == 1, [str(p) for p in result.problems]
    assert IMPORTERS[slug].library.model.objects.filter(park=world.park).count() == 1

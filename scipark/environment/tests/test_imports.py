"""Excel imports of the ledger of a round and of boilers: located Chinese errors, all or nothing, idempotent."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from scipark.core.imports.registry import importers
from scipark.core.imports.runner import run_import
from scipark.core.testing import World
from scipark.environment.importers import BoilerImporter, FindingImporter
from scipark.environment.models import Boiler, Finding, FindingState

FINDING_HEADER = ["编号", "来源", "督察轮次", "类别", "问题", "责任企业", "责任单位", "交办日期", "整改期限"]
BOILER_HEADER = [
    "使用登记证编号", "企业", "锅炉编号", "额定蒸发量(蒸吨/小时)", "年运行小时", "平均负荷率",
    "改造前实测NOx(mg/m³)", "改造前实测氧含量(%)", "改造后实测NOx(mg/m³)", "改造后实测氧含量(%)", "改造完成日期",
]  # fmt: skip


def xlsx(tmp_path: Path, sheet: str, header: list[str], rows: list[list[Any]]) -> Path:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    path = tmp_path / f"{sheet}.xlsx"
    book.save(path)
    return path


def findings_file(tmp_path: Path, world: World, **bad: Any) -> Path:
    rows = [
        ["ZY3-XF-01", "中央生态环境保护督察", 3, "信访举报件", "夜间异味", world.enterprise.name, "", "2023-11-20", "2023-12-31"],
        ["ZY3-XF-02", "中央生态环境保护督察", 3, "信访举报件", "噪声扰民", world.enterprise.credit_code, "", "2023-11-21", "2024-01-31"],
        ["ZC-01", "园区自查", None, "反馈问题", "雨水口油污", "", "园区环保局", "2023-12-01", "2023-12-20"],
    ]  # fmt: skip
    for index, (column, value) in bad.items():
        rows[int(index)][FINDING_HEADER.index(column)] = value
    return xlsx(tmp_path, "督察整改台账", FINDING_HEADER, rows)


def test_the_importers_are_declared() -> None:
    found = importers()
    assert found["environment-findings"] is FindingImporter and found["environment-boilers"] is BoilerImporter


def test_a_round_is_imported_once(world: World, tmp_path: Path) -> None:
    staff = world.user("environment_staff")
    path = findings_file(tmp_path, world)
    result = run_import(FindingImporter(user=staff, park=world.park), path, filename="台账.xlsx")
    assert result.ok and result.created == 3, [str(p) for p in result.problems]
    assert set(Finding.objects.filter(park=world.park).values_list("state", flat=True)) == {
        FindingState.REGISTERED
    }
    again = run_import(FindingImporter(user=staff, park=world.park), path, filename="台账.xlsx")
    assert again.ok and again.created == again.updated == 0 and again.unchanged == 3
    changed = findings_file(tmp_path, world, **{"1": ("整改期限", "2024-02-29")})
    third = run_import(FindingImporter(user=staff, park=world.park), changed, filename="台账.xlsx")
    assert third.updated == 1 and Finding.objects.get(number="ZY3-XF-02").deadline.isoformat() == "2024-02-29"


@pytest.mark.parametrize(
    ("bad", "where", "message"),
    [
        ({"1": ("整改期限", "2023-01-01")}, "第3行 I列“整改期限”", "整改期限不能早于交办日期"),
        ({"0": ("督察轮次", None)}, "第2行 C列“督察轮次”", "须填写督察轮次"),
        ({"2": ("责任单位", "")}, "第4行 G列“责任单位”", "请填写责任企业或责任单位"),
        ({"0": ("类别", "投诉")}, "第2行 D列“类别”", "不是允许的值"),
        ({"1": ("交办日期", "2023-13-40")}, "第3行 H列“交办日期”", "不是有效的日期"),
    ],
)
def test_a_bad_row_is_located_and_nothing_is_written(
    world: World, tmp_path: Path, bad: dict[str, Any], where: str, message: str
) -> None:
    path = findings_file(tmp_path, world, **bad)
    result = run_import(
        FindingImporter(user=world.user("environment_staff"), park=world.park), path, filename="x.xlsx"
    )
    assert not result.ok and not result.written
    text = "\n".join(str(p) for p in result.problems)
    assert where in text and message in text, text
    assert not Finding.objects.filter(number__startswith=("ZY3-XF")).exists()


def test_an_enterprise_of_another_park_reads_as_not_found(world: World, tmp_path: Path) -> None:
    path = findings_file(tmp_path, world, **{"0": ("责任企业", world.foreign_enterprise.name)})
    result = run_import(
        FindingImporter(user=world.user("environment_staff"), park=world.park), path, filename="x.xlsx"
    )
    assert (
        "未找到本园区的该企业" in str(result.problems[0])
        and not Finding.objects.filter(number="ZY3-XF-02").exists()
    )


def test_boilers_are_imported_matched_and_checked(world: World, tmp_path: Path) -> None:
    staff = world.user("environment_staff")
    on_file = Boiler.objects.create(
        park=world.park, enterprise=world.enterprise, name="1#", capacity_tph=Decimal(10), operating_hours=4000,
        load_factor=Decimal("0.8"), nox_before=Decimal(180), o2_before=Decimal("3.5"),
    )  # fmt: skip
    rows = [
        ["锅11青A0001(20)", world.enterprise.name, "1#", 10, 4500, 0.8, 180, 3.5, 28, 3.5, "2023-08-01"],
        ["锅11青A0002(21)", world.enterprise.credit_code, "2#", 4.5, 3000, 0.7, 150, 3.5, None, None, None],
    ]
    path = xlsx(tmp_path, "锅炉", BOILER_HEADER, rows)
    result = run_import(BoilerImporter(user=staff, park=world.park), path, filename="锅炉.xlsx")
    assert result.ok, [str(p) for p in result.problems]
    assert (result.created, result.updated) == (1, 1)
    on_file.refresh_from_db()
    assert on_file.registration_no == "锅11青A0001(20)" and on_file.operating_hours == 4500
    assert on_file.nox_after == Decimal(28)
    again = run_import(BoilerImporter(user=staff, park=world.park), path, filename="锅炉.xlsx")
    assert again.unchanged == 2 and again.changed == 0
    rows[1][BOILER_HEADER.index("改造前实测氧含量(%)")] = 21
    rows[0][BOILER_HEADER.index("年运行小时")] = 5000
    bad = run_import(
        BoilerImporter(user=staff, park=world.park),
        xlsx(tmp_path, "锅炉", BOILER_HEADER, rows),
        filename="b.xlsx",
    )
    text = "\n".join(str(p) for p in bad.problems)
    assert "第3行 H列“改造前实测氧含量(%)”" in text and "21" in text, text
    assert Boiler.objects.get(pk=on_file.pk).operating_hours == 4500  # nothing written


def test_the_pages_preview_then_import(client_for: Any, world: World, tmp_path: Path) -> None:
    staff = client_for("environment_staff")
    template = staff.get(reverse("environment:finding_import_template"))
    assert template.status_code == 200
    headers = [c.value for c in next(load_workbook(io.BytesIO(template.content)).active.iter_rows(max_row=1))]
    assert "编号" in headers and "整改期限" in headers
    upload = SimpleUploadedFile("台账.xlsx", findings_file(tmp_path, world).read_bytes())
    preview = staff.post(reverse("environment:finding_import"), {"park": world.park.pk, "file": upload})
    assert preview.status_code == 200
    token = re.search(r'name="token" value="([^"]+)"', preview.content.decode())
    assert token and not Finding.objects.filter(number="ZC-01").exists()
    done = staff.post(reverse("environment:finding_import"), {"token": token.group(1)})
    assert done.status_code == 200 and Finding.objects.filter(park=world.park, number="ZC-01").exists()
    assert client_for("enterprise_user").get(reverse("environment:finding_import")).status_code == 403
    assert client_for("economy_staff").get(reverse("environment:boiler_import")).status_code == 403

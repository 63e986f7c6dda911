"""Imports of the project ledger (``projects``) and of the banks' loan ledgers (``financing``) through the
shared pipeline: 万元/亿元 headers, located Chinese errors, all-or-nothing, idempotent, the template,
and the command line."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from scipark.core.imports.runner import run_import
from scipark.investment.importers import LoanImporter, ProjectImporter
from scipark.investment.models import Confirmation, Loan, LoanProduct, Project, Stage, StageChange

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db

PROJECT_HEADER = ["项目名称", "投资方", "投资方来源", "来源省份/国家", "行业", "计划总投资(亿元)", "招商方式", "展会/会议", "线索日期"]  # fmt: skip


def workbook(path: Path, sheet: str, rows: list[list[Any]]) -> Path:
    book = Workbook()
    table = book.active
    assert table is not None
    table.title = sheet
    for row in rows:
        table.append(row)
    book.save(path)
    return path


def projects_file(tmp_path: Path, *rows: list[Any]) -> Path:
    return workbook(tmp_path / "projects.xlsx", "招商项目", [PROJECT_HEADER, *rows])


def test_a_project_ledger_is_recorded_as_leads_and_a_second_import_changes_nothing(
    inv: Inv, tmp_path: Path
) -> None:
    path = projects_file(
        tmp_path,
        ["高原药材提取物基地", "成都某药业有限公司", "省外境内", "四川省", "2710", 3, "展会/会议", "青洽会", "2023-03-15"],
        ["锂电池隔膜", "某新能源有限公司", "省内", "", "", "12.5", "以商招商", "", ""],
    )  # fmt: skip
    importer = ProjectImporter(user=inv.staff, park=inv.world.park)
    result = run_import(importer, path, filename=path.name)
    assert result.ok and result.created == 2, [str(p) for p in result.problems]
    project = Project.objects.get(name="高原药材提取物基地")
    assert project.planned_investment == 3 * YI and project.stage == Stage.LEAD
    assert str(project.stage_since) == "2023-03-15" and project.industry_id == "2710"
    assert Project.objects.get(name="锂电池隔膜").planned_investment == 1_250_000_000
    assert StageChange.objects.filter(project=project, to_stage=Stage.LEAD).count() == 1
    again = run_import(ProjectImporter(user=inv.staff, park=inv.world.park), path, filename=path.name)
    assert again.ok and again.created == again.updated == 0 and again.unchanged == 2
    corrected = projects_file(
        tmp_path,
        ["高原药材提取物基地", "成都某药业有限公司", "省外境内", "四川省", "2710", 3.2, "展会/会议", "青洽会", ""],
    )  # fmt: skip
    third = run_import(ProjectImporter(user=inv.staff, park=inv.world.park), corrected, filename="p.xlsx")
    assert third.ok and third.updated == 1
    project.refresh_from_db()
    assert project.planned_investment == 320_000_000 and project.version == 2 and project.stage == Stage.LEAD


def test_one_bad_row_refuses_the_whole_file_with_located_chinese_errors(inv: Inv, tmp_path: Path) -> None:
    path = projects_file(
        tmp_path,
        ["高原药材提取物基地", "成都某药业有限公司", "省外境内", "四川省", "2710", 3, "展会/会议", "青洽会", ""],
        ["锂电池隔膜", "某新能源有限公司", "外星", "", "", "-1", "以商招商", "", "2099-01-01"],
        ["光伏组件", "某光伏有限公司", "省外境内", "", "", "2", "网络", "", ""],
    )  # fmt: skip
    result = run_import(ProjectImporter(user=inv.staff, park=inv.world.park), path, filename=path.name)
    assert not result.ok and not Project.objects.exists()
    messages = [str(p) for p in result.problems]
    assert any("第3行" in m and "C列" in m and "外星" in m for m in messages), messages
    assert any("第3行" in m and "F列" in m and "不能小于" in m for m in messages), messages
    assert any("第4行" in m and "来源省份" in m for m in messages), messages


def test_the_loan_ledger_counts_at_once_and_is_recognised_by_its_contract_number(
    inv: Inv, tmp_path: Path
) -> None:
    LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    header = [
        "借款合同编号",
        "企业",
        "贷款产品",
        "贷款银行",
        "贷款金额(万元)",
        "年利率(%)",
        "放款日期",
        "期限(月)",
    ]
    rows = [
        ["QHB-2023-0415", inv.world.enterprise.credit_code, "科创贷", "青海银行", 500, 3.65, "2023/4/15", 12],
        [
            "QHB-2023-0520",
            inv.world.other_enterprise.name,
            "科创贷",
            "青海银行",
            "297",
            "",
            "2023年5月20日",
            24,
        ],
    ]
    path = workbook(tmp_path / "loans.xlsx", "企业贷款", [header, *rows])
    result = run_import(LoanImporter(user=inv.staff, park=inv.world.park), path, filename=path.name)
    assert result.ok and result.created == 2, [str(p) for p in result.problems]
    loans = Loan.objects.order_by("granted_on")
    assert [loan.amount for loan in loans] == [5_000_000, 2_970_000]
    assert {loan.status for loan in loans} == {Confirmation.CONFIRMED}
    again = run_import(LoanImporter(user=inv.staff, park=inv.world.park), path, filename=path.name)
    assert again.ok and again.unchanged == 2 and Loan.objects.count() == 2
    foreign = [
        [
            "QHB-2023-0601",
            inv.world.foreign_enterprise.name,
            "专精特新贷",
            "青海银行",
            100,
            "",
            "2023-06-01",
            12,
        ]
    ]
    bad = workbook(tmp_path / "bad.xlsx", "企业贷款", [header, *foreign])
    refused = run_import(LoanImporter(user=inv.staff, park=inv.world.park), bad, filename=bad.name)
    messages = [str(p) for p in refused.problems]
    assert not refused.ok and any("第2行" in m and "未找到本园区的该企业" in m for m in messages), messages


def test_the_template_and_the_import_page(inv: Inv) -> None:
    client = Client()
    client.force_login(inv.staff)
    response = client.get(reverse("investment:project_import_template"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in next(book["招商项目"].iter_rows(max_row=1))]
    assert "项目名称" in headers and "计划总投资(万元)" in headers
    assert client.get(reverse("investment:loan_import")).status_code == 200
    enterprise = Client()
    enterprise.force_login(inv.world.user("enterprise_user"))
    assert enterprise.get(reverse("investment:project_import")).status_code == 403


def test_the_command_line_imports_projects(inv: Inv, tmp_path: Path) -> None:
    path = projects_file(tmp_path, ["高原药材提取物基地", "成都某药业有限公司", "省外境内", "四川省", "2710", 3, "展会/会议", "青洽会", ""])  # fmt: skip
    out = io.StringIO()
    call_command("import_data", "projects", str(path), user=inv.staff.username, dry_run=True, stdout=out)
    assert "检查通过" in out.getvalue() and not Project.objects.exists()
    call_command("import_data", "projects", str(path), user=inv.staff.username, stdout=io.StringIO())
    assert Project.objects.filter(park=inv.world.park).count() == 1
    with pytest.raises(CommandError):
        call_command("import_data", "financing", str(path), user=inv.staff.username, stderr=io.StringIO())

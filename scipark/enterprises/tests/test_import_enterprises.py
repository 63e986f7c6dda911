"""Importing enterprises: all or nothing, every error located, re-import changes nothing (rule 5)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from auditlog.models import LogEntry

from scipark.core.identifiers import credit_code_from_number
from scipark.core.imports.runner import run_import
from scipark.core.models import AuditEvent
from scipark.core.tests import hostile
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Contact, Enterprise


def counts() -> tuple[int, int, int]:
    return Enterprise.objects.count(), Contact.objects.count(), LogEntry.objects.count()


def run(
    world,
    tmp_path: Path,
    data: bytes,
    *,
    name: str = "企业.xlsx",
    persona: str = "economy_staff",
    dry_run=False,
):
    path = tmp_path / "upload"
    path.write_bytes(data)
    importer = EnterpriseImporter(user=world.user(persona), park=world.park)
    return run_import(importer, path, filename=name, dry_run=dry_run)


def assert_refused_and_located(
    world, tmp_path, data: bytes, *, name: str = "企业.xlsx", located: bool = True
):
    before = counts()
    result = run(world, tmp_path, data, name=name)
    assert not result.ok and not result.written
    assert counts() == before
    for problem in result.problems:
        assert problem.sheet or problem.filename
        if located:
            assert problem.row is not None
            assert problem.column is not None or problem.header
    event = AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).first()
    assert event is not None and event.result == AuditEvent.Result.FAILED
    assert event.detail["file"] == name
    return result


def test_a_good_file_creates_the_enterprises_and_logs_one_import(world, tmp_path):
    result = run(world, tmp_path, hostile.xlsx(hostile.good_rows(3)))
    assert result.ok and result.written and result.created == 3
    created = Enterprise.objects.get(credit_code=credit_code_from_number(100))
    assert created.park == world.park
    assert created.registered_capital == Decimal("5000000.00")  # 500 万元
    assert created.activity_type == "industry"
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT)
    assert events.count() == 1 and events.get().detail["created"] == 3


def test_importing_the_same_file_again_changes_nothing(world, tmp_path):
    data = hostile.xlsx(hostile.good_rows(3))
    run(world, tmp_path, data)
    versions = list(Enterprise.objects.order_by("pk").values_list("version", flat=True))
    logs = LogEntry.objects.count()
    again = run(world, tmp_path, data)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert list(Enterprise.objects.order_by("pk").values_list("version", flat=True)) == versions
    assert LogEntry.objects.count() == logs


def test_a_changed_field_updates_only_that_enterprise(world, tmp_path):
    rows = hostile.good_rows(2)
    run(world, tmp_path, hostile.xlsx(rows))
    rows[2][1] = "改名后的企业有限公司"
    result = run(world, tmp_path, hostile.xlsx(rows))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Enterprise.objects.get(credit_code=rows[2][0]).name == "改名后的企业有限公司"


def test_a_dry_run_previews_without_writing_or_logging(world, tmp_path):
    before = counts()
    result = run(world, tmp_path, hostile.xlsx(hostile.good_rows(2)), dry_run=True)
    assert result.ok and result.created == 2 and not result.written
    assert counts() == before
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT).exists()
    assert result.preview[0].changes["name"] == (None, "导入测试企业100有限公司")


def test_a_gb18030_csv_with_chinese_headers_and_unit_conversion_is_imported(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[0][3] = "注册资本(亿元)"
    rows[1][3] = "1.5"
    result = run(world, tmp_path, hostile.csv_bytes(rows, encoding="gb18030"), name="企业.csv")
    assert result.ok and result.created == 1
    assert Enterprise.objects.get(credit_code=rows[1][0]).registered_capital == Decimal("150000000.00")


def test_header_synonyms_and_full_width_forms_are_recognized(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[0] = ["信用代码", " 单位名称 ", "所属行业", "注册资本(万元)", "成立日期"]
    result = run(world, tmp_path, hostile.xlsx(rows))
    assert result.ok and result.created == 1


def test_a_bad_check_digit_names_sheet_row_and_column(world, tmp_path):
    rows = hostile.good_rows(6)
    good = rows[6][0]
    rows[6][0] = good[:17] + ("X" if good[17] != "X" else "Y")
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    [problem] = result.problems
    assert str(problem).startswith("工作表“企业”第7行 A列“统一社会信用代码”:")
    assert "校验位错误" in str(problem)


def test_every_bad_row_is_reported_not_only_the_first(world, tmp_path):
    rows = hostile.good_rows(3)
    rows[1][3] = "五百万"
    rows[2][2] = "9999"
    rows[3][4] = "2023-13-45"
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    located = {(p.row, p.column_letter) for p in result.problems}
    assert located == {(2, "D"), (3, "C"), (4, "E")}
    assert any("未找到“9999”" in str(p) for p in result.problems)


def test_text_in_a_number_column_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[1][3] = "五百"
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert "应为数字,实际为“五百”" in str(result.problems[0])


def test_duplicate_credit_codes_within_the_file_are_refused(world, tmp_path):
    rows = hostile.good_rows(2)
    rows.append(list(rows[1]))
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert str(result.problems[0]) == (
        "工作表“企业”第4行 A列“统一社会信用代码”:与第2行重复,同一文件中每家只能出现一次。"
    )


def test_formulas_are_refused_with_their_cell(world, tmp_path):
    rows = hostile.good_rows(2)
    rows[2][3] = "=100*5"
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert [(p.row, p.column_letter) for p in result.problems] == [(3, "D")]
    assert "公式" in result.problems[0].message


def test_text_starting_with_equals_in_a_csv_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[1][1] = '=HYPERLINK("http://evil")'
    result = assert_refused_and_located(world, tmp_path, hostile.csv_bytes(rows), name="企业.csv")
    assert result.problems[0].filename == "企业.csv" and result.problems[0].column_letter == "B"


def test_a_missing_required_header_is_refused(world, tmp_path):
    rows = [row[1:] for row in hostile.good_rows(2)]
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert "缺少必填列“统一社会信用代码”" in str(result.problems[0])


def test_a_duplicated_header_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[0].append("名称")
    rows[1].append("别名")
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert "与B列“企业名称”重复" in str(result.problems[0])


def test_merged_headers_are_refused(world, tmp_path):
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(hostile.good_rows(1), merge="B1:C1"))
    assert any("合并单元格 B1:C1" in str(p) for p in result.problems)


def test_an_unknown_industry_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[1][2] = "不存在的行业"
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert result.problems[0].header == "行业代码"


def test_industry_codes_with_their_section_letter_are_accepted(world, tmp_path):
    # Statistics files write the GB/T 4754 code after its section letter: C2710, c 2710, C27.
    rows = hostile.good_rows(3)
    rows[1][2], rows[2][2], rows[3][2] = "C2710", "c 2710", "C27"
    result = run(world, tmp_path, hostile.xlsx(rows))
    assert result.ok and result.created == 3, result.problems
    codes = Enterprise.objects.filter(name__startswith="导入测试企业").values_list("industry_id", flat=True)
    assert sorted(codes) == ["27", "2710", "2710"]


def test_a_section_letter_that_is_not_the_codes_own_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[1][2] = "A2710"
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert result.problems[0].header == "行业代码" and "A2710" in result.problems[0].message


def test_an_enterprise_of_another_park_is_an_error_not_a_move(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[1][0] = world.foreign_enterprise.credit_code
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert "其他园区" in str(result.problems[0])
    world.foreign_enterprise.refresh_from_db()
    assert world.foreign_enterprise.park == world.other_park


def test_a_row_naming_a_park_outside_the_users_reach_is_refused(world, tmp_path):
    rows = hostile.good_rows(1)
    rows[0].append("园区")
    rows[1].append(world.other_park.code)
    result = assert_refused_and_located(world, tmp_path, hostile.xlsx(rows))
    assert result.problems[0].header == "园区"


def test_a_user_without_import_rights_is_refused_and_logged(world, tmp_path):
    before = counts()
    result = run(world, tmp_path, hostile.xlsx(hostile.good_rows(1)), persona="park_leader")
    assert not result.ok and "没有导入" in str(result.problems[0])
    assert counts() == before
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORT).result == AuditEvent.Result.FAILED


@pytest.mark.parametrize(
    "data",
    [hostile.pdf_renamed(), hostile.zip_bomb(), hostile.billion_laughs(), hostile.zip_not_workbook()],
    ids=["pdf", "zip-bomb", "billion-laughs", "zip"],
)
def test_hostile_files_write_nothing(world, tmp_path, data):
    assert_refused_and_located(world, tmp_path, data, located=False)


def test_a_failure_while_writing_rolls_back_every_row(world, tmp_path, monkeypatch):
    # The import writes a chunk in bulk, the model's checks run a column at a time: the third row's name
    # fails the model field's own check (the import's column let it through), at write time.
    from django.core.exceptions import ValidationError

    from scipark.enterprises.models import Enterprise

    field = Enterprise._meta.get_field("name")
    original = field.clean

    def flaky(value, instance):
        if value == "导入测试企业102有限公司":
            raise ValidationError("模拟失败")
        return original(value, instance)

    monkeypatch.setattr(field, "clean", flaky)
    before = counts()
    result = run(world, tmp_path, hostile.xlsx(hostile.good_rows(4)))
    assert not result.ok and result.problems[0].row == 4
    assert "模拟失败" in result.problems[0].message and "写入失败" in result.problems[0].message
    assert counts() == before

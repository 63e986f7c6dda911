"""The import pages (upload → preview → confirm), the template download and the ``scipark import`` CLI."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from python_calamine import CalamineWorkbook

from scipark.core.models import AuditEvent
from scipark.core.tests import hostile
from scipark.enterprises.models import Enterprise

URL = "enterprises:import"


def upload(client, world, data: bytes, name: str = "企业.xlsx"):
    return client.post(reverse(URL), {"park": world.park.pk, "file": SimpleUploadedFile(name, data)})


def test_economy_staff_uploads_previews_and_confirms(world, client_for):
    client = client_for("economy_staff")
    assert client.get(reverse(URL)).status_code == 200
    before = Enterprise.objects.count()
    preview = upload(client, world, hostile.xlsx(hostile.good_rows(2)))
    assert preview.status_code == 200
    assert "将新建 2 条" in preview.content.decode()
    assert Enterprise.objects.count() == before
    token = preview.context["token"]
    done = client.post(reverse(URL), {"token": token})
    assert done.status_code == 200 and done.context["done"]
    assert Enterprise.objects.count() == before + 2
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT, result=AuditEvent.Result.OK).count() == 1


def test_a_confirmation_token_cannot_be_replayed_or_used_by_another_session(world, client_for):
    client = client_for("economy_staff")
    token = upload(client, world, hostile.xlsx(hostile.good_rows(1))).context["token"]
    other = client_for("economy_staff")
    assert other.post(reverse(URL), {"token": token}).context["expired"]
    assert client.post(reverse(URL), {"token": token}).context["done"]
    assert client.post(reverse(URL), {"token": token}).context["expired"]


def test_a_bad_upload_shows_located_errors_and_offers_no_confirmation(world, client_for):
    rows = hostile.good_rows(1)
    rows[1][3] = "五百"
    response = upload(client_for("economy_staff"), world, hostile.xlsx(rows))
    page = response.content.decode()
    assert "工作表“企业”第2行 D列“注册资本(万元)”:应为数字,实际为“五百”" in page
    assert "token" not in response.context or not response.context.get("token")


def test_a_renamed_pdf_upload_is_refused_on_the_page(world, client_for):
    response = upload(client_for("economy_staff"), world, hostile.pdf_renamed())
    assert "PDF" in response.content.decode()
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORT).result == AuditEvent.Result.FAILED


@pytest.mark.parametrize("persona", ["park_leader", "enterprise_user", "environment_staff", "audit_admin"])
def test_users_without_import_rights_get_403(world, client_for, persona):
    client = client_for(persona)
    assert client.get(reverse(URL)).status_code == 403
    assert upload(client, world, hostile.xlsx(hostile.good_rows(1))).status_code == 403
    assert client.get(reverse("enterprises:import_template")).status_code == 403


def test_staff_cannot_pick_a_park_outside_their_reach(world, client_for):
    client = client_for("economy_staff")
    response = client.post(
        reverse(URL),
        {
            "park": world.other_park.pk,
            "file": SimpleUploadedFile("a.xlsx", hostile.xlsx(hostile.good_rows(1))),
        },
    )
    assert response.status_code == 400
    assert not Enterprise.objects.filter(park=world.other_park, name__startswith="导入测试").exists()


def test_the_template_has_the_chinese_headers_an_example_and_an_explanation_sheet(world, client_for):
    response = client_for("economy_staff").get(reverse("enterprises:import_template"))
    assert response.status_code == 200
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert workbook.sheet_names == ["企业", "说明"]
    rows = workbook.get_sheet_by_name("企业").to_python()
    assert rows[0][:2] == ["统一社会信用代码", "企业名称"] and "注册资本(万元)" in rows[0]
    notes = "\n".join(str(c) for row in workbook.get_sheet_by_name("说明").to_python() for c in row)
    assert "在营" in notes and "万元" in notes


def test_the_template_itself_passes_the_header_check(world, client_for, tmp_path):
    from scipark.core.imports.runner import run_import
    from scipark.enterprises.importers import EnterpriseImporter

    content = client_for("economy_staff").get(reverse("enterprises:import_template")).content
    path = tmp_path / "template.xlsx"
    path.write_bytes(content)
    result = run_import(
        EnterpriseImporter(user=world.user("economy_staff"), park=world.park),
        path,
        filename="t.xlsx",
        dry_run=True,
    )
    assert not any(p.row == 1 for p in result.problems)  # only the placeholder example row may be wrong


def test_the_cli_imports_a_file_and_a_second_run_changes_nothing(world, tmp_path):
    path = tmp_path / "企业.csv"
    path.write_bytes(hostile.csv_bytes(hostile.good_rows(3)))
    out = io.StringIO()
    call_command(
        "import_data", "enterprises", str(path), "--user", "economy_staff", stdout=out, stderr=io.StringIO()
    )
    assert "新建 3" in out.getvalue()
    out = io.StringIO()
    call_command(
        "import_data",
        "enterprises",
        str(path),
        "--user",
        "economy_staff",
        "--park",
        "test-bio",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "新建 0,更新 0,未变化 3" in out.getvalue()


def test_the_cli_prints_located_errors_in_chinese_and_fails(world, tmp_path):
    rows = hostile.good_rows(2)
    rows[2][2] = "9999"
    path = tmp_path / "企业.xlsx"
    path.write_bytes(hostile.xlsx(rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何数据"):
        call_command(
            "import_data",
            "enterprises",
            str(path),
            "--user",
            "economy_staff",
            stdout=io.StringIO(),
            stderr=err,
        )
    assert "工作表“企业”第3行 C列“行业代码”:未找到“9999”" in err.getvalue()


def test_the_cli_refuses_a_user_without_import_rights(world, tmp_path):
    path = tmp_path / "企业.xlsx"
    path.write_bytes(hostile.xlsx(hostile.good_rows(1)))
    before = Enterprise.objects.count()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_data", "enterprises", str(path), "--user", "park_leader", stdout=io.StringIO(), stderr=err
        )
    assert "没有导入" in err.getvalue()
    assert Enterprise.objects.count() == before
    assert AuditEvent.objects.get(kind=AuditEvent.Kind.IMPORT).result == AuditEvent.Result.FAILED


def test_the_cli_dry_run_writes_nothing(world, tmp_path):
    path = tmp_path / "企业.xlsx"
    path.write_bytes(hostile.xlsx(hostile.good_rows(2)))
    before = Enterprise.objects.count()
    out = io.StringIO()
    call_command(
        "import_data",
        "enterprises",
        str(path),
        "--user",
        "economy_staff",
        "--dry-run",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "检查通过(未写入)" in out.getvalue()
    assert Enterprise.objects.count() == before


def test_the_import_page_reads_in_english(world, client_for):
    """The upload form's labels and the page's title were plain Chinese strings on the English page."""
    client = client_for("economy_staff")
    client.cookies["django_language"] = "en"
    page = client.get(reverse(URL))
    html = page.content.decode()
    assert page.context["title"] == "Import Enterprise"
    assert "Import into park" in html and "File (.xlsx or .csv)" in html
    assert "导入到园区" not in html and "文件(.xlsx 或 .csv)" not in html


def test_the_preview_reads_in_the_readers_language(world, client_for):
    """A new enterprise's capital in the preview: 注册资本:500.00 万元, and in English under the field's English
    name with an English colon (it read 注册资本(万元):500 万元 on both pages)."""
    client = client_for("economy_staff")
    page = upload(client, world, hostile.xlsx(hostile.good_rows(1))).content.decode()
    assert "注册资本:500.00 万元" in page
    client.cookies["django_language"] = "en"
    page = upload(client, world, hostile.xlsx(hostile.good_rows(1))).content.decode()
    assert "Registered capital: 500.00 × 10,000 yuan" in page and "注册资本" not in page

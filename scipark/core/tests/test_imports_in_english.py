"""An import's outcome and located errors come in the language of the page that started it: the task runs
in the uploader's language (``core.tasks.import_file``'s ``language``), while the file's headers and choice
labels stay the Chinese it is written in."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scipark.core.tests import hostile
from scipark.enterprises.models import Enterprise

URL = "enterprises:import"


def _upload(client, world, rows, *, english: bool, name: str = "企业.xlsx"):
    if english:
        client.cookies["django_language"] = "en"
    data = hostile.xlsx(rows) if isinstance(rows, list) else rows
    return client.post(reverse(URL), {"park": world.park.pk, "file": SimpleUploadedFile(name, data)})


def _with_status(rows, status: str):
    rows = [list(r) for r in rows]
    rows[0].append("经营状态")
    for row in rows[1:]:
        row.append(status)
    return rows


def test_located_errors_are_in_english_on_the_english_page(world, client_for):
    rows = hostile.good_rows(2)
    rows[1][3] = "五百"
    page = _upload(client_for("economy_staff"), world, rows, english=True).content.decode()
    assert "Sheet “企业”, row 2, column D “注册资本(万元)”: Should be a number, but is “五百”." in page
    assert "应为数字" not in page


def test_located_errors_stay_chinese_on_the_chinese_page(world, client_for):
    rows = hostile.good_rows(2)
    rows[1][3] = "五百"
    page = _upload(client_for("economy_staff"), world, rows, english=False).content.decode()
    assert "工作表“企业”第2行 D列“注册资本(万元)”:应为数字,实际为“五百”。" in page


def test_a_refused_file_is_named_in_english(world, client_for):
    page = _upload(
        client_for("economy_staff"), world, hostile.pdf_renamed(), english=True, name="x.xlsx"
    ).content.decode()
    assert "File “x.xlsx”: The file is actually a PDF document, not an Excel (.xlsx) or CSV file." in page


def test_an_english_reader_imports_a_file_written_with_chinese_labels(world, client_for):
    """The file's choice labels (停产) are the Chinese they are written in, whatever the reader's language."""
    client = client_for("economy_staff")
    preview = _upload(client, world, _with_status(hostile.good_rows(1), "停产"), english=True)
    assert preview.status_code == 200 and preview.context["token"], preview.content.decode()[-2000:]
    before = Enterprise.objects.count()
    done = client.post(reverse(URL), {"token": preview.context["token"]})
    assert done.context["done"]
    assert Enterprise.objects.count() == before + 1
    assert Enterprise.objects.get(name="导入测试企业100有限公司").status == Enterprise.Status.SUSPENDED


def test_a_wrong_choice_is_refused_in_english_with_the_chinese_choices(world, client_for):
    page = _upload(
        client_for("economy_staff"), world, _with_status(hostile.good_rows(1), "Active"), english=True
    ).content.decode()
    assert "“Active” is not an allowed value; 可选:" in page


def test_the_worker_words_the_run_in_the_language_it_was_given(world, tmp_path):
    """Outside any request (the worker's process, the site's language active), the run reads in the
    language the page passed; a run queued without one reads in the site's."""
    from scipark.core.models import TaskRun
    from scipark.core.tasks import import_file

    rows = hostile.good_rows(1)
    rows[1][3] = "五百"
    results = {}
    for language in ("en", ""):
        stored = tmp_path / f"upload-{language or 'site'}.xlsx"
        stored.write_bytes(hostile.xlsx(rows))
        run = TaskRun.objects.create(
            kind="import:enterprises", user=world.user("economy_staff"), park=world.park
        )
        import_file.call(
            run_id=run.pk,
            kind="enterprises",
            path=str(stored),
            filename="企业.xlsx",
            dry_run=True,
            language=language,
        )
        run.refresh_from_db()
        results[language] = (run.message, run.errors[0]["text"])
    assert results["en"] == (
        "The file “企业.xlsx” has 1 errors; nothing was imported.",
        "Sheet “企业”, row 2, column D “注册资本(万元)”: Should be a number, but is “五百”.",
    )
    assert results[""] == (
        "文件“企业.xlsx”有 1 处错误,未导入任何数据。",
        "工作表“企业”第2行 D列“注册资本(万元)”:应为数字,实际为“五百”。",
    )

"""Background work (ADR 0011): the import page's run record and polled fragment, and the failed-task path.

The tests run tasks with the immediate back end (settings.test): a task has ended when ``enqueue`` returns.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from scipark.core.imports import storage
from scipark.core.models import AuditEvent, TaskRun
from scipark.core.tests import hostile
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Enterprise

URL = "enterprises:import"


def upload(client, world, data: bytes, name: str = "企业.xlsx"):
    return client.post(reverse(URL), {"park": world.park.pk, "file": SimpleUploadedFile(name, data)})


def fragment(client, run: TaskRun):
    return client.get(reverse("core:task_run", args=[run.token.hex]))


def test_the_check_and_the_write_each_leave_a_run_with_progress_and_the_result(world, client_for):
    client = client_for("economy_staff")
    preview = upload(client, world, hostile.xlsx(hostile.good_rows(2)))
    check = TaskRun.objects.get(kind="import:enterprises", label__startswith="检查")
    assert check.state == TaskRun.State.DONE and check.user == world.user("economy_staff")
    assert check.park == world.park
    assert (check.stage, check.done, check.total) == ("validate", 2, 2)
    assert check.result["created"] == 2 and not check.result["written"] and check.errors == []
    assert preview.context["token"] == check.result["token"]
    assert (storage.upload_dir() / check.result["token"]).is_file()

    done = client.post(reverse(URL), {"token": preview.context["token"]})
    assert done.status_code == 200 and done.context["done"]
    write = TaskRun.objects.get(kind="import:enterprises", label__startswith="导入")
    assert write.state == TaskRun.State.DONE and write.result["written"]
    assert write.done == write.total == 2
    assert not (storage.upload_dir() / check.result["token"]).exists()  # the write task removed the file
    assert "导入完成:新建 2 条" in fragment(client, write).content.decode()


def test_a_run_is_read_only_by_who_started_it(world, client_for):
    owner = client_for("economy_staff")
    upload(owner, world, hostile.xlsx(hostile.good_rows(1)))
    run = TaskRun.objects.get()
    assert fragment(owner, run).status_code == 200
    assert fragment(client_for("park_leader"), run).status_code == 404
    assert fragment(client_for("security_admin"), run).status_code == 404
    assert fragment(Client(), run).status_code == 302
    assert owner.get(reverse("core:task_run", args=["not-a-token"])).status_code == 404


def test_a_run_in_progress_polls_every_second_with_its_bar(world, client_for):
    user = world.user("economy_staff")
    run = TaskRun.objects.create(
        kind="import:enterprises", label="导入企业:a.xlsx", user=user, park=world.park, state="running"
    )
    TaskRun.objects.filter(pk=run.pk).update(stage="validate", done=300, total=1200)
    page = fragment(client_for("economy_staff"), run).content.decode()
    assert 'hx-trigger="every 1s"' in page and reverse("core:task_run", args=[run.token.hex]) in page
    assert 'value="300" max="1200"' in page and "300 / 1200" in page and "检查" in page
    run.refresh_from_db()
    assert run.percent == 25


def test_located_errors_end_on_the_run_and_on_the_page(world, client_for):
    rows = hostile.good_rows(1)
    rows[1][3] = "五百"
    client = client_for("economy_staff")
    response = upload(client, world, hostile.xlsx(rows))
    run = TaskRun.objects.get()
    assert run.state == TaskRun.State.FAILED
    assert run.errors[0]["row"] == 2 and run.errors[0]["column"] == "D"
    located = run.errors[0]["text"]
    assert located.startswith("工作表“企业”第2行 D列“注册资本(万元)”:应为数字,实际为“五百”")
    assert located in response.content.decode() and located in fragment(client, run).content.decode()
    assert "hx-trigger" not in fragment(client, run).content.decode()


def test_a_task_that_fails_while_writing_writes_nothing_and_its_run_says_why(world, client_for, monkeypatch):
    client = client_for("economy_staff")
    preview = upload(client, world, hostile.xlsx(hostile.good_rows(3)))
    before = Enterprise.objects.count()
    original = EnterpriseImporter.write_all

    def write_then_crash(self, changes, context):
        original(self, changes, context)  # every row is written inside the import's transaction …
        raise RuntimeError("the worker's disk is gone")  # … and then the task dies

    monkeypatch.setattr(EnterpriseImporter, "write_all", write_then_crash)
    response = client.post(reverse(URL), {"token": preview.context["token"]})
    assert response.status_code == 400
    assert Enterprise.objects.count() == before  # the transaction rolled back: none of the 3 rows
    run = TaskRun.objects.get(label__startswith="导入")
    assert run.state == TaskRun.State.FAILED and run.finished_at is not None
    assert "内部错误,未写入任何数据" in run.message
    page = response.content.decode()
    assert "内部错误,未写入任何数据" in page and "RuntimeError" not in page and "disk" not in page
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT, result=AuditEvent.Result.FAILED).exists()


def test_a_task_whose_user_lost_the_right_writes_nothing(world, client_for):
    client = client_for("economy_staff")
    preview = upload(client, world, hostile.xlsx(hostile.good_rows(1)))
    before = Enterprise.objects.count()
    user = world.user("economy_staff")
    user.is_active = False
    user.save(update_fields=["is_active"])
    run = TaskRun.objects.create(kind="import:enterprises", user=user, park=world.park)
    from scipark.core.tasks import import_file

    path = storage.upload_dir() / preview.context["token"]
    import_file.enqueue(run_id=run.pk, kind="enterprises", path=str(path), filename="a.xlsx", dry_run=False)
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED and "已停用" in run.message
    assert Enterprise.objects.count() == before and not path.exists()


def test_with_a_queue_the_page_answers_at_once_with_the_progress_that_polls(world, client_for, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs
    client = client_for("economy_staff")
    before = Enterprise.objects.count()
    response = upload(client, world, hostile.xlsx(hostile.good_rows(2)))
    run = TaskRun.objects.get()
    assert response.status_code == 200 and run.state == TaskRun.State.QUEUED
    page = response.content.decode()
    assert reverse("core:task_run", args=[run.token.hex]) in page and 'hx-trigger="every 1s"' in page
    assert "排队中" in page and 'data-testid="import-upload"' not in page
    assert Enterprise.objects.count() == before

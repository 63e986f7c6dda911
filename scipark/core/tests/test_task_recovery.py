"""A worker killed in the middle of a task (issue 15 item 3, ADR 0011): ``scipark tick`` finds the run whose
process is gone — at once on the same machine, after ``SCIPARK_TASK_STALE_MINUTES`` without progress for
another machine — and puts it back on the queue once, then marks it failed with a Chinese message the
progress fragment shows; the django-tasks-db row is never left RUNNING.

The kill is simulated: a queue row claimed (RUNNING) and a run "running" in a process that has exited.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import socket
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from scipark.core import task_recovery
from scipark.core.models import TaskRun
from scipark.core.task_recovery import this_worker, worker_alive
from scipark.core.tasks import scheduled_job
from scipark.core.testing import World

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def dead_worker() -> str:
    """A process of this machine that has ended (and was reaped), as a run records its worker."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return f"{socket.gethostname()}:{process.pid}:1"


def tick() -> str:
    out = io.StringIO()
    call_command("tick", "--date", "2024-01-15", stdout=out)
    return out.getvalue()


def killed_mid_task(settings: Any, *, attempts: int = 1, worker: str | None = None) -> tuple[TaskRun, Any]:
    """An escalation run whose worker claimed its queue row, started it, and was killed (``kill -9``)."""
    settings.TASKS = DATABASE_QUEUE
    run = TaskRun.objects.create(kind="job:escalate_appeals", label="超期诉求督办", period="2024-01-15")
    queued = scheduled_job.enqueue(run_id=run.pk, name="escalate_appeals")
    row = DBTaskResult.objects.get(pk=queued.id)
    row.claim("worker-1")
    TaskRun.objects.filter(pk=run.pk).update(
        state=TaskRun.State.RUNNING,
        started_at=timezone.now(),
        worker=dead_worker() if worker is None else worker,
        attempts=attempts,
        stage="",
    )
    run.refresh_from_db()
    return run, row


def test_this_process_is_alive_and_an_ended_one_is_not() -> None:
    assert worker_alive(this_worker()) is True
    assert worker_alive(dead_worker()) is False
    assert worker_alive(f"another-host:{os.getpid()}:1") is None  # this machine cannot tell
    assert worker_alive("") is None


def test_a_reused_pid_is_not_the_worker() -> None:
    host, pid, ticks = this_worker().split(":")
    if not ticks:
        pytest.skip("no /proc here: a pid's start time cannot be read")
    assert worker_alive(f"{host}:{pid}:{int(ticks) + 1}") is False


def test_a_run_whose_worker_was_killed_is_requeued_and_the_worker_then_finishes_it(
    world: World, settings: Any
) -> None:
    run, row = killed_mid_task(settings)
    assert "1 个中断的任务已重新排队" in tick()
    run.refresh_from_db()
    row.refresh_from_db()
    assert run.state == TaskRun.State.QUEUED and "已自动重新排队(第 2 次执行)" in run.message
    assert row.status == TaskResultStatus.READY and row.started_at is None

    # what ``db_worker`` does with the next ready row (its loop's exclusive transaction aside: the test runs in one)
    ready = DBTaskResult.objects.ready().get(pk=row.pk)
    ready.claim("worker-2")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="worker-2",
    ).run_task(ready)
    run.refresh_from_db()
    row.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.attempts == 2
    assert "超期督办" in run.message  # the command's own report
    assert row.status == TaskResultStatus.SUCCESSFUL


def test_a_run_killed_again_is_marked_failed_in_chinese_and_its_queue_row_too(
    world: World, settings: Any
) -> None:
    run, row = killed_mid_task(settings, attempts=2)
    assert "1 个中断的任务已标记为失败" in tick()
    run.refresh_from_db()
    row.refresh_from_db()
    assert run.state == TaskRun.State.FAILED and run.finished_at is not None
    assert run.message == "任务中断(后台进程已退出),已回滚,未做任何变更。"
    assert row.status == TaskResultStatus.FAILED and row.exception_class_path == task_recovery.LOST
    assert "已标记" not in tick()  # once


def test_the_failed_import_says_so_in_its_progress_fragment(world: World, client_for: Any) -> None:
    user = world.user("economy_staff")
    run = TaskRun.objects.create(
        kind="import:enterprises",
        label="导入企业:a.xlsx",
        user=user,
        park=world.park,
        state=TaskRun.State.RUNNING,
        worker=dead_worker(),
        attempts=1,
    )  # no queue row left: nothing to retry
    assert "1 个中断的任务已标记为失败" in tick()
    page = client_for("economy_staff").get(reverse("core:task_run", args=[run.token.hex]))
    text = page.content.decode()
    assert 'data-state="failed"' in text and "hx-trigger" not in text
    assert "任务中断(后台进程已退出),未写入任何数据,请重新操作。" in text


def test_an_export_killed_for_good_says_no_file_was_made(world: World, client_for: Any) -> None:
    user = world.user("zone_viewer")
    run = TaskRun.objects.create(
        kind="export:xlsx", label="导出“企业”", user=user, state=TaskRun.State.RUNNING, worker=dead_worker()
    )
    tick()
    text = client_for("zone_viewer").get(reverse("core:task_run", args=[run.token.hex])).content.decode()
    assert "未生成文件" in text and 'data-state="failed"' in text


def test_a_retried_run_shows_why_while_it_waits(world: World, client_for: Any, settings: Any) -> None:
    run, _row = killed_mid_task(settings)
    TaskRun.objects.filter(pk=run.pk).update(user=world.user("economy_staff"))
    tick()
    text = client_for("economy_staff").get(reverse("core:task_run", args=[run.token.hex])).content.decode()
    assert 'hx-trigger="every 1s"' in text and "已自动重新排队" in text


def test_a_live_worker_is_left_alone_however_long_its_write_takes(world: World, settings: Any) -> None:
    run, _row = killed_mid_task(settings, worker=this_worker())
    long_ago = timezone.now() - dt.timedelta(minutes=settings.SCIPARK_TASK_STALE_MINUTES * 3)
    TaskRun.objects.filter(pk=run.pk).update(updated_at=long_ago)
    assert "中断" not in tick()
    run.refresh_from_db()
    assert run.state == TaskRun.State.RUNNING


def test_a_worker_on_another_machine_is_judged_by_its_last_progress(world: World, settings: Any) -> None:
    run, _row = killed_mid_task(settings, worker="worker-host-2:4242:99")
    assert "中断" not in tick()  # progress written just now
    stale = timezone.now() - dt.timedelta(minutes=settings.SCIPARK_TASK_STALE_MINUTES + 1)
    TaskRun.objects.filter(pk=run.pk).update(updated_at=stale)
    assert "1 个中断的任务已重新排队" in tick()


def test_a_queued_run_whose_worker_died_before_starting_it_is_requeued(world: World, settings: Any) -> None:
    run, row = killed_mid_task(settings)
    TaskRun.objects.filter(pk=run.pk).update(state=TaskRun.State.QUEUED, worker="", attempts=0)
    stale = timezone.now() - dt.timedelta(minutes=settings.SCIPARK_TASK_STALE_MINUTES + 1)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=stale)
    assert "1 个中断的任务已重新排队" in tick()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY


def test_a_run_starting_records_its_process_and_counts_the_attempt(world: World) -> None:
    run = TaskRun.objects.create(kind="job:escalate_appeals", label="超期诉求督办", period="2024-01-16")
    scheduled_job.enqueue(run_id=run.pk, name="escalate_appeals")  # the tests' immediate back end
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE and run.attempts == 1
    assert run.worker == this_worker()

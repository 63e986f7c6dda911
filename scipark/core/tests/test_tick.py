"""``scipark tick`` (ADR 0011): the periodic jobs are enqueued at most once per period and run through the
same commands an operator types; runs left "running" by a dead worker are marked failed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from scipark.core.models import TaskRun
from scipark.economy.collection import deadline_for
from scipark.economy.views.base import due_period


def tick(date: str = "", verbosity: int = 1) -> str:
    out = io.StringIO()
    call_command("tick", *(["--date", date] if date else []), verbosity=verbosity, stdout=out)
    return out.getvalue()


def test_the_daily_jobs_run_once_a_day(world, settings):
    settings.SCIPARK_REMIND_RETURNS_USER = ""
    first = tick("2024-01-15")
    runs = TaskRun.objects.filter(period="2024-01-15")
    assert sorted(runs.values_list("kind", flat=True)) == [
        "job:alerts_evaluate",
        "job:escalate_appeals",
        "job:remind_certificates",
    ]
    assert all(run.state == TaskRun.State.DONE and run.user is None for run in runs)
    assert "超期诉求督办与临期提醒(2024-01-15):已加入队列" in first
    escalate = runs.get(kind="job:escalate_appeals")
    assert "临期提醒 0 件,超期督办 0 件" in escalate.message  # the command's own report
    alerts = runs.get(kind="job:alerts_evaluate").message
    assert "新增预警" in alerts or "未评估" in alerts

    again = tick("2024-01-15", verbosity=2)
    assert TaskRun.objects.count() == 3
    assert "本周期已运行,跳过" in again and "已加入队列" not in again

    tick("2024-01-16")
    assert TaskRun.objects.filter(period="2024-01-16").count() == 3


def test_return_reminders_go_once_a_month_after_the_deadline(world, settings):
    settings.SCIPARK_REMIND_RETURNS_USER = "economy_staff"
    month = due_period()
    deadline = deadline_for(month)
    tick(deadline.isoformat())
    assert not TaskRun.objects.filter(kind="job:remind_returns").exists()  # not yet overdue

    tick((deadline + dt.timedelta(days=1)).isoformat())
    tick((deadline + dt.timedelta(days=2)).isoformat())
    run = TaskRun.objects.get(kind="job:remind_returns")
    assert run.period == f"{month:%Y-%m}" and run.state == TaskRun.State.DONE
    assert "发送催报提醒" in run.message


def test_a_failing_job_ends_failed_with_the_commands_reason(world, settings):
    settings.SCIPARK_REMIND_RETURNS_USER = "nobody-here"
    tick((deadline_for(due_period()) + dt.timedelta(days=1)).isoformat())
    run = TaskRun.objects.get(kind="job:remind_returns")
    assert run.state == TaskRun.State.FAILED
    assert run.message == "用户“nobody-here”不存在或已停用。"


def test_a_run_left_running_by_a_dead_worker_is_marked_failed(world, settings):
    settings.SCIPARK_REMIND_RETURNS_USER = ""
    user = world.user("economy_staff")
    dead = TaskRun.objects.create(kind="import:enterprises", user=user, park=world.park, state="running")
    alive = TaskRun.objects.create(kind="import:enterprises", user=user, park=world.park, state="running")
    long_ago = timezone.now() - dt.timedelta(minutes=settings.SCIPARK_TASK_STALE_MINUTES + 1)
    TaskRun.objects.filter(pk=dead.pk).update(updated_at=long_ago)
    assert "1 个中断的任务已标记为失败" in tick()
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == TaskRun.State.FAILED and "未写入任何数据" in dead.message
    assert alive.state == TaskRun.State.RUNNING


def test_a_wrong_date_is_refused_in_chinese(world):
    with pytest.raises(CommandError, match="无法识别"):
        tick("15.01.2024")

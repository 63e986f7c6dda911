"""``scipark tick``: enqueue the periodic jobs that are due, each at most once per period (ADR 0011).

Run once a minute (``make run`` / ``scipark run`` does; in production the process manager's timer). A job's
run is a :class:`~scipark.core.models.TaskRun` whose ``period`` names the day or month it covers; the
table's unique (kind, period) makes a second tick in the same period — or two ticks at once — enqueue
nothing. The worker (``manage.py db_worker``) runs them through the same command an operator would type.

It also recovers the runs whose worker died (``core.task_recovery``): the process recorded on a "running" run
is gone (or, for a worker on another machine, no progress for ``SCIPARK_TASK_STALE_MINUTES``), so the run is
put back on the queue once, then marked failed with the reason in Chinese — never left running. And it removes
the files large exports and reports produced for their users once they are ``SCIPARK_RUN_FILES_DAYS`` old.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import IntegrityError, transaction
from django.utils import timezone

from scipark.core.management.dates import date_option
from scipark.core.models import TaskRun
from scipark.core.run_files import prune_run_files
from scipark.core.task_recovery import recover_abandoned
from scipark.core.tasks import JOBS, scheduled_job


def due_periods(today: dt.date) -> dict[str, str]:
    """The period each job is due for today; a job absent from the answer is not due."""
    due: dict[str, str] = {}
    for name, (_label, period) in JOBS.items():
        if name == "remind_returns":
            if not settings.SCIPARK_REMIND_RETURNS_USER:
                continue
            from scipark.economy.collection import deadline_for
            from scipark.economy.views.base import due_period

            month = due_period()
            if today > deadline_for(month):  # once a return month, on the first tick after its deadline
                due[name] = f"{month:%Y-%m}"
        elif period == "day":
            due[name] = today.isoformat()
    return due


def enqueue_due(today: dt.date) -> tuple[list[TaskRun], list[str]]:
    """Enqueue every job due today that has no run for its period yet: (the new runs, the jobs skipped)."""
    started: list[TaskRun] = []
    skipped: list[str] = []
    for name, period in due_periods(today).items():
        try:
            with transaction.atomic():
                run = TaskRun.objects.create(kind=f"job:{name}", label=JOBS[name][0], period=period)
        except IntegrityError:
            skipped.append(name)
            continue
        scheduled_job.enqueue(run_id=run.pk, name=name)
        started.append(run)
    return started, skipped


class Command(BaseCommand):
    help = "将到期的定时任务(诉求督办、催报提醒、指标预警、资质认定到期提醒)加入后台队列,每个周期至多一次;每分钟运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help="按该日期判断是否到期,如 2024-01-15(默认今天)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date_option(options["date"])
        now = timezone.now()
        recovery = recover_abandoned(now)
        prune_run_files(now)
        started, skipped = enqueue_due(today)
        for run in started:
            run.refresh_from_db()
            self.stdout.write(f"{run.label}({run.period}):已加入队列,{run.get_state_display()}。")
        if options["verbosity"] > 1:
            for name in skipped:
                self.stdout.write(f"{JOBS[name][0]}:本周期已运行,跳过。")
        if recovery.retried:
            self.stdout.write(f"{len(recovery.retried)} 个中断的任务已重新排队。")
        if recovery.failed:
            self.stdout.write(f"{len(recovery.failed)} 个中断的任务已标记为失败。")

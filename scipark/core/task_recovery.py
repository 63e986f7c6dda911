"""Runs whose worker died (``kill -9``, a crash, a reboot, a second Ctrl-C): retried once, else failed — never
left "running" (ADR 0011, issue 15 item 3).

django-tasks-db has no heartbeat: a worker killed mid-task leaves its queue row ``RUNNING`` and our
:class:`TaskRun` ``running`` forever. Each run records the process that runs it (``host:pid:start``,
:func:`this_worker`), so ``scipark tick`` on the same machine tells at once that the process is gone (a pid
reused by another process has another start time); for a worker on another machine it falls back to the
last sign of life, the run's ``updated_at`` (every progress write), older than ``SCIPARK_TASK_STALE_MINUTES``.

A run found abandoned is put back on the queue while it has run fewer than ``SCIPARK_TASK_ATTEMPTS`` times:
every task here is safe to run again (an import's write is one transaction and re-importing a file changes
nothing; an export or a report only reads; a scheduled job runs in one transaction). Otherwise — or when its
queue row is gone — the run is marked failed with a Chinese message the progress fragment shows, and the
queue row too, so neither is left running.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import TaskRun

#: How many times a run may start before an interrupted one is failed instead of retried.
ATTEMPTS = 2
RETRIED = "后台进程中断,任务已自动重新排队(第 {n} 次执行)。"
FAILED_IMPORT = "任务中断(后台进程已退出),未写入任何数据,请重新操作。"
FAILED_FILE = "任务中断(后台进程已退出),未生成文件,请重新操作。"
FAILED_JOB = "任务中断(后台进程已退出),已回滚,未做任何变更。"
LOST = "scipark.core.task_recovery.WorkerLost"


def _stat_fields(pid: int) -> list[str] | None:
    """``/proc/<pid>/stat`` from its third field (state) on, or None where there is no such file."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # the command name in parentheses may hold spaces


def _start_ticks(pid: int) -> str:
    fields = _stat_fields(pid)
    return fields[19] if fields and len(fields) > 19 else ""  # field 22: start time since boot


def this_worker() -> str:
    """This process, as a run records it: ``host:pid:start``."""
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_start_ticks(pid)}"


def worker_alive(worker: str) -> bool | None:
    """Whether the recorded process still runs: True/False when it ran on this machine, None when this machine
    cannot tell (another host, nothing recorded)."""
    host, _, rest = worker.partition(":")
    if not worker or host != socket.gethostname():
        return None
    pid_text, _, ticks = rest.partition(":")
    try:
        pid = int(pid_text)
    except ValueError:
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process: it exists
    fields = _stat_fields(pid)
    if fields is not None:
        if fields[0] in ("Z", "X"):  # killed, not yet reaped by its parent
            return False
        if ticks and len(fields) > 19 and fields[19] != ticks:
            return False  # the pid now belongs to another process
    return True


def max_attempts() -> int:
    return int(getattr(settings, "SCIPARK_TASK_ATTEMPTS", ATTEMPTS))


def failed_message(kind: str) -> str:
    if kind.startswith("import:"):
        return FAILED_IMPORT
    if kind.startswith("job:"):
        return FAILED_JOB
    return FAILED_FILE


@dataclass
class Recovery:
    """What one pass did: the runs put back on the queue and the runs marked failed."""

    retried: list[TaskRun] = field(default_factory=list)
    failed: list[TaskRun] = field(default_factory=list)


def _queue_rows() -> dict[int, DBTaskResult]:
    """The queue rows claimed by a worker, by the run they work on (``run_id`` among their arguments)."""
    rows: dict[int, DBTaskResult] = {}
    for row in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING):
        kwargs: dict[str, Any] = (row.args_kwargs or {}).get("kwargs") or {}
        run_id = kwargs.get("run_id")
        if isinstance(run_id, int):
            rows[run_id] = row
    return rows


def abandoned(run: TaskRun, row: DBTaskResult | None, cutoff: dt.datetime) -> bool:
    """Whether ``run`` (not finished) lost its worker."""
    if run.state == TaskRun.State.RUNNING:
        alive = worker_alive(run.worker)
        return alive is False or (alive is None and run.updated_at < cutoff)
    # queued: abandoned only when a worker claimed its queue row and died before it started the run
    started = row.started_at if row is not None else None
    return started is not None and started < cutoff


def recover_abandoned(now: dt.datetime) -> Recovery:
    """Retry or fail every run whose worker is gone (see the module's docstring)."""
    cutoff = now - dt.timedelta(minutes=settings.SCIPARK_TASK_STALE_MINUTES)
    rows = _queue_rows()
    recovery = Recovery()
    unfinished = TaskRun.objects.filter(state=TaskRun.State.RUNNING) | TaskRun.objects.filter(
        pk__in=list(rows), state=TaskRun.State.QUEUED
    )
    for run in unfinished:
        row = rows.get(run.pk)
        if not abandoned(run, row, cutoff):
            continue
        with transaction.atomic():
            if row is not None and run.attempts < max_attempts():
                _retry(run, row, now)
                recovery.retried.append(run)
            else:
                _fail(run, row, now)
                recovery.failed.append(run)
    return recovery


def _retry(run: TaskRun, row: DBTaskResult, now: dt.datetime) -> None:
    DBTaskResult.objects.filter(pk=row.pk).update(status=TaskResultStatus.READY, started_at=None)
    TaskRun.objects.filter(pk=run.pk).update(
        state=TaskRun.State.QUEUED,
        stage="",
        done=0,
        total=0,
        worker="",
        message=RETRIED.format(n=run.attempts + 1),
        updated_at=now,
    )


def _fail(run: TaskRun, row: DBTaskResult | None, now: dt.datetime) -> None:
    if row is not None:
        DBTaskResult.objects.filter(pk=row.pk).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=LOST,
            traceback=f"worker gone: {run.worker or 'unknown'}",
        )
    TaskRun.objects.filter(pk=run.pk).update(
        state=TaskRun.State.FAILED, message=failed_message(run.kind), finished_at=now, updated_at=now
    )

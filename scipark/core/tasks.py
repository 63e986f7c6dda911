"""Background tasks (ADR 0011): thin functions that take ids and plain values, re-read the user and call the
same entry point the page and the CLI call, writing their progress and outcome on a :class:`TaskRun`.

The web import (:func:`import_file`) checks or writes an uploaded file with ``core.imports.runner.run_import``;
a large export (:func:`export_list`) replays the list page's own export as its user (``core.views.lists``);
the scheduled jobs (:func:`scheduled_job`) run the management command that is their single entry point.
A task never raises past its run row: whatever happens, the row ends ``done`` or ``failed`` with the reason
in Chinese (an unexpected error is logged with its traceback, never shown).
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from .models import TaskRun

logger = logging.getLogger(__name__)

#: Progress is written at most this often (seconds), and whenever the stage changes.
PROGRESS_EVERY = 0.5
UNEXPECTED = gettext_lazy("任务执行时发生内部错误,未写入任何数据。请稍后重试;如仍失败,请联系系统管理员。")
NO_FILE = gettext_lazy("任务执行时发生内部错误,未生成文件。请稍后重试;如仍失败,请联系系统管理员。")


def _save(run: TaskRun, *fields: str) -> None:
    TaskRun.objects.filter(pk=run.pk).update(
        **{name: getattr(run, name) for name in fields}, updated_at=timezone.now()
    )


def start(run: TaskRun) -> None:
    """Mark the run running in this process (``scipark tick`` checks the process is still there)."""
    from .task_recovery import this_worker

    run.state = TaskRun.State.RUNNING
    run.started_at = timezone.now()
    run.worker = this_worker()
    run.attempts += 1
    _save(run, "state", "started_at", "worker", "attempts")


def finish(
    run: TaskRun,
    *,
    ok: bool,
    message: Any = "",  # a str, or a lazy one (worded in the active language)
    errors: list[dict[str, Any]] | None = None,
    result: dict[str, Any] | None = None,
) -> None:
    run.state = TaskRun.State.DONE if ok else TaskRun.State.FAILED
    run.message = str(message)
    run.errors = errors or []
    run.result = result or {}
    run.finished_at = timezone.now()
    _save(run, "state", "message", "errors", "result", "finished_at")


def in_language(language: str) -> translation.override:
    """Where a task words its run: in ``language``, the page's that queued it, or — a run queued without one
    — the site's (``LANGUAGE_CODE``)."""
    return translation.override(language or settings.LANGUAGE_CODE)


def progress_writer(run: TaskRun) -> Callable[[str, int, int], None]:
    """The runner's ``progress`` callback: rows done of total, written at most twice a second."""
    last = [0.0]

    def report(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if stage == run.stage and now - last[0] < PROGRESS_EVERY and done < total:
            return
        last[0] = now
        run.stage, run.done, run.total = stage, done, total
        _save(run, "stage", "done", "total")

    return report


@task()
def import_file(
    *, run_id: int, kind: str, path: str, filename: str, dry_run: bool, language: str = ""
) -> str:
    """Check (``dry_run``) or write one stored upload with the importer ``kind``, as the run's user and park.

    The write is the runner's one transaction: a failure leaves the business tables as they were. The
    outcome and the located errors are worded in ``language``, the page's that started the run (a run
    queued without one: the site's). The importers are loaded first, in the site's language: their
    columns' headers and choice labels are the Chinese a file is written in, whoever uploads it.
    """
    from .imports.registry import importers

    importer_class = importers().get(kind)
    with in_language(language):
        return _import_file(importer_class, run_id=run_id, path=path, filename=filename, dry_run=dry_run)


def _import_file(importer_class: Any, *, run_id: int, path: str, filename: str, dry_run: bool) -> str:
    from .imports.views import import_parks, result_payload

    run = TaskRun.objects.select_related("user", "park").get(pk=run_id)
    start(run)
    try:
        if importer_class is None:
            raise LookupError(f"no importer {run.kind}")
        user = run.user
        if user is None or not user.is_active:
            finish(run, ok=False, message=_("发起导入的账号已停用,未导入任何数据。"))
            return run.state
        if run.park is None or not import_parks(user, importer_class.domain).filter(pk=run.park_id).exists():
            finish(run, ok=False, message=_("您已没有向该园区导入此类数据的权限,未导入任何数据。"))
            return run.state
        stored = Path(path)
        if not stored.is_file():
            finish(run, ok=False, message=_("上传的文件已失效,请重新上传。"))
            return run.state
        importer = importer_class(user=user, park=run.park, request=None)
        result = run_import_entry(
            importer, stored, filename=filename, dry_run=dry_run, progress=progress_writer(run)
        )
        payload = result_payload(importer_class, result)
        if dry_run and result.ok and result.changed:
            payload["token"] = stored.name  # the upload's token: the page offers to confirm it
        if not result.ok:
            message = _("文件“%(file)s”有 %(count)s 处错误,未导入任何数据。") % {
                "file": filename,
                "count": len(result.problems),
            }
        elif dry_run:
            message = _("检查完成,尚未写入。")
        else:
            message = _("导入完成。")
        finish(run, ok=result.ok, message=message, errors=payload.pop("problems"), result=payload)
    except Exception:
        logger.exception("import task failed: run=%s kind=%s", run_id, run.kind)
        finish(run, ok=False, message=str(UNEXPECTED))
    finally:
        if not dry_run or run.state == TaskRun.State.FAILED or not run.result.get("changed"):
            Path(path).unlink(missing_ok=True)  # kept only for the confirmation of a clean preview
    return run.state


def run_import_entry(*args: Any, **kwargs: Any) -> Any:
    """``core.imports.runner.run_import``, looked up at call time (tests replace it to make it fail)."""
    from .imports import runner

    return runner.run_import(*args, **kwargs)


@task()
def export_list(
    *, run_id: int, path: str, query: str, host: str, language: str, client_ip: str, request_id: str
) -> str:
    """Make a large list's .xlsx by replaying its page's export as the run's user (``core.views.background``)."""
    from .views.background import replay

    run = TaskRun.objects.select_related("user").get(pk=run_id)
    start(run)
    try:
        replay(
            run,
            path=path,
            query=query,
            host=host,
            language=language,
            client_ip=client_ip,
            request_id=request_id,
        )
    except Exception:
        logger.exception("export task failed: run=%s path=%s", run_id, path)
        finish(run, ok=False, message=NO_FILE)
    return run.state


#: The scheduled jobs: name -> (label, period); ``job_command`` names the command each runs. ``period`` is
#: "day" (at most once a calendar day) or "month" (once a return month, see ``tick``).
JOBS: dict[str, tuple[str, str]] = {
    "escalate_appeals": ("超期诉求督办与临期提醒", "day"),
    "alerts_evaluate": ("指标预警评估", "day"),
    "remind_returns": ("月报催报提醒", "month"),
    "remind_certificates": ("资质认定到期提醒", "day"),
}


def job_command(name: str, period: str) -> list[str]:
    from django.conf import settings

    if name == "escalate_appeals":
        return ["escalate_appeals"]
    if name == "alerts_evaluate":
        return ["alerts", "evaluate"]
    if name == "remind_certificates":
        return ["remind_certificates", "--date", period]  # the day the run is for
    if name == "remind_returns":
        # tick enqueues it once the period's deadline has passed
        return ["remind_returns", "--user", settings.SCIPARK_REMIND_RETURNS_USER, "--period", period]
    raise KeyError(name)


@task()
def scheduled_job(*, run_id: int, name: str) -> str:
    """Run one periodic job through its management command (the same services the operator's CLI calls)."""
    run = TaskRun.objects.get(pk=run_id)
    start(run)
    out = io.StringIO()
    try:
        with transaction.atomic():
            call_command(*job_command(name, run.period), stdout=out, stderr=out)
    except CommandError as error:
        finish(run, ok=False, message=str(error), result={"output": out.getvalue()[-4000:]})
    except Exception:
        logger.exception("scheduled job failed: run=%s job=%s", run_id, name)
        finish(
            run,
            ok=False,
            message=_("定时任务执行时发生内部错误,已回滚。"),
            result={"output": out.getvalue()[-4000:]},
        )
    else:
        finish(
            run, ok=True, message=out.getvalue().strip()[-2000:], result={"output": out.getvalue()[-4000:]}
        )
    return run.state

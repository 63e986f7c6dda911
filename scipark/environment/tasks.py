"""The pipe-network import (地下管网一张图) as a background task (ADR 0011, ADR 0015 §8).

The page stores the upload (``core.imports.storage``, as every web import does), records a run and enqueues
:func:`network_import_run` with ids and plain values; the task re-reads the user and the park and calls
``services.network_import`` — the same service, whose ``access.ensure_can_add`` inside its transaction stays
the import's access check. The run's outcome ("done" with the counts) is written inside that transaction,
so the rows and the run's end commit together: a worker killed at any point leaves neither, and
``scipark tick`` queues the run again (``import:`` runs say "nothing was written" when they give up).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from scipark.core import access
from scipark.core.models import TaskRun
from scipark.core.tasks import UNEXPECTED, finish, in_language, progress_writer, start
from scipark.parks.models import Park

from . import services
from .services.network import ImportResult

logger = logging.getLogger(__name__)

#: ``import:`` so that an abandoned run's reason says nothing was written (``core.task_recovery``).
KIND = "import:environment_network"


def outcome_message(segments: int, points: int, length_m: Decimal | str) -> str:
    return _("已导入管段 %(segments)s 条(合计 %(length)s 米)、点位 %(points)s 个。") % {
        "segments": segments,
        "length": f"{Decimal(length_m):.2f}",
        "points": points,
    }


@task()
def network_import_run(
    *, run_id: int, park_id: int, path: str, filename: str, datum: str, language: str = ""
) -> str:
    """Import one stored network file into the park as the run's user: all of it, or nothing. The run's
    message and errors are worded in ``language``, the page's when the import was started (a run queued
    without one: the site's)."""
    with in_language(language):
        return _import(run_id=run_id, park_id=park_id, path=path, filename=filename, datum=datum)


def _import(*, run_id: int, park_id: int, path: str, filename: str, datum: str) -> str:
    run = TaskRun.objects.select_related("user").get(pk=run_id)
    start(run)
    try:
        user = run.user
        park = Park.objects.filter(pk=park_id).first()
        stored = Path(path)
        if user is None or not user.is_active:
            finish(run, ok=False, message=_("发起导入的账号已停用,未导入任何数据。"))
        elif park is None:
            finish(run, ok=False, message=_("园区已不存在,未导入任何数据。"))
        elif not stored.is_file():
            finish(run, ok=False, message=_("上传的文件已失效,请重新上传。"))
        else:

            def record(result: ImportResult) -> None:
                finish(
                    run,
                    ok=True,
                    message=outcome_message(result.segments, result.points, result.length_m),
                    result={
                        "filename": filename,
                        "segments": result.segments,
                        "points": result.points,
                        "length_m": str(result.length_m),
                    },
                )

            services.network_import(
                user=user,
                park=park,
                name=filename,
                raw=stored.read_bytes(),
                datum=datum,
                progress=progress_writer(run),
                before_commit=record,
            )
    except ValidationError as exc:
        finish(
            run,
            ok=False,
            message=_("文件“%(name)s”有 %(count)s 处错误,未导入任何数据。")
            % {"name": filename, "count": len(exc.messages)},
            errors=[{"text": text} for text in exc.messages],
            result={"filename": filename},
        )
    except access.AccessDenied:
        finish(run, ok=False, message=_("您已没有向该园区导入管网数据的权限,未导入任何数据。"))
    except Exception:
        logger.exception("network import task failed: run=%s", run_id)
        finish(run, ok=False, message=UNEXPECTED)
    finally:
        Path(path).unlink(missing_ok=True)
    return run.state


def run_summary(run: TaskRun) -> dict[str, Any]:
    """What the page shows of an ended run: the counts, or the located errors."""
    data = run.result or {}
    return {
        "filename": data.get("filename", ""),
        "segments": data.get("segments", 0),
        "points": data.get("points", 0),
        "length_m": Decimal(str(data.get("length_m", "0"))),
        "errors": [e.get("text", "") for e in run.errors or []],
    }

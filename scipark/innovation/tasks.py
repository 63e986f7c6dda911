"""The park's tier re-evaluation as a background task (ADR 0011, ADR 0019): the 梯度培育测评 page records a
run and follows it; the task calls the service the page's button stands for (``services.park_reevaluate``,
which checks the person's right), in forked processes as the command does, and writes its progress (the
enterprises evaluated of the park's archives of the year) on the run. Each chunk is its own transaction
(ADR 0019): a run that stops half-way leaves every enterprise with one current evaluation per tier, the
old or the new, and running it again is safe.
"""

from __future__ import annotations

import logging
import os

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task

from scipark.core import access
from scipark.core.models import TaskRun
from scipark.core.tasks import finish, in_language, progress_writer, start
from scipark.parks.models import Park

from . import services
from .models import TechArchive

logger = logging.getLogger(__name__)

KIND = "innovation:evaluate_tiers"
STAGE = "evaluate"
#: A run that failed half-way: the chunks written stand (each its own transaction), the rest keep the old.
PARTLY = gettext_lazy(
    "测评时发生内部错误,部分企业可能仍为原测评结果。请稍后重新测评;如仍失败,请联系系统管理员。"
)


@task()
def evaluate_tiers_run(*, run_id: int, park_id: int, year: int, language: str = "") -> str:
    """Re-evaluate every tier for the park's archives of ``year`` as the run's user; the run's outcome is
    worded in ``language``, the page's that queued it (``core.tasks.in_language``)."""
    with in_language(language):
        return _evaluate_tiers(run_id=run_id, park_id=park_id, year=year)


def _evaluate_tiers(*, run_id: int, park_id: int, year: int) -> str:
    run = TaskRun.objects.select_related("user").get(pk=run_id)
    start(run)
    try:
        user = run.user
        if user is None or not user.is_active:
            finish(
                run, ok=False, message=_("发起测评的账号已停用,未重新测评。"), result={"reason": "inactive"}
            )
            return run.state
        park = Park.objects.get(pk=park_id)
        total = TechArchive.objects.filter(park=park, year=year).count()
        report = progress_writer(run)
        report(STAGE, 0, total)
        done = services.park_reevaluate(
            user=user,
            park=park,
            year=year,
            progress=lambda n: report(STAGE, n, total),
            processes=os.cpu_count() or 1,
        )
        report(STAGE, done, max(done, total))
        finish(
            run,
            ok=True,
            message=_("已测评 %(count)s 家企业(%(year)s年度科技档案)。") % {"count": done, "year": year},
            result={"evaluated": done, "year": year},
        )
    except access.AccessDenied as exc:
        finish(
            run,
            ok=False,
            message=_("%(reason)s,未重新测评。") % {"reason": str(exc).rstrip("。.")},
            result={"reason": "denied"},
        )
    except Exception:
        logger.exception("tier evaluation task failed: run=%s park=%s year=%s", run_id, park_id, year)
        finish(run, ok=False, message=PARTLY, result={"reason": "error"})
    return run.state

"""The annual summary generated as a background task (ADR 0011): the page records a run and follows it.

The task calls the same service the page and ``scipark report annual`` call (``services.summary_generate``,
which checks the user's right and keeps the issue), then — where LibreOffice is installed — converts the
document to PDF. Both files are kept for the person who asked (``core.run_files``) and offered as downloads
by the run's progress fragment; the kept issue stays on the summary page for every reader of the park, as
before.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_tasks import task

from scipark.core import access
from scipark.core.models import TaskRun
from scipark.core.run_files import store_run_file
from scipark.core.tasks import NO_FILE, finish, in_language, progress_writer, start
from scipark.parks.models import Park

from . import services
from .models import SummaryIssue
from .summary import pdf

logger = logging.getLogger(__name__)

KIND = "report:annual_summary"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _files(run: TaskRun, issue: SummaryIssue, data: bytes, pdf_data: bytes | None) -> list[dict[str, object]]:
    detail = {"park": issue.park.code, "year": issue.year, "number": issue.number}
    files = [
        store_run_file(
            run,
            data,
            suffix=".docx",
            download_name=issue.filename,
            fallback_name=issue.filename,
            content_type=DOCX,
            label=f"{issue}(Word)",
            audit={"object_type": "reports.summaryissue", "detail": {**detail, "format": "docx"}},
        )
    ]
    if pdf_data is not None:
        name = f"{issue.filename[:-5]}.pdf"
        files.append(
            store_run_file(
                run,
                pdf_data,
                suffix=".pdf",
                download_name=name,
                fallback_name=name,
                content_type="application/pdf",
                label=f"{issue}(PDF)",
                audit={"object_type": "reports.summaryissue", "detail": {**detail, "format": "pdf"}},
            )
        )
    return files


@task()
def summary_generate_run(*, run_id: int, park_id: int, year: int, language: str = "") -> str:
    """Generate the park's summary of ``year`` as the run's user, and its PDF where a converter exists.

    The document is the park's, in Chinese whoever asks; the run's outcome on the page is worded in
    ``language``, the page's that queued it (``core.tasks.in_language``)."""
    with in_language(language):
        return _summary_generate(run_id=run_id, park_id=park_id, year=year)


def _summary_generate(*, run_id: int, park_id: int, year: int) -> str:
    run = TaskRun.objects.select_related("user").get(pk=run_id)
    start(run)
    try:
        user = run.user
        if user is None or not user.is_active:
            finish(run, ok=False, message=_("发起生成的账号已停用,未生成文档。"))
            return run.state
        report = progress_writer(run)
        steps = 2 if pdf.converter() else 1
        report("docx", 0, steps)
        issue = services.summary_generate(user=user, park=Park.objects.get(pk=park_id), year=year)
        with issue.file.open("rb") as stored:
            data = stored.read()
        pdf_data, note = None, ""
        if steps == 2:
            report("pdf", 1, steps)
            try:
                pdf_data = pdf.convert(data, name=f"{issue.park.code}-{issue.year}-v{issue.number}")
            except ValidationError as exc:
                note = ";".join(exc.messages)
        report("save", steps, steps)
        files = _files(run, issue, data, pdf_data)
        message = _("已生成%(year)s年度工作总结(第%(number)s版)。") % {
            "year": issue.year,
            "number": issue.number,
        } + (note or "")
        finish(run, ok=True, message=message, result={"issue": issue.pk, "files": files})
    except access.AccessDenied as exc:
        finish(run, ok=False, message=_("%(reason)s,未生成文档。") % {"reason": str(exc).rstrip("。.")})
    except ValidationError as exc:
        finish(run, ok=False, message=";".join(exc.messages))
    except Exception:
        logger.exception("summary task failed: run=%s park=%s year=%s", run_id, park_id, year)
        finish(run, ok=False, message=NO_FILE)
    return run.state

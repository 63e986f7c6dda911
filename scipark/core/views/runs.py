"""The files a background run produced, for the person who started it (``/runs/<token>/download/?n=0``).

Anyone else — another user, whatever their roles — gets 404, as for the run's polled fragment. Each download
is an EXPORT audit event naming the run and the file, beside the event the task recorded when it made it.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from django.views import View

from scipark.core.audit import audit_event_record
from scipark.core.exports import content_disposition
from scipark.core.models import AuditEvent, TaskRun
from scipark.core.run_files import run_file_path


class TaskRunFileView(LoginRequiredMixin, View):
    """One file of a finished run of the user's own (``?n=`` its index, default the first)."""

    def get(self, request: HttpRequest, token: str) -> FileResponse:
        try:
            index = int(request.GET.get("n", "0"))
        except ValueError:
            raise Http404 from None
        run = TaskRun.objects.own(request.user, token).filter(state=TaskRun.State.DONE).first()
        files = run.result.get("files", []) if run is not None else []
        if run is None or not 0 <= index < len(files):
            raise Http404
        entry = files[index]
        path = run_file_path(run, entry)
        if path is None:
            raise Http404(_("文件已过期删除,请重新生成。"))
        audit = entry.get("audit", {})
        audit_event_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            object_type=str(audit.get("object_type", "core.taskrun")),
            detail={**audit.get("detail", {}), "run": run.token.hex, "file": entry.get("name", "")},
        )
        response = FileResponse(path.open("rb"), content_type=entry.get("content_type"))
        response["Content-Disposition"] = content_disposition(entry["name"], entry["fallback"])
        return response

"""Large exports as background tasks (ADR 0011): one function makes both the download and the file.

:func:`~scipark.core.views.lists.export_xlsx` is where every list's ``?export=xlsx`` ends. Above
``SCIPARK_EXPORT_BACKGROUND_ROWS`` rows it does not write the sheet in the request: it records a
:class:`TaskRun` and enqueues ``core.tasks.export_list``, and the page shows the run's progress fragment. The
task replays the same GET (path and query string) as the same user through the same view (:func:`replay`):
the route's rule, ``restrict``, the filters, suppression and masking all run again exactly as for the
synchronous download, and ``export_xlsx`` — seeing the replay — writes the sheet to the user's run files
(:func:`write_export`) instead of answering with it. Below the threshold nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from scipark.core.audit import audit_event_record
from scipark.core.exports import XLSX_CONTENT_TYPE, export_filenames, xlsx_bytes
from scipark.core.models import AuditEvent, TaskRun
from scipark.core.network import client_ip
from scipark.core.run_files import store_run_file

#: Above this many rows an export runs as a background task (settings: SCIPARK_EXPORT_BACKGROUND_ROWS).
BACKGROUND_ROWS = 5000
#: The request attribute that marks a replay inside the task: the run the file goes to.
RUN_ATTRIBUTE = "background_run"
EXPORT_PARAM = "export"


def background_rows() -> int:
    return int(getattr(settings, "SCIPARK_EXPORT_BACKGROUND_ROWS", BACKGROUND_ROWS))


def replaying(request: HttpRequest) -> TaskRun | None:
    """The run a replayed export writes to, or None for a request from a browser."""
    run = getattr(request, RUN_ATTRIBUTE, None)
    return run if isinstance(run, TaskRun) else None


def goes_to_background(request: HttpRequest, count: int) -> bool:
    return request.method == "GET" and count > background_rows() and replaying(request) is None


def start_export(request: HttpRequest, *, title: str, count: int) -> HttpResponse:
    """Record the run, hand it to the worker and answer with the page that follows its progress."""
    from scipark.core.tasks import export_list

    params = request.GET.copy()
    params.pop(EXPORT_PARAM, None)
    back = f"{request.path}?{params.urlencode()}" if params else request.path
    run = TaskRun.objects.create(
        kind="export:xlsx",
        label=_("导出“%(title)s”") % {"title": title},
        user_id=request.user.pk,
        total=count,
        result_url=back,
    )
    export_list.enqueue(
        run_id=run.pk,
        path=request.path_info,
        query=request.META.get("QUERY_STRING", ""),
        host=request.get_host(),
        language=translation.get_language() or settings.LANGUAGE_CODE,
        client_ip=client_ip(request) or "",
        request_id=getattr(request, "request_id", "") or "",
    )
    run.refresh_from_db()
    context = {"title": run.label, "run": run, "back_url": back, "rows": count}
    return render(request, "core/tasks/export.html", context)


def write_export(
    request: HttpRequest,
    run: TaskRun,
    *,
    filename: str,
    sheet: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    object_type: str,
    count: int,
    download_name: str | None,
) -> HttpResponse:
    """Inside the task: the sheet the synchronous download would have answered with, kept for the run's user,
    and the same audit event."""
    from scipark.core.tasks import finish, progress_writer

    report = progress_writer(run)
    detail = {"rows": count, "query": request.GET.urlencode()[:500]}
    audit_event_record(
        kind=AuditEvent.Kind.EXPORT,
        request=request,
        object_type=object_type,
        detail={**detail, "run": run.token.hex},
    )
    content = xlsx_bytes(sheet, headers, _counted(rows, count, report))
    report("save", count, count)
    name, fallback = export_filenames(filename, download_name)
    entry = store_run_file(
        run,
        content,
        suffix=".xlsx",
        download_name=name,
        fallback_name=fallback,
        content_type=XLSX_CONTENT_TYPE,
        label=name,
        audit={"object_type": object_type, "detail": detail},
    )
    finish(
        run,
        ok=True,
        message=_("导出完成,共 %(count)s 行。") % {"count": count},
        result={"files": [entry], "rows": count},
    )
    return HttpResponse(status=204)


def _counted(
    rows: Iterable[Sequence[Any]], total: int, report: Callable[[str, int, int], None]
) -> Iterator[Sequence[Any]]:
    for done, row in enumerate(rows, start=1):
        yield row
        report("rows", done, max(total, done))


def replayed_request(
    run: TaskRun, *, path: str, query: str, host: str, client_ip: str, request_id: str
) -> HttpRequest:
    """The export's GET as its user sent it (path, query string, address and request id for the audit)."""
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    request.GET = QueryDict(query)
    request.META = {
        "REQUEST_METHOD": "GET",
        "QUERY_STRING": query,
        "PATH_INFO": path,
        "HTTP_HOST": host,
        "SERVER_NAME": host.split(":")[0] or "localhost",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": client_ip,
    }
    request.user = run.user  # type: ignore[assignment]
    setattr(request, "request_id", request_id)  # noqa: B010
    setattr(request, RUN_ATTRIBUTE, run)
    return request


def replay(
    run: TaskRun, *, path: str, query: str, host: str, language: str, client_ip: str, request_id: str
) -> None:
    """Run the page's own export as the run's user; the run ends with the file, or failed saying why
    (in the language of the page the export was asked from)."""
    with translation.override(language):
        _replay(run, path=path, query=query, host=host, client_ip=client_ip, request_id=request_id)


def _replay(run: TaskRun, *, path: str, query: str, host: str, client_ip: str, request_id: str) -> None:
    from scipark.core.tasks import finish

    user = run.user
    if user is None or not user.is_active:
        finish(run, ok=False, message=_("发起导出的账号已停用,未生成文件。"))
        return
    request = replayed_request(
        run, path=path, query=query, host=host, client_ip=client_ip, request_id=request_id
    )
    try:
        match = resolve(path)
    except Resolver404:
        finish(run, ok=False, message=_("该页面已不存在,未生成文件。"))
        return
    try:
        response = match.func(request, *match.args, **match.kwargs)
    except Http404:
        finish(run, ok=False, message=_("要导出的内容已不在您的查看范围内,未生成文件。"))
        return
    except PermissionDenied:
        finish(run, ok=False, message=_("您已没有导出该列表的权限,未生成文件。"))
        return
    if not run.finished:
        # the page answered without reaching the export (a redirect, a refusal): nothing was written
        status = getattr(response, "status_code", 0)
        finish(
            run,
            ok=False,
            message=_("页面未能生成导出文件(状态 %(status)s),请回到列表重新导出。") % {"status": status},
        )

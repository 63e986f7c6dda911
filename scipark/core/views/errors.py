"""Error pages: friendly, in the user's language, never a traceback (SECURITY.md row 19)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def error_page(request: HttpRequest, status: int, message: str, *, back_url: str = "") -> HttpResponse:
    """A friendly error page, or a JSON error under /api/: never a traceback (SECURITY.md row 19)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    context = {"status": status, "message": message, "back_url": back_url}
    return render(request, "core/error.html", context, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 400, _("请求有误,请检查后重试。"))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("您没有权限访问此页面。")
    return error_page(request, 403, message)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return error_page(request, 404, _("页面不存在,或不在您的权限范围内。"))


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500, _("服务器内部错误,已记录,请稍后重试。"))

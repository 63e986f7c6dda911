"""The GeoReport v2 endpoints under ``/open311/v2/`` (ADR 0008).

These views authenticate by ``api_key`` only. They never look at the session: ``request.user`` is
replaced by an anonymous user before anything else runs, so a signed-in browser gains nothing here, and
CSRF does not apply (there is no cookie-borne credential to forge).
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from scipark.appeals.models import AppealCategory

from . import payloads, selectors
from .client_services import client_authenticate, client_take_post_slot, posts_per_minute
from .errors import Open311Error, error_response
from .formats import MEDIA_TYPES, XML, is_format, render
from .models import Open311Client, ServiceAttribute
from .params import new_request, request_query
from .services import request_submit
from .values import format_datetime

logger = logging.getLogger(__name__)


@method_decorator(csrf_exempt, name="dispatch")
class Open311View(View):
    """Format suffix and errors in the spec's format (the language is the middleware's, from Accept-Language:
    ``core.locale``); subclasses implement ``get``/``post``."""

    endpoint: ClassVar[str] = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        request.user = AnonymousUser()  # key-authenticated: the session is ignored on purpose
        fmt = kwargs.get("format", "")
        if not is_format(fmt):
            return error_response(
                XML, 404, _("不支持的格式“%(fmt)s”:请用 .json 或 .xml。") % {"fmt": fmt[:10]}
            )
        try:
            return super().dispatch(request, *args, **kwargs)
        except Open311Error as exc:
            response = error_response(fmt, exc.status, exc.description)
            if exc.status == 429:
                response["Retry-After"] = "60"
            return response
        except Exception:
            logger.exception("open311 %s failed", self.endpoint)
            return error_response(fmt, 500, _("服务器内部错误,已记录,请稍后重试。"))

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = error_response(
            kwargs.get("format", XML), 405, _("不支持 %(method)s 方法。") % {"method": request.method}
        )
        response["Allow"] = ", ".join(m.upper() for m in self.http_method_names if hasattr(self, m))
        return response

    def authenticate(self, request: HttpRequest) -> Open311Client:
        """The client holding the ``api_key`` sent (in the body for POST, else in the query string)."""
        key = request.POST.get("api_key") if request.method == "POST" else None
        client = client_authenticate(
            key=(key or request.GET.get("api_key") or "").strip(), request=request, endpoint=self.endpoint
        )
        jurisdiction = (
            request.POST.get("jurisdiction_id") or request.GET.get("jurisdiction_id") or ""
        ).strip()
        if jurisdiction and jurisdiction != client.park.code:
            raise Open311Error(403, _("api_key 不属于 jurisdiction_id“%(id)s”。") % {"id": jurisdiction[:50]})
        return client

    def park_for_reading(self, request: HttpRequest) -> Any:
        """Services are public: the park is the key's, or the one named by ``jurisdiction_id``."""
        if request.GET.get("api_key"):
            return self.authenticate(request).park
        jurisdiction = request.GET.get("jurisdiction_id", "").strip()
        if not jurisdiction:
            raise Open311Error(400, _("缺少参数 jurisdiction_id(园区代码)或 api_key。"))
        return selectors.park_for_jurisdiction(jurisdiction)


class DiscoveryView(Open311View):
    """``GET discovery``: where the API is, which formats it speaks, whom to ask for a key."""

    endpoint = "discovery"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, format: str) -> HttpResponse:
        changed = [
            AppealCategory.objects.aggregate(at=Max("updated_at"))["at"],
            ServiceAttribute.objects.aggregate(at=Max("updated_at"))["at"],
        ]
        changeset = format_datetime(max((c for c in changed if c is not None), default=None))
        base = request.build_absolute_uri(reverse("open311:discovery", args=[format])).rsplit("/", 1)[0]
        payload = {
            "changeset": changeset,
            "contact": getattr(settings, "SCIPARK_OPEN311_CONTACT", "")
            or _("请联系园区管委会企业服务部门。"),
            "key_service": _("API 密钥由园区企业服务部门在 scipark 的“Open311 客户端”页面签发。"),
            "endpoints": [
                {
                    "specification": payloads.SPECIFICATION,
                    "url": base,
                    "changeset": changeset,
                    "type": "test" if settings.DEBUG else "production",
                    "formats": [MEDIA_TYPES["xml"], MEDIA_TYPES["json"]],
                }
            ],
        }
        return render(format, payload, root="discovery")


class ServiceListView(Open311View):
    """``GET services``: the park's active appeal categories."""

    endpoint = "services"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, format: str) -> HttpResponse:
        park = self.park_for_reading(request)
        services = [payloads.service_payload(c, has_attributes=a) for c, a in selectors.service_list(park)]
        return render(format, services, root="services")


class ServiceDefinitionView(Open311View):
    """``GET services/{service_code}``: the attributes a service asks for."""

    endpoint = "service_definition"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, service_code: str, format: str) -> HttpResponse:
        park = self.park_for_reading(request)
        category, attributes = selectors.service_get(park, service_code)
        return render(format, payloads.definition_payload(category, attributes), root="service_definition")


class RequestsView(Open311View):
    """``POST requests`` files an appeal; ``GET requests`` lists the park's Open311 requests."""

    endpoint = "requests"
    http_method_names = ["get", "post", "head", "options"]

    def get(self, request: HttpRequest, format: str) -> HttpResponse:
        client = self.authenticate(request)
        appeals = selectors.request_list(client, request_query(request.GET))
        return render(format, [payloads.request_payload(a) for a in appeals], root="service_requests")

    def post(self, request: HttpRequest, format: str) -> HttpResponse:
        client = self.authenticate(request)
        if not client_take_post_slot(client=client):
            raise Open311Error(
                429,
                _("提交过于频繁:每个 api_key 每分钟最多 %(n)d 次,请稍后重试。") % {"n": posts_per_minute()},
            )
        appeal, submission = request_submit(client=client, new=new_request(request.POST), request=request)
        return render(
            format, [payloads.created_payload(appeal, submission)], root="service_requests", status=201
        )


class RequestDetailView(Open311View):
    """``GET requests/{service_request_id}``."""

    endpoint = "request"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, service_request_id: str, format: str) -> HttpResponse:
        client = self.authenticate(request)
        appeal = selectors.request_get(client, service_request_id)
        return render(format, [payloads.request_payload(appeal)], root="service_requests")


class TokenView(Open311View):
    """``GET tokens/{token}``: the request id a token stands for."""

    endpoint = "token"
    http_method_names = ["get", "head", "options"]

    def get(self, request: HttpRequest, token: str, format: str) -> HttpResponse:
        client = self.authenticate(request)
        submission = selectors.token_get(client, token)
        return render(format, [payloads.token_payload(submission)], root="service_requests")


class NotFoundView(Open311View):
    """Anything else under ``/open311/v2/``: a 404 in the spec's error format."""

    endpoint = "not_found"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        path = kwargs.get("rest", "")
        fmt = path.rsplit(".", 1)[-1] if "." in path else XML
        return error_response(fmt, 404, _("没有这个接口:%(path)s") % {"path": path[:100]})

"""地下管网一张图: the map page, its layers as GeoJSON for the viewport, features' pages, the import."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.imports import storage
from scipark.core.imports.problems import ImportRefused
from scipark.core.models import TaskRun
from scipark.core.views import ScopedViewMixin, object_or_404
from scipark.parks.models import Park

from .. import selectors, tasks
from ..forms import NetworkImportForm
from ..models import Finding, NetworkPoint, PipeSegment
from ..models.network import Network

#: The map's layers: segment layers by network, point layers by kind, and the open findings.
LAYERS: tuple[str, ...] = (*Network.values, *NetworkPoint.Kind.values, "findings")


def layer_labels() -> dict[str, str]:
    """Each layer's name in the reader's language (made per request: labels made once, when the module
    was imported, stayed Chinese on the English map)."""
    return {
        **{n.value: _("%(network)s管网") % {"network": n.label} for n in Network},
        **{k.value: str(k.label) for k in NetworkPoint.Kind},
        "findings": _("未销号督察事项"),
    }


MAX_FEATURES = selectors.MAX_FEATURES


def parse_bbox(raw: str) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or ``None`` when absent or malformed."""
    try:
        west, south, east, north = (float(v) for v in raw.split(","))
    except ValueError:
        return None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        return None
    return west, south, east, north


class MapView(ScopedViewMixin, TemplateView):
    """The park's network on one map: a plain background (no tile server) unless a tile URL is set."""

    domain = access.Domain.ENVIRONMENT
    template_name = "environment/map.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            title=gettext_lazy("地下管网一张图"),
            can_import=access.has_permission(self.request.user, self.domain, access.Action.IMPORT),
            **map_context(self.request.user),
        )
        return context


def map_context(user: Any) -> dict[str, Any]:
    """What the map (the page, and the dashboard's card) is drawn from: its layers and where it opens."""
    parks = Park.objects.restrict(user, access.Action.VIEW, domain=access.Domain.ENVIRONMENT)
    centre = next(
        ([float(p.longitude), float(p.latitude)] for p in parks.order_by("pk") if p.longitude and p.latitude),
        [101.7429, 36.6732],
    )
    labels = layer_labels()
    return {
        "layers": list(labels.items()),
        "map_config": {
            "centre": centre,
            "layerUrl": reverse("environment:map_layer", args=["LAYER"]),
            "tileUrl": getattr(settings, "ENVIRONMENT_MAP_TILE_URL", ""),
            "labels": labels,
        },
    }


class LayerView(ScopedViewMixin, View):
    """One layer's features inside the viewport (``?bbox=w,s,e,n&zoom=z``) as a GeoJSON FeatureCollection.

    The box is filtered in the database on each segment's indexed bounding box; below
    ``FULL_GEOMETRY_ZOOM`` the simplified copy of each line is sent.
    """

    domain = access.Domain.ENVIRONMENT

    def get(self, request: HttpRequest, layer: str) -> HttpResponse:
        if layer not in LAYERS:
            raise Http404
        box = parse_bbox(request.GET.get("bbox", ""))
        try:
            zoom = int(request.GET.get("zoom", "15"))
        except ValueError:
            zoom = 15
        if layer in Network.values:
            qs = PipeSegment.objects.restrict(request.user, access.Action.VIEW).filter(network=layer)
            rows = selectors.segment_rows(qs, box, zoom)
            body = selectors.segment_collection_json(rows, truncated=len(rows) >= MAX_FEATURES)
            return HttpResponse(body, content_type="application/json")
        features = self._findings(request, box) if layer == "findings" else self._points(request, layer, box)
        return JsonResponse(
            {"type": "FeatureCollection", "features": features, "truncated": len(features) >= MAX_FEATURES}
        )

    def _points(self, request: HttpRequest, kind: str, box: Any) -> list[dict[str, Any]]:
        qs = NetworkPoint.objects.restrict(request.user, access.Action.VIEW).filter(kind=kind)
        if box is not None:
            west, south, east, north = box
            qs = qs.filter(longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north)
        url = reverse("environment:point_detail", args=[0])[:-2]
        return [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {"code": code, "name": name, "fixed": fixed is not None, "url": f"{url}{pk}/"},
            }
            for pk, code, name, lng, lat, fixed in qs.order_by().values_list(
                "pk", "code", "name", "longitude", "latitude", "fixed_on"
            )[:MAX_FEATURES]
        ]

    def _findings(self, request: HttpRequest, box: Any) -> list[dict[str, Any]]:
        qs = (
            Finding.objects.restrict(request.user, access.Action.VIEW)
            .exclude(state__in=selectors.DONE_STATES)
            .filter(longitude__isnull=False, latitude__isnull=False)
        )
        if box is not None:
            west, south, east, north = box
            qs = qs.filter(longitude__gte=west, longitude__lte=east, latitude__gte=south, latitude__lte=north)
        return [
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(f.longitude or 0), float(f.latitude or 0)],
                },
                "properties": {"code": f.number, "name": f.title, "url": f.get_absolute_url()},
            }
            for f in qs[:MAX_FEATURES]
        ]


class FeatureDetailView(ScopedViewMixin, TemplateView):
    """A pipe segment or a network point: its record, opened by clicking it on the map."""

    domain = access.Domain.ENVIRONMENT
    template_name = "environment/feature_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = object_or_404(self.request, self.object_model, kwargs["pk"])  # type: ignore[arg-type]
        fields = [
            (f.verbose_name, getattr(obj, f"get_{f.name}_display", lambda f=f: getattr(obj, f.name))())
            for f in obj._meta.concrete_fields
            if f.name
            not in {"id", "park", "geometry", "geometry_lite", "version", "created_at", "updated_at"}
            and not f.name.startswith(("min_", "max_"))
        ]
        context.update(title=str(obj), object=obj, fields=fields)
        return context


class SegmentDetailView(FeatureDetailView):
    object_model = PipeSegment


class PointDetailView(FeatureDetailView):
    object_model = NetworkPoint


class NetworkImportView(ScopedViewMixin, View):
    """Import pipe segments and points from GeoJSON, a zipped Shapefile or CSV: all or nothing, in the background.

    The upload is stored as every web import's is (``core.imports.storage``, the upload cap) and handed to
    ``tasks.network_import_run`` (ADR 0011); the page goes to ``?run=<token>``, which follows the run (polled
    every second while it lasts, htmx asking for the fragment only) and ends with the counts or the located
    errors and the form again. A run is shown only to who started it: anyone else's token is 404, as on
    ``core:task_run``.
    """

    domain = access.Domain.ENVIRONMENT
    action = access.Action.IMPORT
    title = gettext_lazy("导入地下管网")
    template_name = "environment/network_import.html"
    fragment_name = "environment/_network_import_run.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if "run" not in request.GET:
            return self.page(form=NetworkImportForm(user=request.user))
        run = own_run(request, request.GET["run"])
        context = self.run_context(run)
        if request.headers.get("HX-Request") == "true":
            return render(request, self.fragment_name, context)
        return self.page(**context)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NetworkImportForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.page(form=form, status=400)
        park = form.cleaned_data["park"]
        try:
            stored = storage.store_upload(
                request.session, form.cleaned_data["file"], kind=tasks.KIND, park_id=park.pk
            )
        except ImportRefused as refused:
            form.add_error("file", refused.problem.message)
            return self.page(form=form, status=400)
        storage.hand_over(request.session, stored.token)  # the task owns the file from here
        run = TaskRun.objects.create(
            kind=tasks.KIND,
            label=_("导入地下管网:%(name)s") % {"name": stored.filename},
            user_id=request.user.pk,
            park=park,
            result_url=reverse("environment:map"),
        )
        tasks.network_import_run.enqueue(
            run_id=run.pk,
            park_id=park.pk,
            path=str(stored.path),
            filename=stored.filename,
            datum=form.cleaned_data["datum"],
            language=translation.get_language() or "",
        )
        return redirect(f"{reverse('environment:network_import')}?{urlencode({'run': run.token.hex})}")

    def run_context(self, run: TaskRun) -> dict[str, Any]:
        context: dict[str, Any] = {
            "run": run,
            "poll_url": f"{reverse('environment:network_import')}?{urlencode({'run': run.token.hex})}",
            "stage": STAGE_LABELS.get(run.stage, ""),
            "max_mb": storage.upload_cap_mb(),
        }
        if run.finished:
            context["summary"] = tasks.run_summary(run)
            if run.state == TaskRun.State.FAILED:
                context["form"] = NetworkImportForm(user=self.request.user, initial={"park": run.park_id})
        return context

    def page(self, *, status: int = 200, **context: Any) -> HttpResponse:
        context.update(title=self.title, max_mb=storage.upload_cap_mb())
        return render(self.request, self.template_name, context, status=status)


STAGE_LABELS = {
    "validate": gettext_lazy("检查"),
    "build": gettext_lazy("计算长度"),
    "write": gettext_lazy("写入"),
}


def own_run(request: HttpRequest, token: str) -> TaskRun:
    """The network import run ``token`` names, if this user started it; anyone else's (or none): 404."""
    run = TaskRun.objects.own(request.user, token).filter(kind=tasks.KIND).first()
    if run is None:
        raise Http404
    return run

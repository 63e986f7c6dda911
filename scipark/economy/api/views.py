"""Economy API under /api/v1/: returns (submit, accept, reject), projects, targets, the indicator
catalogue and the KPI panel. Every write is one service call; rows come from ``restrict``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from scipark.core import access
from scipark.core.api.viewsets import ScopedReadOnlyViewSet
from scipark.enterprises.models import Enterprise
from scipark.parks.models import Park

from .. import selectors, services
from ..importers import parse_period
from ..models import AnnualTarget, FixedAssetProject, Indicator, Measure, MonthlyReturn, ScaleSet
from .serializers import (
    AnnualTargetSerializer,
    FixedAssetProjectSerializer,
    IndicatorSerializer,
    MonthlyReturnSerializer,
    MonthlyReturnSubmitSerializer,
    ReviewSerializer,
)


class MonthlyReturnViewSet(ScopedReadOnlyViewSet):
    """Monthly returns within reach; ``POST`` submits (or revises) one, ``accept``/``reject`` review it."""

    domain = access.Domain.ECONOMY
    queryset = MonthlyReturn.objects.order_by("-period", "enterprise_id", "-revision")
    serializer_class = MonthlyReturnSerializer
    ordering_fields = ["period", "revision", "status"]
    required_actions = {"create": "add", "accept": "change", "reject": "change"}

    @extend_schema(request=MonthlyReturnSubmitSerializer, responses=MonthlyReturnSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = MonthlyReturnSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        enterprise = (
            Enterprise.objects.restrict(request.user, access.Action.VIEW)
            .filter(pk=data.pop("enterprise"))
            .first()
        )
        if enterprise is None:
            raise NotFound(_("企业不存在或不在您的权限范围内。"))
        record = services.return_submit(
            user=request.user,
            enterprise=enterprise,
            period=data.pop("period"),
            energy=data.pop("energy", None),
            reasons=data.pop("reasons", None),
            months=data.pop("months"),
            draft=data.pop("draft"),
            revision_reason=data.pop("revision_reason", ""),
            data=data,
        )
        return Response(MonthlyReturnSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ReviewSerializer, responses=MonthlyReturnSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Accept a submitted revision: it becomes the one that counts."""
        record = self.get_object()  # out of reach: 404 before anything about the payload
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        accepted = services.return_accept(
            user=request.user,
            monthly_return=record,
            expected_version=payload.validated_data["version"],
            note=payload.validated_data["note"],
        )
        return Response(MonthlyReturnSerializer(accepted).data)

    @extend_schema(request=ReviewSerializer, responses=MonthlyReturnSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str | None = None) -> Response:
        """Send a submitted revision back with the reason."""
        record = self.get_object()  # out of reach: 404 before anything about the payload
        payload = ReviewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rejected = services.return_reject(
            user=request.user,
            monthly_return=record,
            expected_version=payload.validated_data["version"],
            note=payload.validated_data["note"],
        )
        return Response(MonthlyReturnSerializer(rejected).data)


class FixedAssetProjectViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """Fixed-asset investment projects; no delete (a cancelled project keeps its history), so the router
    maps none."""

    domain = access.Domain.ECONOMY
    queryset = FixedAssetProject.objects.order_by("-start_date", "name")
    serializer_class = FixedAssetProjectSerializer
    ordering_fields = ["start_date", "planned_total", "name"]

    def perform_create(self, serializer: serializers.BaseSerializer[FixedAssetProject]) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.project_create(
            user=self.request.user, park=data.pop("park"), data=data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[FixedAssetProject]) -> None:
        data = dict(serializer.validated_data)
        version = data.pop("version", None)
        if version is None:
            raise ValidationError({"version": _("修改时必须提供版本号。")})
        data.pop("park", None)
        assert serializer.instance is not None
        serializer.instance = services.project_update(
            user=self.request.user, project=serializer.instance, data=data, expected_version=version
        )


class AnnualTargetViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Annual targets per park and indicator; ``POST`` sets (creates or changes) one: no other write."""

    domain = access.Domain.ECONOMY
    queryset = AnnualTarget.objects.select_related("indicator").order_by("-year", "indicator__order")
    serializer_class = AnnualTargetSerializer

    def perform_create(self, serializer: serializers.BaseSerializer[AnnualTarget]) -> None:
        data = serializer.validated_data
        serializer.instance = services.target_set(
            user=self.request.user,
            park=data["park"],
            indicator=data["indicator"],
            year=data["year"],
            value=data["value"],
            note=data.get("note", ""),
        )


class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Indicator]):
    """The indicator catalogue (reference data: definition, unit, owner, frequency, thresholds)."""

    domain = access.Domain.ECONOMY
    queryset = Indicator.objects.filter(is_active=True).order_by("order", "code")
    serializer_class = IndicatorSerializer


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _kpi(value: selectors.KpiValue) -> dict[str, Any]:
    return {
        "measure": value.measure,
        "scale_set": value.scale_set,
        "month_label": value.month_label,
        "cumulative_label": value.cumulative_label,
        "month": _decimal(value.month),
        "cumulative": _decimal(value.cumulative),
        "month_growth": {
            "comparable": _decimal(value.month_growth.comparable),
            "plain": _decimal(value.month_growth.plain),
        },
        "cumulative_growth": {
            "comparable": _decimal(value.cumulative_growth.comparable),
            "plain": _decimal(value.cumulative_growth.plain),
        },
        "reporting": value.reporting,
        "suppressed": value.suppressed,
        "headline": value.headline,
    }


class KpiViewSet(viewsets.ViewSet):
    """``GET /api/v1/economy-kpi/?park=CODE&period=2023-12&scale_set=…&measure=…``: the KPI panel (park, or
    the whole zone without ``park``): 当月/累计, growth on both bases, breakdown by GB/T 4754 section."""

    domain = access.Domain.REPORTS

    @extend_schema(
        parameters=[
            OpenApiParameter("park", str, description="园区代码(省略:可见的全部园区)"),
            OpenApiParameter("period", str, description="报告期,如 2023-12(省略:最新有数据的月份)"),
            OpenApiParameter("scale_set", str, enum=ScaleSet.values),
            OpenApiParameter(
                "measure", str, enum=[m for m in Measure.values if m != Measure.FIXED_ASSET_INVESTMENT]
            ),
        ],
        responses={200: dict},
    )
    def list(self, request: Request) -> Response:
        park = None
        if request.query_params.get("park"):
            park = Park.objects.filter(code=request.query_params["park"]).first()
            if park is None:
                raise NotFound(_("园区不存在或不在您的权限范围内。"))
        reach = selectors.panel_reach(request.user, park)
        if not reach.park_ids:
            raise NotFound(_("园区不存在或不在您的权限范围内。"))
        scale_set = request.query_params.get("scale_set", ScaleSet.ABOVE_SCALE_INDUSTRY)
        measure = request.query_params.get("measure", Measure.INDUSTRIAL_OUTPUT)
        if scale_set not in ScaleSet.values:
            raise ValidationError({"scale_set": _("未知的统计范围“%(value)s”。") % {"value": scale_set[:40]}})
        if measure not in Measure.values or measure == Measure.FIXED_ASSET_INVESTMENT:
            raise ValidationError({"measure": _("未知的统计项“%(value)s”。") % {"value": measure[:40]}})
        text = request.query_params.get("period")
        try:
            period = parse_period(text) if text else selectors.latest_period(reach)
        except ValueError as exc:
            raise ValidationError({"period": str(exc)}) from exc
        if period is None:
            return Response({"period": None, "message": _("暂无数据。")})
        period = min(period, services.current_period())
        value, sections = selectors.kpi_panel(
            reach=reach, period=period, scale_set=scale_set, measure=measure
        )
        return Response(
            {
                "period": period.isoformat(),
                "parks": list(reach.park_ids),
                "value": _kpi(value),
                "by_section": [
                    {"code": r.code, "name": r.name, "share": _decimal(r.share), **_kpi(r.value)}
                    for r in sections
                ],
            }
        )

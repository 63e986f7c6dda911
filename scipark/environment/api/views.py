"""Environment API under /api/v1/: the findings ledger (its steps through the one ``FLOW.run`` dispatch),
boilers, certifications, hazardous-waste ledgers, campaigns with their results, and the pipe network as
GeoJSON. Rows come from ``restrict``; every write is one service call; a stale ``version`` answers 409.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from scipark.core import access
from scipark.core.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSetMixin
from scipark.core.terms import joined

from .. import selectors, services
from ..filters import BoilerFilterSet, CertificationFilterSet, FindingFilterSet
from ..models import Boiler, Campaign, CampaignResult, Certification, Finding, PipeSegment, WasteRecord
from ..models.network import Network
from ..views.network import parse_bbox
from .serializers import (
    BoilerSerializer,
    CampaignResultSerializer,
    CampaignSerializer,
    CertificationSerializer,
    FindingCreateSerializer,
    FindingSerializer,
    FindingStepSerializer,
    ResultCreateSerializer,
    ResultUpdateSerializer,
    SegmentCollectionSerializer,
    SegmentFeatureSerializer,
    StepRequestSerializer,
    WasteRecordSerializer,
)


def _version(data: dict[str, Any]) -> int:
    version = data.pop("version", None)
    if version is None:
        raise ValidationError({"version": _("修改时必须提供读取时的版本号。")})
    return int(version)


class FindingViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """督察整改台账: list, read, register; ``POST {id}/step/`` takes a step, ``GET {id}/steps/`` the timeline."""

    domain = access.Domain.ENVIRONMENT
    queryset = Finding.objects.select_related("enterprise").order_by("deadline", "id")
    serializer_class = FindingSerializer
    filterset_class = FindingFilterSet
    ordering_fields = ["deadline", "received_on", "number"]
    # A step is allowed by the user's part on the finding (the workflow's table), checked on the locked row.
    required_actions = {"step": "change", "steps": "view"}

    def get_serializer_class(self) -> Any:
        return {
            "create": FindingCreateSerializer,
            "step": StepRequestSerializer,
            "steps": FindingStepSerializer,
        }.get(self.action, FindingSerializer)

    @extend_schema(request=FindingCreateSerializer, responses={201: FindingSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = FindingCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        finding = services.finding_create(user=request.user, park=data.pop("park"), data=data)
        return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StepRequestSerializer, responses={200: FindingSerializer})
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: Any = None) -> Response:
        finding = self.get_object()  # out of reach: 404 before anything about the payload
        payload = StepRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        moved = services.finding_step(
            user=request.user,
            finding=finding,
            action=data["action"],
            version=data["version"],
            **services.step_data(data["action"], data),
        )
        return Response(FindingSerializer(moved).data)

    @extend_schema(responses={200: FindingStepSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def steps(self, request: Request, pk: Any = None) -> Response:
        finding = self.get_object()
        steps = finding.steps.select_related("user").order_by("at", "id")
        return Response(FindingStepSerializer(steps, many=True).data)


class RecordViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """A department record: created in a park of the user's, changed with the version read; no delete.

    ``service`` is the record's save function, which takes the stored record as ``instance_argument``."""

    domain = access.Domain.ENVIRONMENT
    queryset: QuerySet[Any]
    service: ClassVar[Callable[..., Any]]
    instance_argument: ClassVar[str] = ""

    def save_record(
        self,
        user: Any,
        data: dict[str, Any],
        *,
        park: Any = None,
        instance: Any = None,
        version: int | None = None,
    ) -> Any:
        save = type(self).service
        return save(
            user=user, park=park, data=data, expected_version=version, **{self.instance_argument: instance}
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = self.save_record(self.request.user, data, park=data.pop("park"))

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        version = _version(data)
        data.pop("park", None)  # a record stays in its park
        serializer.instance = self.save_record(
            self.request.user, data, instance=serializer.instance, version=version
        )


class BoilerViewSet(RecordViewSet):
    """Boilers with their measurements before and after the low-NOx retrofit."""

    queryset = Boiler.objects.select_related("enterprise").order_by("enterprise__name", "name")
    serializer_class = BoilerSerializer
    filterset_class = BoilerFilterSet
    service = staticmethod(services.boiler_save)
    instance_argument = "boiler"


class CertificationViewSet(RecordViewSet):
    """Certifications (water-saving enterprise, green factory, zero-carbon factory …) with their validity."""

    queryset = Certification.objects.select_related("enterprise").order_by("-granted_on", "id")
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilterSet
    service = staticmethod(services.certification_save)
    instance_argument = "certification"


class WasteRecordViewSet(RecordViewSet):
    """Hazardous-waste ledgers: a producer's year for one HW category (tonnes)."""

    queryset = WasteRecord.objects.select_related("producer__enterprise").order_by(
        "-year", "producer", "category"
    )
    serializer_class = WasteRecordSerializer
    service = staticmethod(services.waste_record_save)
    instance_argument = "record"

    def save_record(
        self,
        user: Any,
        data: dict[str, Any],
        *,
        park: Any = None,
        instance: Any = None,
        version: int | None = None,
    ) -> Any:
        producer = data.pop("producer", {})
        if (
            instance is not None
            and "enterprise" in producer
            and producer["enterprise"] != instance.producer.enterprise
        ):
            raise ValidationError({"enterprise": _("台账不能改到另一家产废单位名下。")})
        data["is_key"] = producer.get("is_key", instance.producer.is_key if instance is not None else False)
        if instance is None:
            data["enterprise"] = producer["enterprise"]
        return super().save_record(user, data, park=park, instance=instance, version=version)


class CampaignViewSet(ScopedReadOnlyViewSet):
    """Coverage campaigns (全覆盖) with their rounds and coverage = done / planned."""

    domain = access.Domain.ENVIRONMENT
    queryset = selectors.with_coverage(Campaign.objects.order_by("-year", "kind", "id"))
    serializer_class = CampaignSerializer


class CampaignResultViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, ScopedReadOnlyViewSet):
    """What each round found at each enterprise; an enterprise reads and answers (``response``, ``evidence``)
    its own results only. ``PATCH`` changes one with the version read; ``PUT`` is the same change."""

    domain = access.Domain.ENVIRONMENT
    queryset = CampaignResult.objects.select_related("target", "round").order_by("round", "target")
    serializer_class = CampaignResultSerializer

    @extend_schema(request=ResultCreateSerializer, responses={201: CampaignResultSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ResultCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        evidence = data.pop("evidence", None)
        campaign = data["target"].campaign
        result = services.campaign_result_record(
            user=request.user, campaign=campaign, data=data, evidence=evidence
        )
        return Response(CampaignResultSerializer(result).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ResultUpdateSerializer, responses={200: CampaignResultSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        result = self.get_object()
        payload = ResultUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = data.pop("version")
        evidence = data.pop("evidence", None)
        changed = services.campaign_result_update(
            user=request.user, result=result, data=data, evidence=evidence, expected_version=version
        )
        return Response(CampaignResultSerializer(changed).data)

    @extend_schema(request=ResultUpdateSerializer, responses={200: CampaignResultSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, **kwargs)


class PipeSegmentViewSet(ScopedReadOnlyViewSet):
    """The pipe network as GeoJSON (WGS-84): the segments meeting ``bbox`` (west,south,east,north), the
    simplified lines below zoom 16; at most 5,000 features, ``truncated`` says when there were more."""

    domain = access.Domain.ENVIRONMENT
    queryset = PipeSegment.objects.order_by("network", "code")
    pagination_class = None
    filter_backends: list[Any] = []

    @extend_schema(
        parameters=[
            OpenApiParameter("bbox", str, description="西,南,东,北(度),如 101.70,36.60,101.80,36.70"),
            OpenApiParameter("network", str, enum=Network.values),
            OpenApiParameter("zoom", int, description="地图缩放级别(16 及以上返回测绘原始线形)"),
        ],
        responses={200: SegmentCollectionSerializer},
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        params = request.query_params
        box = None
        if params.get("bbox"):
            box = parse_bbox(params["bbox"])
            if box is None:
                raise ValidationError({"bbox": _("bbox 应写作 西,南,东,北(经纬度,度)。")})
        try:
            zoom = int(params.get("zoom", "18"))
        except ValueError:
            raise ValidationError({"zoom": _("zoom 应为整数。")}) from None
        segments = self.get_queryset()
        if params.get("network"):
            if params["network"] not in Network.values:
                raise ValidationError(
                    {"network": _("管网应为:%(values)s。") % {"values": joined(Network.values)}}
                )
            segments = segments.filter(network=params["network"])
        features = selectors.segment_features(segments, box, zoom)
        return Response(
            {
                "type": "FeatureCollection",
                "features": features,
                "truncated": len(features) >= selectors.MAX_FEATURES,
            }
        )

    @extend_schema(responses={200: SegmentFeatureSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        segment = self.get_object()
        features = selectors.segment_features(PipeSegment.objects.filter(pk=segment.pk), None, 18)
        return Response(features[0])

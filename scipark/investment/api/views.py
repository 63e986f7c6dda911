"""Investment API under /api/v1/investment/: projects with their stage history and one endpoint for
every stage step, contracts, funds in place, targets, funds, and the enterprises' loans, listings and
equity rounds.

Same access as the pages: rows come from ``restrict``; the pipeline (projects, contracts, funds in place,
targets, funds) is refused to enterprise users (403) as ``views.common.PipelineMixin`` refuses the pages.
Every write is one service call; a stage step goes through ``services.project_step`` (``FLOW.begin`` then
``FLOW.run``) like the step page, and a stale ``version`` answers 409 (core's exception handler).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from scipark.core import access
from scipark.core.api.viewsets import ScopedViewSetMixin

from .. import services
from ..filters import (
    ContractFilterSet,
    FundsInPlaceFilterSet,
    ProjectFilterSet,
    TargetFilterSet,
    financing_filterset,
)
from ..models import (
    Contract,
    EquityRound,
    FinancingRecord,
    Fund,
    FundsInPlace,
    Listing,
    Loan,
    Project,
    StageChange,
    Target,
)
from ..views.common import reads_pipeline
from .serializers import (
    ConfirmSerializer,
    ContractSerializer,
    EquityRoundSerializer,
    FundInvestmentSerializer,
    FundPartnerSerializer,
    FundSerializer,
    FundsInPlaceSerializer,
    ListingSerializer,
    LoanSerializer,
    ProjectCreateSerializer,
    ProjectSerializer,
    ProjectUpdateSerializer,
    RejectSerializer,
    StageChangeSerializer,
    StepSerializer,
    TargetSerializer,
)


class PipelineViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):  # type: ignore[misc]
    """The pipeline is confidential until signed: enterprise users are refused, not shown an empty list."""

    domain = access.Domain.INVESTMENT

    def check_permissions(self, request: Request) -> None:
        super().check_permissions(request)
        if not reads_pipeline(request.user):
            self.permission_denied(request, message=_("招商项目和基金仅对园区工作人员开放。"))


def _version(data: dict[str, Any]) -> int:
    version = data.pop("version", None)
    if version is None:
        raise ValidationError({"version": _("修改时必须提供版本号。")})
    return int(version)


class ProjectViewSet(
    PipelineViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Projects within reach; ``POST`` records a lead; ``PUT/PATCH`` changes its descriptive fields with
    the version read; ``GET {id}/steps/`` is its stage history and ``POST {id}/steps/`` takes a step."""

    queryset = Project.objects.select_related("park", "industry", "tracker", "fund").order_by(
        "-stage_since", "-id"
    )
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["stage_since", "planned_investment", "name"]
    # Who may take which step is the transition table's question, asked on the locked row (FLOW.begin).
    required_actions: ClassVar[dict[str, str]] = {"steps": "view"}

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return ProjectCreateSerializer
        if self.action in ("update", "partial_update"):
            return ProjectUpdateSerializer
        if self.action == "steps":
            return StepSerializer if self.request.method == "POST" else StageChangeSerializer
        return ProjectSerializer

    @extend_schema(request=ProjectCreateSerializer, responses={201: ProjectSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ProjectCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        project = services.project_create(
            user=request.user, park=data.pop("park"), found_on=data.pop("found_on", None), data=data
        )
        return Response(ProjectSerializer(project).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ProjectUpdateSerializer, responses={200: ProjectSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        payload = ProjectUpdateSerializer(project, data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = _version(data)
        updated = services.project_update(user=request.user, project=project, version=version, data=data)
        return Response(ProjectSerializer(updated).data)

    @extend_schema(methods=["GET"], request=None, responses={200: StageChangeSerializer(many=True)})
    @extend_schema(methods=["POST"], request=StepSerializer, responses={200: ProjectSerializer})
    @action(detail=True, methods=["get", "post"])
    def steps(self, request: Request, pk: Any = None) -> Response:
        """The stage history (GET), or one stage step from the transition table (POST)."""
        project = self.get_object()
        if request.method != "POST":
            history = (
                StageChange.objects.filter(project=project).select_related("by").order_by("happened_on", "pk")
            )
            return Response(StageChangeSerializer(history, many=True).data)
        payload = StepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        name = data["action"]
        moved = services.project_step(
            user=request.user,
            project=project,
            action=name,
            version=data["version"],
            note=data.get("note") or "",
            evidence=data.get("evidence"),
            **services.step_data(name, data),
        )
        return Response(ProjectSerializer(moved).data)


class ContractViewSet(PipelineViewSet, mixins.ListModelMixin):
    """Contract revisions (the latest of a project counts); written by the 签约 and 合同变更 steps."""

    queryset = Contract.objects.order_by("project_id", "revision")
    serializer_class = ContractSerializer
    filterset_class = ContractFilterSet


class FundsInPlaceViewSet(PipelineViewSet, mixins.ListModelMixin, mixins.CreateModelMixin):
    """Funds in place as dated entries; ``POST`` records one for a signed project."""

    queryset = FundsInPlace.objects.order_by("project_id", "arrived_on", "id")
    serializer_class = FundsInPlaceSerializer
    filterset_class = FundsInPlaceFilterSet

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = FundsInPlaceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        project = data.pop("project")
        entry = services.funds_record(user=request.user, project=project.pk, data=data)
        return Response(FundsInPlaceSerializer(entry).data, status=status.HTTP_201_CREATED)


class TargetViewSet(PipelineViewSet, mixins.ListModelMixin, mixins.CreateModelMixin):
    """Annual targets; ``POST`` sets one (creates it, or changes the value of the one that exists)."""

    queryset = Target.objects.order_by("-year", "indicator", "event")
    serializer_class = TargetSerializer
    filterset_class = TargetFilterSet

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = TargetSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        target = services.target_save(
            user=request.user,
            park=data["park"],
            year=data["year"],
            indicator=data["indicator"],
            value=data["value"],
            event=data.get("event", ""),
            version=data.get("version"),
        )
        return Response(TargetSerializer(target).data, status=status.HTTP_201_CREATED)


class FundViewSet(
    PipelineViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Funds with partners and investments; ``POST {id}/partners/`` and ``POST {id}/investments/`` add one."""

    queryset = Fund.objects.prefetch_related("partners", "investments").order_by("set_up_on", "id")
    serializer_class = FundSerializer
    required_actions: ClassVar[dict[str, str]] = {"partners": "change", "investments": "change"}

    def get_serializer_class(self) -> Any:
        return {"partners": FundPartnerSerializer, "investments": FundInvestmentSerializer}.get(
            self.action, FundSerializer
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = FundSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("version", None)
        fund = services.fund_save(user=request.user, park=data.pop("park"), data=data)
        return Response(FundSerializer(fund).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fund = self.get_object()
        payload = FundSerializer(fund, data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("park", None)  # a fund stays in its park
        version = _version(data)
        saved = services.fund_save(user=request.user, fund=fund, version=version, data=data)
        return Response(FundSerializer(saved).data)

    @extend_schema(request=FundPartnerSerializer, responses={200: FundSerializer})
    @action(detail=True, methods=["post"])
    def partners(self, request: Request, pk: Any = None) -> Response:
        """Add a partner (LP): the fund's shares may not pass 100 %."""
        return self._add(request, FundPartnerSerializer, services.fund_partner_add)

    @extend_schema(request=FundInvestmentSerializer, responses={200: FundSerializer})
    @action(detail=True, methods=["post"])
    def investments(self, request: Request, pk: Any = None) -> Response:
        """Record the fund's money put into a project of its park or an enterprise."""
        return self._add(request, FundInvestmentSerializer, services.fund_investment_add)

    def _add(self, request: Request, serializer: Any, service: Any) -> Response:
        """One row of the fund (a partner, an investment) through its service; answers the fund."""
        fund = self.get_object()
        payload = serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = {k.removesuffix("_id"): v for k, v in payload.validated_data.items()}
        service(user=request.user, fund=fund, data=data)
        return Response(FundSerializer(self._fresh(fund)).data)

    def _fresh(self, fund: Fund) -> Fund:
        return Fund.objects.prefetch_related("partners", "investments").get(pk=fund.pk)


class FinancingViewSet(  # type: ignore[misc]
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """An enterprise's own records (reported, then confirmed by the department), or the park's for staff;
    ``confirm`` and ``reject`` are the department's."""

    domain = access.Domain.INVESTMENT
    required_actions: ClassVar[dict[str, str]] = {"confirm": "change", "reject": "change"}
    record: ClassVar[type[FinancingRecord]]

    def _data(self, validated: dict[str, Any]) -> dict[str, Any]:
        return {
            k.removesuffix("_id"): v for k, v in validated.items() if k not in ("version", "enterprise_id")
        }

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = self.get_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.financing_report(
            user=request.user,
            model=self.record,
            enterprise=payload.validated_data["enterprise_id"],
            data=self._data(payload.validated_data),
        )
        return Response(self.get_serializer(record).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        record = self.get_object()
        payload = self.get_serializer(record, data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        version = _version(dict(payload.validated_data))
        saved = services.financing_update(
            user=request.user,
            model=self.record,
            record=record,
            version=version,
            data=self._data(payload.validated_data),
        )
        return Response(self.get_serializer(saved).data)

    @extend_schema(request=ConfirmSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: Any = None) -> Response:
        """The department confirms a reported record: from now on it counts."""
        record = self.get_object()  # out of reach: 404 before anything about the payload
        payload = ConfirmSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        confirmed = services.financing_confirm(
            user=request.user, model=self.record, record=record, version=payload.validated_data["version"]
        )
        return Response(self.get_serializer(confirmed).data)

    @extend_schema(request=RejectSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: Any = None) -> Response:
        """The department sends a record back to the enterprise, with the reason."""
        record = self.get_object()
        payload = RejectSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        rejected = services.financing_reject(
            user=request.user,
            model=self.record,
            record=record,
            version=payload.validated_data["version"],
            reason=payload.validated_data["reason"],
        )
        return Response(self.get_serializer(rejected).data)


def _financing(model: type[FinancingRecord]) -> models.QuerySet[Any]:
    related = ["enterprise", "product"] if model is Loan else ["enterprise"]
    return model.objects.select_related(*related).order_by("-id")


class LoanViewSet(FinancingViewSet):
    record = Loan
    queryset = _financing(Loan)
    filterset_class = financing_filterset(Loan)
    serializer_class = LoanSerializer


class ListingViewSet(FinancingViewSet):
    record = Listing
    queryset = _financing(Listing)
    filterset_class = financing_filterset(Listing)
    serializer_class = ListingSerializer


class EquityRoundViewSet(FinancingViewSet):
    record = EquityRound
    queryset = _financing(EquityRound)
    filterset_class = financing_filterset(EquityRound)
    serializer_class = EquityRoundSerializer

"""Appeals API under /api/v1/: list, read, file, and one endpoint for every workflow step.

Same access as the pages (``Appeal.objects.restrict``); a step goes through ``services.appeal_step``
like the page's, so its permission is the user's part on the appeal (``workflow.FLOW``), checked on
the locked row; a stale ``version`` answers 409.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from scipark.core import access
from scipark.core.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSetMixin
from scipark.enterprises.models import Enterprise

from .. import services
from ..filters import AppealFilterSet, CategoryFilterSet
from ..forms import is_enterprise_user
from ..models import Appeal, AppealCategory
from .serializers import (
    AppealCreateSerializer,
    AppealSerializer,
    CategorySerializer,
    StepSerializer,
    TransitionSerializer,
)


class CategoryViewSet(ScopedReadOnlyViewSet):
    """Appeal categories of the parks within reach (read-only; edit them on the categories page)."""

    domain = access.Domain.SERVICE
    queryset = AppealCategory.objects.select_related("default_department").order_by("park", "order", "code")
    serializer_class = CategorySerializer
    filterset_class = CategoryFilterSet


class AppealViewSet(
    ScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Appeals within reach; POST files one; POST ``{id}/step/`` takes a workflow step."""

    domain = access.Domain.SERVICE
    queryset = Appeal.objects.select_related("category", "lead_department", "enterprise").order_by(
        "-received_at", "-id"
    )
    serializer_class = AppealSerializer
    filterset_class = AppealFilterSet
    required_actions = {"step": "view", "steps": "view"}

    def get_serializer_class(self) -> Any:
        if self.action == "create":
            return AppealCreateSerializer
        if self.action == "step":
            return TransitionSerializer
        if self.action == "steps":
            return StepSerializer
        return AppealSerializer

    def get_filterset_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    @extend_schema(request=AppealCreateSerializer, responses={201: AppealSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AppealCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        category: AppealCategory = data.pop("category")
        if not AppealCategory.objects.restrict(request.user).filter(pk=category.pk).exists():
            raise ValidationError({"category": _("诉求类别不存在或不在您的权限范围内。")})
        enterprise_id = data.pop("enterprise", None)
        enterprise = None
        if enterprise_id is not None:
            enterprises = Enterprise.objects.restrict(
                request.user, access.Action.ADD, domain=access.Domain.SERVICE
            )
            enterprise = enterprises.filter(pk=enterprise_id).first()
            if enterprise is None:
                raise ValidationError({"enterprise": _("企业不存在或不在您的权限范围内。")})
        appeal = services.appeal_submit(
            user=request.user, park=category.park, category=category, enterprise=enterprise, **data
        )
        return Response(
            AppealSerializer(appeal, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=TransitionSerializer, responses={200: AppealSerializer})
    @action(detail=True, methods=["post"])
    def step(self, request: Request, pk: Any = None) -> Response:
        appeal = self.get_object()
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        name = data["action"]
        appeal = services.appeal_step(
            user=request.user,
            appeal=appeal,
            action=name,
            version=data.get("version"),
            **services.step_data(name, data),
        )
        return Response(AppealSerializer(appeal, context={"request": request}).data)

    @extend_schema(responses={200: StepSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def steps(self, request: Request, pk: Any = None) -> Response:
        appeal = self.get_object()
        steps = appeal.steps.all()
        if is_enterprise_user(request.user):
            steps = steps.filter(internal=False)
        return Response(StepSerializer(steps, many=True).data)

"""Innovation API under /api/v1/innovation/: tech archives, intellectual property, certificates,
incubator stays and the other nine libraries' records (read and write, through the same services as the
pages), incubators and the tier evaluations (read only).

Same access as the pages: rows come from ``restrict`` (another enterprise's row is a 404), an enterprise
user writes only its own enterprise's rows (the services ask ``core.access``), a stale ``version``
answers 409 (core's exception handler), a service's ValidationError 400 naming the field. Stays and the
libraries without an enterprise (experts, policies, institutions, providers) are written by the park's
staff only: an enterprise user's write is a 403."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from scipark.core import access
from scipark.core.api.viewsets import ScopedViewSetMixin
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.parks.models import Park

from .. import services
from ..filters import EvaluationFilterSet
from ..forms import staff_park_ids
from ..libraries import LIBRARIES, Library
from ..models import Evaluation, Incubation, Incubator, IntellectualProperty, TechArchive, TierCertificate
from .serializers import (
    ArchiveSerializer,
    CertificateSerializer,
    EvaluationSerializer,
    IncubatorSerializer,
    IpSerializer,
    StaySerializer,
    record_serializer,
    record_write_serializer,
)


def _version(data: dict[str, Any]) -> int:
    version = data.pop("version", None)
    if version is None:
        raise ValidationError({"version": _("修改时必须提供版本号。")})
    return int(version)


class InnovationViewSet(ScopedViewSetMixin, viewsets.GenericViewSet):  # type: ignore[misc]
    domain = access.Domain.INNOVATION


class ReadOnlyViewSet(InnovationViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):  # type: ignore[misc]
    """List and retrieve the rows within the user's reach."""


class ArchiveViewSet(ReadOnlyViewSet, mixins.CreateModelMixin, mixins.UpdateModelMixin):
    """Tech archives within reach; ``POST`` opens one (enterprise and year), ``PUT/PATCH`` fills in its
    figures while it is open (填报中 or 已退回), with the version read."""

    queryset = TechArchive.objects.select_related("enterprise").order_by("-year", "enterprise_id")
    serializer_class = ArchiveSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ArchiveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("version", None)
        archive = services.archive_create(
            user=request.user, enterprise=data.pop("enterprise"), year=data.pop("year"), data=data
        )
        return Response(ArchiveSerializer(archive).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        archive = self.get_object()
        payload = ArchiveSerializer(archive, data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = _version(data)
        updated = services.archive_update(
            user=request.user, archive=archive, data=data, expected_version=version
        )
        return Response(ArchiveSerializer(updated).data)


def _ensure_staff(request: Request) -> None:
    """Rows kept by the park's staff: an enterprise user's write is refused before any lookup (403)."""
    if not staff_park_ids(request.user):
        raise PermissionDenied(_("该类记录由园区科技创新部门维护。"))


class EntryViewSet(ReadOnlyViewSet, mixins.CreateModelMixin, mixins.UpdateModelMixin):  # type: ignore[misc]
    """A row about one enterprise written through its ``save`` service (``park`` is its enterprise's)."""

    save: ClassVar[Any]
    #: Written by the park's staff only (an enterprise user may read its own rows).
    staff_only: ClassVar[bool] = False
    #: The field naming the row's enterprise (``None``: the row is the park's, ``park`` names it).
    enterprise_key: ClassVar[str | None] = "enterprise"

    def write_serializer(self, *args: Any, **kwargs: Any) -> Any:
        return self.get_serializer(*args, **kwargs)

    def park_of(self, request: Request, data: dict[str, Any]) -> Any:
        """Where a new row goes: its enterprise's park; a park's own row into the staff member's park
        (``park`` in the payload when the person keeps records in more than one)."""
        key = self.enterprise_key
        if key is not None and data.get(key) is not None:
            return data[key].park
        ids = staff_park_ids(request.user)
        if key is not None and not ids:
            raise ValidationError({key: _("请填写企业。")})
        wanted = request.data.get("park") if hasattr(request.data, "get") else None
        if wanted not in (None, ""):
            if str(wanted) not in {str(pk) for pk in ids}:
                raise ValidationError({"park": _("您不能在该园区登记记录。")})
            return Park.objects.get(pk=int(wanted))
        if len(ids) != 1:
            raise ValidationError({"park": _("请指定园区(park)。")})
        return Park.objects.get(pk=ids[0])

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.staff_only:
            _ensure_staff(request)
        payload = self.write_serializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("version", None)
        row = type(self).save(user=request.user, park=self.park_of(request, data), data=data)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = self.get_object()  # out of reach: 404 before anything else is told
        if self.staff_only:
            _ensure_staff(request)
        payload = self.write_serializer(row, data=request.data, partial=kwargs.get("partial", False))
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = _version(data)
        saved = type(self).save(
            user=request.user, park=row.park, data=data, instance=row, expected_version=version
        )
        return Response(self.get_serializer(saved).data)


class IpViewSet(EntryViewSet):
    """Intellectual property (the patent library): patents by type, copyrights, varieties, drugs, layouts."""

    queryset = IntellectualProperty.objects.order_by("-granted_on", "-applied_on", "id")
    serializer_class = IpSerializer
    save = staticmethod(services.ip_save)


class CertificateViewSet(EntryViewSet):
    """Tier certificates held, with grant and expiry dates."""

    queryset = TierCertificate.objects.order_by("-granted_on", "tier", "id")
    serializer_class = CertificateSerializer
    save = staticmethod(services.certificate_save)


class IncubatorViewSet(ReadOnlyViewSet):
    queryset = Incubator.objects.order_by("name", "id")
    serializer_class = IncubatorSerializer


class StayViewSet(EntryViewSet):
    """Incubatees' stays (a date range: entered, graduated or exited), written by the park's innovation
    department; the enterprise's 在孵 status follows."""

    queryset = Incubation.objects.order_by("-entered_on", "id")
    serializer_class = StaySerializer
    save = staticmethod(services.stay_save)
    staff_only = True


class EvaluationViewSet(ReadOnlyViewSet):
    """Tier evaluations, current and earlier (``?current=1`` for the current ones only)."""

    queryset = Evaluation.objects.select_related("rule").order_by("enterprise_id", "tier", "-evaluated_at")
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet

    def get_queryset(self) -> Any:
        rows = super().get_queryset()
        return rows.filter(is_current=True) if self.request.query_params.get("current") else rows


class RecordViewSet(EntryViewSet):
    """One tech-service library's records, written through ``library_save``; experts' and talents'
    unmasked views are audited."""

    library: ClassVar[Library]
    write_serializer_class: ClassVar[Any]

    @classmethod
    def save(cls, **kwargs: Any) -> Any:
        return services.library_save(model=cls.library.model, **kwargs)

    def write_serializer(self, *args: Any, **kwargs: Any) -> Any:
        return self.write_serializer_class(*args, context=self.get_serializer_context(), **kwargs)

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        unmasked = getattr(self, "_unmasked", [])
        if unmasked:
            audit_event_record(
                kind=AuditEvent.Kind.VIEW_PERSONAL,
                request=request._request,
                object_type=self.library.model._meta.label_lower,
                detail={"rows": unmasked[:200]},
            )
        return super().finalize_response(request, response, *args, **kwargs)

    def get_serializer_context(self) -> dict[str, Any]:
        context: dict[str, Any] = dict(super().get_serializer_context())
        self._unmasked: list[int] = []
        context["unmasked"] = self._unmasked
        return context


def record_viewset(library: Library) -> type[RecordViewSet]:
    serializer = record_serializer(library.model)
    viewset = type(
        f"{library.model.__name__}ViewSet",
        (RecordViewSet,),
        {
            "library": library,
            "queryset": library.model.objects.order_by("id"),
            "serializer_class": serializer,
            "write_serializer_class": record_write_serializer(library.model),
            "staff_only": library.enterprise_field is None,
            "enterprise_key": library.enterprise_field,
            "__doc__": f"{library.label}:记录(新增、修改经与页面相同的服务)。",
        },
    )
    return extend_schema(tags=["innovation"])(viewset)


#: The nine libraries besides patents (which are ``ip``), by slug.
RECORD_VIEWSETS = {
    lib.slug: record_viewset(lib) for lib in LIBRARIES if lib.model is not IntellectualProperty
}

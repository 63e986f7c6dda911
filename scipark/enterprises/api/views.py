"""Registry API under /api/v1/: enterprises, industries, status periods, contacts.

Decisions: enterprises have no DELETE (an enterprise that leaves is 迁出/注销, its history stays);
``version`` is required on every update and a stale one answers 409; fields a role may not change
answer 400 and write nothing (SECURITY.md rows 3 and 14).
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from scipark.core import access
from scipark.core.api.filters import QuickFilterBackend
from scipark.core.api.pagination import CountedRows, StandardPagination
from scipark.core.api.permissions import required_action
from scipark.core.api.statements import CompiledRows
from scipark.core.api.viewsets import ScopedModelViewSet
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent

from .. import services
from ..counts import enterprise_count_in_reach, parks_of
from ..filters import ContactFilterSet, EnterpriseFilterSet, EnterpriseStatusFilterSet, IndustryFilterSet
from ..models import Contact, Enterprise, EnterpriseStatus, Industry
from ..selectors import enterprise_list, sees_personal_data
from .counted_page import CountedPage, with_kept_count
from .page_rows import page_extras, page_row_extras, with_page_extras
from .serializers import (
    ContactCreateSerializer,
    ContactSerializer,
    EnterpriseBriefSerializer,
    EnterpriseSerializer,
    EnterpriseStatusEndSerializer,
    EnterpriseStatusSerializer,
    IndustrySerializer,
)


class HasMembership(permissions.BasePermission):
    """Signed in and holding at least one active membership (reference data is for members only)."""

    message = gettext_lazy("您没有任何有效的角色。")

    def has_permission(self, request: Request, view: APIView) -> bool:
        user: Any = request.user
        return bool(user and user.is_authenticated and access.scope_for(user).grants)


class IndustryViewSet(viewsets.ReadOnlyModelViewSet[Industry]):
    """GB/T 4754-2017 industry codes (read-only reference data)."""

    queryset = Industry.objects.all().order_by("code")
    serializer_class = IndustrySerializer
    permission_classes = [HasMembership]
    filterset_class = IndustryFilterSet
    ordering_fields = ["code", "name", "level"]
    lookup_value_regex = "[A-Z0-9]{1,4}"


class EnterpriseViewSet(ScopedModelViewSet):
    """Enterprises within the caller's reach: list, retrieve, create, update (no delete)."""

    domain = access.Domain.ENTERPRISES
    queryset = Enterprise.objects.all()
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    ordering_fields = ["name", "credit_code", "registration_date", "registered_capital", "updated_at"]
    ordering = ["name", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Enterprise]:
        return enterprise_list(user=self.request.user, action=required_action(self, self.request))

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Enterprise]]:
        # Lists carry the brief representation; one enterprise's URL gives the full record.
        return EnterpriseBriefSerializer if self.action == "list" else EnterpriseSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of brief rows, read as plain values (no model instances), with their tags and flags."""
        # Rows within reach, filtered and ordered, read as plain values; the count takes primary keys
        # only (or the parks' kept counts when no filter applies).
        if self._unfiltered(request):
            # The whole reach: the parks' kept counts give the count without a scan, and the page's SQL
            # (tags and current statuses included, ``with_page_extras``) is compiled once per restriction,
            # ordering and day (``CompiledRows``). When the reach is whole parks and the page is named by
            # its number, the kept count is a column of that statement too (``CountedPage``): the page is
            # one statement.
            restriction = access.restriction(Enterprise, request.user, access.Action.VIEW)
            parks = parks_of(restriction) if restriction is not None else None
            read = self._page_read(request) if parks is not None else None
            rows: Any = self._compiled_rows(request, restriction, parks if read is not None else None)
            if read is not None:
                offset, limit = read
                counted: Any = CountedPage(
                    rows=rows, offset=offset, limit=limit, count_apart=self._kept_count
                )
            else:
                counted = CountedRows(rows=rows, count_from=rows, kept_count=self._kept_count)
            page = self.paginate_queryset(counted)
            # One pass over the rows, each turned into its representation by the brief serializer's own
            # ``to_representation`` (no list serializer around it: the response's data is a plain dict).
            brief = self.get_serializer()
            results = []
            for row in cast(list[dict[str, Any]], page or []):
                page_row_extras(row)
                results.append(brief.to_representation(row))
            return self.get_paginated_response(results)
        # A filtered list compiles its statement on every request: tags and statuses come in a second,
        # small one (``page_extras``) rather than as two more subqueries to compile.
        queryset = self.filter_queryset(Enterprise.objects.restrict(request.user, access.Action.VIEW))
        page = self.paginate_queryset(
            CountedRows(  # type: ignore[arg-type]
                rows=EnterpriseBriefSerializer.brief_rows(queryset),
                count_from=queryset.values("pk"),
            )
        )
        rows = cast(list[dict[str, Any]], list(page or []))
        extras = page_extras(enterprise_ids=[row["id"] for row in rows])
        for row in rows:
            row["tags"] = extras.tags.get(row["id"], [])
            row["above_scale_now"], row["incubating_now"] = extras.flags.get(row["id"], (False, False))
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)

    def _unfiltered(self, request: Request) -> bool:
        """Whether the list is the whole reach: only the quick filter backend (with none of its filters
        named) and ordering apply."""
        for backend in self.filter_backends:
            if backend is OrderingFilter:
                continue
            if backend is not QuickFilterBackend or set(EnterpriseFilterSet.base_filters) & set(
                request.query_params
            ):
                return False
        return True

    def _page_read(self, request: Request) -> tuple[int, int] | None:
        """The slice (offset, limit) the page-number paginator will read for this request, when the
        request names its page by number; ``None`` for keyset pages and other page names."""
        paginator = self.paginator
        if not isinstance(paginator, StandardPagination) or paginator.wants_cursor(request):
            return None
        size = paginator.get_page_size(request)
        named = request.query_params.get(paginator.page_query_param) or "1"
        if not size or not named.isdigit() or int(named) < 1:
            return None
        return (int(named) - 1) * size, size

    def _compiled_rows(
        self, request: Request, restriction: Q | None, counted_parks: tuple[int, ...] | str | None
    ) -> CompiledRows:
        """The unfiltered list's rows with their tags and current statuses (and the kept count of
        ``counted_parks``), keyed by what their SQL depends on: the user's restriction, the ordering
        (``?ordering=`` or the default), the day and whether the count is a column."""
        user = request.user
        ordering = tuple(OrderingFilter().get_ordering(request, Enterprise.objects.all(), self) or ())
        day = timezone.localdate()

        def build() -> QuerySet[Any]:
            reach = Enterprise.objects.restrict(user, access.Action.VIEW)
            rows = with_page_extras(EnterpriseBriefSerializer.brief_rows(reach.order_by(*ordering)), day=day)
            if counted_parks is not None:
                rows = with_kept_count(rows, counted_parks)
            return rows

        key = ("enterprises.brief", restriction, ordering, day, counted_parks is not None)
        return CompiledRows(key=key, build=build)

    def _kept_count(self) -> int:
        kept = enterprise_count_in_reach(user=self.request.user)
        if kept is None:  # a reach that is not whole parks: count the rows
            return int(Enterprise.objects.restrict(self.request.user, access.Action.VIEW).count())
        return kept

    def perform_create(self, serializer: serializers.BaseSerializer[Enterprise]) -> None:
        data = dict(serializer.validated_data)
        park = data.pop("park")
        data.pop("version", None)
        serializer.instance = services.enterprise_create(user=self.request.user, park=park, data=data)

    def perform_update(self, serializer: serializers.BaseSerializer[Enterprise]) -> None:
        data = dict(serializer.validated_data)
        version = data.pop("version")
        enterprise = serializer.instance
        assert enterprise is not None
        if "park" in data and data["park"].pk == enterprise.park_id:
            data.pop("park")  # echoing the park back is not a change
        services.enterprise_update(
            user=self.request.user, enterprise=enterprise, data=data, expected_version=version
        )

    def _respond_with_fresh(self, request: Request, pk: Any, code: int) -> Response:
        fresh = enterprise_list(user=request.user).get(pk=pk)
        return Response(self.get_serializer(fresh).data, status=code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self.perform_create(serializer)
        assert serializer.instance is not None
        return self._respond_with_fresh(request, serializer.instance.pk, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        return self._respond_with_fresh(request, instance.pk, status.HTTP_200_OK)


class EnterpriseStatusViewSet(ScopedModelViewSet):
    """Status periods (规上/限上, 在孵): list, retrieve, create, end; periods are never edited or deleted."""

    domain = access.Domain.ENTERPRISES
    queryset = EnterpriseStatus.objects.select_related("enterprise").order_by(
        "enterprise_id", "kind", "valid_from"
    )
    serializer_class = EnterpriseStatusSerializer
    filterset_class = EnterpriseStatusFilterSet
    ordering_fields = ["valid_from", "valid_to", "kind"]
    http_method_names = ["get", "post", "head", "options"]
    required_actions = {"end": "change"}

    def perform_create(self, serializer: serializers.BaseSerializer[EnterpriseStatus]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.enterprise_status_add(
            user=self.request.user,
            enterprise=data.pop("enterprise"),
            kind=data["kind"],
            valid_from=data["valid_from"],
            valid_to=data.get("valid_to"),
            note=data.get("note", ""),
        )

    @extend_schema(request=EnterpriseStatusEndSerializer, responses=EnterpriseStatusSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        """End an open status period on ``valid_to``."""
        period = self.get_object()
        payload = EnterpriseStatusEndSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        ended = services.enterprise_status_end(
            user=request.user,
            status=period,
            valid_to=payload.validated_data["valid_to"],
            expected_version=payload.validated_data.get("version"),
        )
        return Response(EnterpriseStatusSerializer(ended, context=self.get_serializer_context()).data)


class ContactViewSet(ScopedModelViewSet):
    """Contact persons; personal fields masked by role, every unmasked read recorded (SECURITY.md 9, 20)."""

    domain = access.Domain.ENTERPRISES
    queryset = Contact.objects.select_related("enterprise").order_by("enterprise_id", "-is_primary", "name")
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    ordering_fields = ["name", "enterprise"]
    # Adding or removing a contact is a change of the enterprise's record: enterprise users may do it.
    required_actions = {"create": "change", "destroy": "change"}

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Contact]]:
        return ContactCreateSerializer if self.action == "create" else ContactSerializer

    def _record_personal_view(self, contacts: list[Contact]) -> None:
        shown = [c for c in contacts if sees_personal_data(user=self.request.user, enterprise=c.enterprise)]
        if shown:
            audit_event_record(
                kind=AuditEvent.Kind.VIEW_PERSONAL,
                request=self.request,
                object_type=Contact._meta.label_lower,
                object_id=",".join(str(c.pk) for c in shown)[:64],
                detail={"contacts": [c.pk for c in shown]},
            )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        ids = [row["id"] for row in response.data.get("results", []) if not row.get("masked")]
        if ids:
            self._record_personal_view(list(Contact.objects.filter(pk__in=ids).select_related("enterprise")))
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        contact = self.get_object()
        self._record_personal_view([contact])
        return Response(self.get_serializer(contact).data)

    def perform_create(self, serializer: serializers.BaseSerializer[Contact]) -> None:
        data = dict(serializer.validated_data)
        enterprise = data.pop("enterprise")
        data.pop("version", None)
        serializer.instance = services.contact_create(
            user=self.request.user, enterprise=enterprise, data=data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Contact]) -> None:
        data = dict(serializer.validated_data)
        version = data.pop("version")
        contact = serializer.instance
        assert contact is not None
        if not sees_personal_data(user=self.request.user, enterprise=contact.enterprise):
            raise access.AccessDenied(_("您的角色不能修改联系人的个人信息。"))
        serializer.instance = services.contact_update(
            user=self.request.user, contact=contact, data=data, expected_version=version
        )

    def perform_destroy(self, instance: Contact) -> None:
        services.contact_delete(user=self.request.user, contact=instance)

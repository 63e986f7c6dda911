"""企业走访: staff visits to enterprises; the issues raised become appeals."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormView, object_or_404

from .. import selectors, services
from ..filters import VisitFilterSet
from ..forms import VisitForm, service_parks
from ..models import Visit
from ..tables import VisitTable


class VisitListView(ObjectListView):
    model = Visit
    domain = access.Domain.SERVICE
    table_class = VisitTable
    filterset_class = VisitFilterSet
    title = gettext_lazy("走访记录")
    export_filename = "visits"
    add_url_name = "appeals:visit_add"
    export_columns = (
        (gettext_lazy("走访日期"), "visited_on"),
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("走访部门"), "department.name"),
        (gettext_lazy("参加人员"), "participants"),
        (gettext_lazy("走访记录"), "notes"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return (
            selectors.visit_list(self.request.user)
            .annotate(appeal_total=models.Count("appeals"))
            .order_by("-visited_on", "-id")
        )  # an aggregate drops Meta.ordering, and the pages would shift between requests


class VisitCreateView(ServiceFormView):
    """Record a visit; the form offers the enterprises of the parks one serves, so another one is a form
    error ("select a valid choice")."""

    domain = access.Domain.SERVICE
    action = access.Action.ADD
    form_class = VisitForm
    title = gettext_lazy("记录走访")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        # Enterprise users may add appeals on the service domain, but visits are park staff's records.
        if not service_parks(self.request.user).exists():
            raise PermissionDenied(_("只有园区企业服务工作人员可以记录走访。"))
        return super().get_form(data, files)

    def get_cancel_url(self) -> str:
        return reverse("appeals:visit_list")

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        self.saved = services.visit_record(
            user=request.user,
            enterprise=data["enterprise"],
            visited_on=data["visited_on"],
            notes=data["notes"],
            participants=data.get("participants", ""),
            issues=form.issues(),
        )
        return _("走访已记录,形成诉求 %(n)s 件。") % {"n": self.saved.appeals.count()}


class VisitDetailView(ScopedViewMixin, View):
    domain = access.Domain.SERVICE
    object_model = Visit

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        visit = object_or_404(request, Visit, pk)
        appeals = selectors.appeal_list(request.user).filter(visits=visit)
        context = {"visit": visit, "appeals": appeals, "title": _("走访记录"), "staff": visit.staff.all()}
        return render(request, "appeals/visit_detail.html", context)

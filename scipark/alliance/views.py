"""Alliance pages: the overview, chains with their diagram and members, party organisations.

Thin: forms validate, services write, selectors read. Every page declares its domain and action;
objects come from ``restrict`` for the page's action, so an object out of reach is a 404.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import messages
from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormMixin, denied_as_http
from scipark.parks.models import Department, Park

from . import selectors, services
from .filters import PartyOrgFilterSet
from .forms import MemberForm, PartyOrgForm
from .models import Alliance, Chain, ChainMember, Need, PartyOrganization
from .tables import PartyOrgTable


def object_for(request: HttpRequest, model: type[models.Model], pk: Any, action: access.Action) -> Any:
    """The row if it is within the user's reach for ``action``; otherwise a 404."""
    manager: Any = model._default_manager
    obj = manager.restrict(request.user, action).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


class FormPage(ScopedViewMixin, ServiceFormMixin, View):
    """A form whose save is one service call; the object (if any) is looked up for the page's action."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    template_name = "alliance/form.html"
    title: ClassVar[Any] = ""
    object: Any = None
    success_url: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.load(request, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, request: HttpRequest, **kwargs: Any) -> None:
        if self.object_model is not None and "pk" in kwargs:
            self.object = object_for(request, self.object_model, kwargs["pk"], self.action)

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        raise NotImplementedError

    def cancel_url(self) -> str:
        return reverse("alliance:home")

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.render_form(request, self.make_form(request, None))

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        return self.submit(request, self.make_form(request, request.POST))

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        conflict = any("他人修改" in str(e) for e in form.non_field_errors())
        context = {"form": form, "title": self.title, "object": self.object, "cancel_url": self.cancel_url()}
        return render(request, self.template_name, context, status=409 if conflict else status)

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect(self.success_url or self.cancel_url())


class AllianceHomeView(ScopedViewMixin, TemplateView):
    """The alliances the user reaches: chains with member counts per segment, and the three lists' counts."""

    domain = access.Domain.SERVICE
    template_name = "alliance/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        needs = selectors.need_list(user=user)
        blocks = []
        for alliance in selectors.visible_alliances(user=user):
            scoped_needs = needs.filter(alliance=alliance)
            blocks.append(
                {
                    "alliance": alliance,
                    "chains": selectors.chain_summaries(alliance=alliance),
                    "needs": selectors.need_status_counts(needs=scoped_needs),
                    "need_total": scoped_needs.count(),
                    "resources": selectors.resource_list(user=user).filter(alliance=alliance).count(),
                    "actions": selectors.action_list(user=user).filter(alliance=alliance).count(),
                    "can_change": services.is_alliance_staff(user=user, park_id=alliance.park_id),
                }
            )
        staff_parks = access.scope_for(user).park_ids(access.Domain.SERVICE, access.Action.ADD)
        founded = set(Alliance.objects.filter(park_id__in=staff_parks).values_list("park_id", flat=True))
        context.update(
            title=_("产业链党建联盟"),
            blocks=blocks,
            need_states=Need.Status.choices,
            can_found=bool(staff_parks - founded),
        )
        return context


class AllianceCreateView(FormPage):
    """Found a park's alliance (staff of enterprise service)."""

    action = access.Action.ADD
    title = gettext_lazy("成立产业链党建联盟")

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        from django import forms

        from scipark.core.forms import style_form

        parks = access.scope_for(request.user).park_ids(access.Domain.SERVICE, access.Action.ADD)
        parks_without = Park.objects.filter(pk__in=parks).exclude(pk__in=Alliance.objects.values("park_id"))

        class AllianceForm(forms.ModelForm):
            class Meta:
                model = Alliance
                fields = ["park", "name", "founded_on", "lead_department", "description"]
                widgets = {"founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

            def _post_clean(self) -> None:
                pass

        form = AllianceForm(data)
        park_field: Any = form.fields["park"]
        park_field.queryset = parks_without
        department_field: Any = form.fields["lead_department"]
        department_field.queryset = Department.objects.filter(park_id__in=parks)
        return style_form(form)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = dict(form.cleaned_data)
        park = data.pop("park")
        alliance = services.alliance_create(user=request.user, park=park, **data)
        return _("已成立“%s”。") % alliance.name


class ChainCreateView(FormPage):
    """Add an industry chain to an alliance."""

    object_model = Alliance
    title = gettext_lazy("新增产业链")

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        from django import forms

        from scipark.core.forms import style_form

        class ChainForm(forms.Form):
            name = forms.CharField(label=_("产业链"), max_length=50)
            description = forms.CharField(
                label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
            )
            position = forms.IntegerField(label=_("排序"), min_value=0, max_value=999, initial=0)

        return style_form(ChainForm(data))

    def save(self, request: HttpRequest, form: Any) -> str:
        chain = services.chain_create(user=request.user, alliance=self.object, **form.cleaned_data)
        self.success_url = reverse("alliance:chain_detail", args=[chain.pk])
        return _("已新增产业链“%s”。") % chain.name


class ChainDetailView(ScopedViewMixin, TemplateView):
    """A chain: the up/mid/downstream diagram and the member table."""

    domain = access.Domain.SERVICE
    object_model = Chain
    template_name = "alliance/chain_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        chain = object_for(self.request, Chain, kwargs["pk"], access.Action.VIEW)
        rows = selectors.chain_members(chain=chain, user=user)
        summary = next(
            s for s in selectors.chain_summaries(alliance=chain.alliance) if s.chain.pk == chain.pk
        )
        context.update(
            title=chain.name,
            chain=chain,
            summary=summary,
            rows=rows,
            diagram=selectors.chain_diagram(chain=chain, rows=rows),
            can_change=services.is_alliance_staff(user=user, park_id=chain.alliance.park_id),
        )
        return context


class MemberAddView(FormPage):
    """Add an enterprise, a party organisation or a department to a chain."""

    object_model = Chain
    title = gettext_lazy("新增联盟成员")

    def cancel_url(self) -> str:
        return (
            reverse("alliance:chain_detail", args=[self.object.pk]) if self.object else super().cancel_url()
        )

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return MemberForm(data, chain=self.object, user=request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        services.member_add(user=request.user, chain=self.object, **form.service_data())
        self.success_url = self.cancel_url()
        return _("已新增成员。")


class MemberRemoveView(ScopedViewMixin, View):
    """Take a member out of its chain (POST)."""

    domain = access.Domain.SERVICE
    action = access.Action.CHANGE
    object_model = ChainMember

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        member = object_for(request, ChainMember, pk, access.Action.CHANGE)
        try:
            services.member_remove(user=request.user, member=member)
        except access.AccessDenied as exc:
            raise denied_as_http(exc) from exc
        messages.success(request, _("已移出成员。"))
        return redirect("alliance:chain_detail", pk=member.chain_id)


class PartyOrgListView(ObjectListView):
    """党组织: the alliance's party organisations."""

    model = PartyOrganization
    domain = access.Domain.SERVICE
    table_class = PartyOrgTable
    filterset_class = PartyOrgFilterSet
    title = gettext_lazy("联盟党组织")
    export_filename = "alliance-party-orgs"
    export_columns = (
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("组织类型"), "kind"),
        (gettext_lazy("书记"), "secretary"),
        (gettext_lazy("党员人数"), "member_count"),
        (gettext_lazy("所属单位"), "belongs_to"),
        (gettext_lazy("联盟"), "alliance.name"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.party_org_list(user=self.request.user)


class PartyOrgCreateView(FormPage):
    """Register a party organisation in an alliance."""

    object_model = Alliance
    title = gettext_lazy("新增党组织")

    def cancel_url(self) -> str:
        return reverse("alliance:party_org_list")

    def make_form(self, request: HttpRequest, data: Any) -> BaseForm:
        return PartyOrgForm(data, alliance=self.object, user=request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        org = services.party_org_create(user=request.user, alliance=self.object, data=form.cleaned_data)
        return _("已新增党组织“%s”。") % org.name

"""The alliance and its structure: the overview, founding, chains with their diagram and members, and
party organisations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceActionView
from scipark.parks.models import Park

from .. import selectors, services
from ..filters import PartyOrgFilterSet
from ..forms import AllianceForm, ChainForm, MemberForm, PartyOrgForm
from ..models import Alliance, Chain, ChainMember, Need, PartyOrganization
from ..tables import PartyOrgTable
from .base import AllianceDetailView, AllianceFormView


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
                    "can_change": services.keeps(user, alliance),
                }
            )
        staff_parks = Park.objects.restrict(user, access.Action.ADD, domain=access.Domain.SERVICE)
        context.update(
            title=_("产业链党建联盟"),
            blocks=blocks,
            need_states=Need.Status.choices,
            can_found=staff_parks.filter(alliance__isnull=True).exists(),
        )
        return context


class AllianceCreateView(AllianceFormView):
    """Found a park's alliance (staff of enterprise service)."""

    action = access.Action.ADD
    title = gettext_lazy("成立产业链党建联盟")
    form_class = AllianceForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"user": self.request.user}

    def get_form(self, data: Any = None, files: Any = None) -> Any:
        # Enterprise users may add needs and resources on the service domain, but not found an alliance.
        parks = Park.objects.restrict(self.request.user, access.Action.ADD, domain=access.Domain.SERVICE)
        if not parks.exists():
            raise PermissionDenied(_("只有园区企业服务工作人员可以成立联盟。"))
        return super().get_form(data, files)

    def save(self, request: HttpRequest, form: Any) -> str:
        alliance = services.alliance_create(
            user=request.user, park=form.cleaned_data["park"], **form.service_data()
        )
        return _("已成立“%s”。") % alliance.name


class ChainCreateView(AllianceFormView):
    """Add an industry chain to an alliance."""

    object_model = Alliance
    title = gettext_lazy("新增产业链")
    form_class = ChainForm

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.chain_create(user=request.user, alliance=self.object, **form.cleaned_data)
        return _("已新增产业链“%s”。") % self.saved.name


class ChainDetailView(AllianceDetailView):
    """A chain: the up/mid/downstream diagram and the member table."""

    object_model = Chain
    template_name = "alliance/chain_detail.html"

    def describe(self, user: Any, chain: Any) -> dict[str, Any]:
        rows = selectors.chain_members(chain=chain, user=user)
        summary = next(
            s for s in selectors.chain_summaries(alliance=chain.alliance) if s.chain.pk == chain.pk
        )
        return {
            "title": chain.name,
            "chain": chain,
            "summary": summary,
            "rows": rows,
            "diagram": selectors.chain_diagram(chain=chain, rows=rows),
            "can_change": services.keeps(user, chain.alliance),
        }


class MemberAddView(AllianceFormView):
    """Add an enterprise, a party organisation or a department to a chain."""

    object_model = Chain
    title = gettext_lazy("新增联盟成员")
    form_class = MemberForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"chain": self.object, "user": self.request.user}

    def save(self, request: HttpRequest, form: Any) -> str:
        services.member_add(user=request.user, chain=self.object, **form.service_data())
        return _("已新增成员。")


class MemberRemoveView(ServiceActionView):
    """Take a member out of its chain."""

    domain = access.Domain.SERVICE
    object_model = ChainMember

    def perform(self, request: HttpRequest, obj: Any) -> str:
        services.member_remove(user=request.user, member=obj)
        return _("已移出成员。")

    def get_success_url(self, obj: Any) -> str:
        return reverse("alliance:chain_detail", args=[obj.chain_id])


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


class PartyOrgCreateView(AllianceFormView):
    """Register a party organisation in an alliance."""

    object_model = Alliance
    title = gettext_lazy("新增党组织")
    form_class = PartyOrgForm

    def get_cancel_url(self) -> str:
        return reverse("alliance:party_org_list")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"alliance": self.object, "user": self.request.user}

    def save(self, request: HttpRequest, form: Any) -> str:
        org = services.party_org_create(user=request.user, alliance=self.object, data=form.cleaned_data)
        return _("已新增党组织“%s”。") % org.name

"""Tech archives: the list, one archive with its review buttons (from FLOW's table), opening and
filling an archive, the enterprise's innovation page (tier position and exact gaps) and the portal."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.forms import is_yuan_amount, wan_label
from scipark.core.money import wan_figure
from scipark.core.views import (
    ObjectListView,
    ScopedViewMixin,
    ServiceActionView,
    ServiceFormView,
    object_or_404,
)
from scipark.enterprises.models import Enterprise

from .. import selectors, services
from ..filters import ArchiveFilterSet
from ..forms import ArchiveForm, ArchiveOpenForm
from ..models import (
    Award,
    Evaluation,
    Incubation,
    IntellectualProperty,
    LedStandard,
    RdInstitution,
    TechArchive,
    TierCertificate,
)
from ..tables import ArchiveTable
from ..workflow import EDITABLE, FLOW, ArchiveAction, archive_actors


def figure(value: Any, *, wan: bool = False) -> Any:
    """An archive's figure as the park writes it: amounts and counts with thousands separators (the
    Chinese locale groups none, so 1200000.00 read as one unbroken number), an amount in 元 in 万元 as the
    form takes it (``wan``: 6617104.00 → 661.7104); yes/no and empty as they are."""
    if wan and isinstance(value, Decimal):
        return wan_figure(value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return value


def field_label(name: str) -> str:
    return str(getattr(TechArchive._meta.get_field(name), "verbose_name", name))


def shown_field(archive: TechArchive, name: str) -> tuple[str, Any]:
    """One figure of the archive page with its label: an amount in 元 reads in 万元 (研发费用总额(万元)), as
    its form takes it; the export and the API keep 元."""
    field = TechArchive._meta.get_field(name)
    if is_yuan_amount(field):
        return str(wan_label(field_label(name))), figure(getattr(archive, name), wan=True)
    return field_label(name), figure(getattr(archive, name))


class ArchiveListView(ObjectListView):
    """科技档案: every archive the user reaches (an enterprise user: its own)."""

    model = TechArchive
    domain = access.Domain.INNOVATION
    table_class = ArchiveTable
    filterset_class = ArchiveFilterSet
    title = gettext_lazy("科技档案")
    export_filename = "tech-archives"
    add_url_name = "innovation:archive_add"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("年度"), "year"),
        (gettext_lazy("状态"), "state"),
        *((field_label(name), name) for name in services.archives.ARCHIVE_FIELDS),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().select_related("enterprise")


class ArchiveDetailView(ScopedViewMixin, TemplateView):
    """One archive: its figures, the review state and the buttons the user's part allows now."""

    domain = access.Domain.INNOVATION
    object_model = TechArchive
    template_name = "innovation/archive_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        archive = object_or_404(self.request, TechArchive, kwargs["pk"])
        user = self.request.user
        actions = FLOW.available_actions(archive.state, archive_actors(user, archive))
        context.update(
            # the model's str is Chinese whatever the UI language (the English page read 2025年科技档案)
            title=_("%(enterprise)s %(year)s年科技档案")
            % {"enterprise": archive.enterprise, "year": archive.year},
            archive=archive,
            rows=[shown_field(archive, name) for name in services.archives.ARCHIVE_FIELDS],
            buttons=[(a, FLOW.label(a)) for a in actions],
            needs_note={str(ArchiveAction.SEND_BACK), str(ArchiveAction.REOPEN)},
            can_edit=archive.state in EDITABLE and access.can_reach(user, archive, access.Action.CHANGE),
        )
        return context


class ArchiveOpenView(ServiceFormView):
    """填报科技档案: open the archive of one enterprise for one year, then fill it in."""

    domain = access.Domain.INNOVATION
    action = access.Action.ADD
    title = gettext_lazy("新建年度科技档案")

    def get_form(self, data: Any = None, files: Any = None) -> ArchiveOpenForm:
        return ArchiveOpenForm(data, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        self.saved = services.archive_create(
            user=request.user,
            enterprise=form.cleaned_data["enterprise"],
            year=form.cleaned_data["year"],
            data={},
        )
        return _("已建立%s,请填写各项数据。") % self.saved

    def get_success_url(self) -> str:
        return reverse("innovation:archive_edit", args=[self.saved.pk])

    def get_cancel_url(self) -> str:
        return reverse("innovation:portal")


class ArchiveEditView(ServiceFormView):
    """Fill in the figures of an open archive (填报中 or 已退回)."""

    domain = access.Domain.INNOVATION
    action = access.Action.CHANGE
    object_model = TechArchive
    title = gettext_lazy("填写科技档案")

    def get_form(self, data: Any = None, files: Any = None) -> ArchiveForm:
        return ArchiveForm(data, instance=TechArchive.objects.get(pk=self.object.pk))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.archive_update(
            user=request.user,
            archive=self.object,
            data=form.service_data(),
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存%s。") % self.object

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class ArchiveStepView(ServiceActionView):
    """One review button (提交审核, 审核通过, 退回修改, 重新打开): the posted ``step`` through FLOW."""

    domain = access.Domain.INNOVATION
    action = access.Action.CHANGE
    object_model = TechArchive

    def perform(self, request: HttpRequest, obj: Any) -> str:
        step = request.POST.get("step", "")
        if step not in FLOW.transitions:
            return ""
        services.archive_step(
            user=request.user,
            archive=obj,
            action=step,
            version=self.posted_version(request),
            note=request.POST.get("note", "").strip(),
        )
        return _("%(archive)s:已%(step)s。") % {"archive": obj, "step": FLOW.label(step)}


def enterprise_innovation(user: Any, enterprise: Any) -> dict[str, Any]:
    """An enterprise's innovation position as the user may see it: tiers held, the current evaluation of
    each tier with its exact gaps, the archives by year, IP, platforms and incubation stays."""

    def reach(model: Any) -> Any:
        return model.objects.restrict(user, access.Action.VIEW).filter(enterprise=enterprise)

    seen = set(reach(Evaluation).filter(is_current=True).values_list("pk", flat=True))
    evaluations = [e for e in selectors.current_evaluations(enterprise) if e.pk in seen]
    ip = reach(IntellectualProperty)
    today = timezone.localdate()
    certificates = list(reach(TierCertificate).order_by("tier", "-granted_on"))
    return {
        "enterprise_id": enterprise.pk,
        "certificates": certificates,
        # a tier held today: its evaluation (a renewal's) is marked so, not read as a tier never reached
        "held_tiers": {c.tier for c in certificates if c.expires_on is None or c.expires_on >= today},
        "today": today,
        "evaluations": evaluations,
        "archives": reach(TechArchive).order_by("-year"),
        "ip_counts": ip.values("kind").annotate(n=models.Count("pk")).order_by("kind"),
        "ip_labels": dict(IntellectualProperty.Kind.choices),
        "platforms": reach(RdInstitution).order_by("-approved_on"),
        "awards": reach(Award).order_by("-granted_on"),
        "standards": reach(LedStandard).order_by("-published_on"),
        "stays": reach(Incubation).select_related("incubator").order_by("-entered_on"),
        "can_open": access.has_permission(user, access.Domain.INNOVATION, access.Action.ADD)
        and Enterprise.objects.restrict(user, access.Action.ADD, domain=access.Domain.INNOVATION)
        .filter(pk=enterprise.pk)
        .exists(),
    }


class EnterpriseProfileView(ScopedViewMixin, TemplateView):
    """An enterprise's innovation page: where it stands on the ladder and what it lacks, exactly."""

    domain = access.Domain.INNOVATION
    object_model = Enterprise
    template_name = "innovation/enterprise_profile.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        enterprise = object_or_404(self.request, Enterprise, kwargs["pk"])
        context.update(
            title=_("%s · 科技创新") % enterprise.name,
            enterprise=enterprise,
            **enterprise_innovation(self.request.user, enterprise),
        )
        return context


class PortalView(ScopedViewMixin, TemplateView):
    """我的科技档案: an enterprise user's own enterprises, their archives and tier position."""

    domain = access.Domain.INNOVATION
    template_name = "innovation/portal.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        own = access.scope_for(user).enterprise_ids()
        enterprises = (
            Enterprise.objects.restrict(user, access.Action.VIEW).filter(pk__in=own).order_by("name")
        )
        context.update(
            title=_("我的科技档案"),
            blocks=[{"enterprise": e, **enterprise_innovation(user, e)} for e in enterprises],
        )
        return context

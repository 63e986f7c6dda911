"""督察整改台账 pages: the list with counts per round and state, a finding with its timeline, each step."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.views import ObjectListView, ScopedViewMixin, ServiceFormView, object_or_404

from .. import selectors, services
from ..filters import FindingFilterSet
from ..forms import FindingForm, StepForm
from ..models import Finding, FindingEvidence, FindingStep
from ..tables import FindingTable
from ..workflow import FLOW, finding_actors


class FindingListView(ObjectListView):
    model = Finding
    domain = access.Domain.ENVIRONMENT
    table_class = FindingTable
    filterset_class = FindingFilterSet
    title = gettext_lazy("督察整改台账")
    template_name = "environment/finding_list.html"
    export_filename = "environment-findings"
    add_url_name = "environment:finding_add"
    import_url_name = "environment:finding_import"
    export_columns = (
        (gettext_lazy("编号"), "number"),
        (gettext_lazy("来源"), "round_label"),
        (gettext_lazy("类别"), "kind"),
        (gettext_lazy("问题"), "title"),
        (gettext_lazy("责任企业"), "enterprise.name"),
        (gettext_lazy("责任单位"), "responsible_unit"),
        (gettext_lazy("交办日期"), "received_on"),
        (gettext_lazy("整改期限"), "deadline"),
        (gettext_lazy("整改措施"), "measures"),
        (gettext_lazy("状态"), "state"),
        (gettext_lazy("销号日期"), "closed_on"),
        (gettext_lazy("销号文号"), "closure_document"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return selectors.finding_list(user=self.request.user)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        findings = self.get_queryset()
        today = timezone.localdate()
        context.update(
            counts=selectors.ledger_counts(findings),
            overdue=selectors.overdue(findings, today),
            due_soon=selectors.due_soon(findings, today),
        )
        return context


class FindingDetailView(ScopedViewMixin, TemplateView):
    domain = access.Domain.ENVIRONMENT
    object_model = Finding
    template_name = "environment/finding_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        finding = object_or_404(self.request, Finding, kwargs["pk"])
        actions = FLOW.available_actions(finding.state, finding_actors(self.request.user, finding))
        context.update(
            title=str(finding),
            finding=finding,
            steps=finding.steps.select_related("user").order_by("at", "id"),
            evidence=finding.evidence.order_by("id"),
            actions=[(a, FLOW.label(a)) for a in actions],
            overdue=finding.is_open and finding.deadline < timezone.localdate(),
        )
        return context


class FindingCreateView(ServiceFormView):
    domain = access.Domain.ENVIRONMENT
    action = access.Action.ADD
    title = gettext_lazy("登记督察整改事项")

    def get_form(self, data: Any = None, files: Any = None) -> FindingForm:
        return FindingForm(data, files, user=self.request.user)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = dict(form.cleaned_data)
        park = data.pop("park")
        self.saved = services.finding_create(user=request.user, park=park, data=data)
        return gettext("已登记事项 %(number)s。") % {"number": self.saved.number}

    def get_cancel_url(self) -> str:
        return reverse("environment:finding_list")


class FindingStepView(ServiceFormView):
    """One step of the ledger as a small form (notes, evidence, the action's own fields)."""

    domain = access.Domain.ENVIRONMENT
    action = access.Action.VIEW  # the form is shown to whoever may read the finding
    post_action = access.Action.CHANGE  # posting a step changes it: the department, or the enterprise's own
    object_model = Finding

    def required_action(self, request: HttpRequest) -> access.Action:
        return self.post_action if request.method == "POST" else self.action

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        return object_or_404(request, Finding, kwargs["pk"], self.required_action(request))

    @property
    def step(self) -> str:
        action = str(self.kwargs["action"])
        return action if action in FLOW.transitions else FindingStep.Action.PROGRESS

    @property
    def title(self) -> str:  # type: ignore[override]
        return FLOW.label(self.step)

    def get_form(self, data: Any = None, files: Any = None) -> StepForm:
        # 开始整改 shows the measures already written (at registration or by the import) to be confirmed or
        # revised; an empty field kept them unseen and a word typed there replaced them.
        initial = {"version": self.object.version, "measures": self.object.measures}
        return StepForm(data, files, action=self.step, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = services.step_data(self.step, form.cleaned_data)
        self.saved = services.finding_step(
            user=request.user,
            finding=self.object,
            action=self.kwargs["action"],
            version=form.cleaned_data["version"],
            **data,
        )
        return gettext("%(number)s:%(step)s完成。") % {
            "number": self.saved.number,
            "step": FLOW.label(self.step),
        }

    def get_cancel_url(self) -> str:
        return str(self.object.get_absolute_url())


class EvidenceDownloadView(ScopedViewMixin, View):
    """A piece of evidence, for those who may read its finding."""

    domain = access.Domain.ENVIRONMENT
    object_model = FindingEvidence

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        item = object_or_404(request, FindingEvidence, pk)
        try:
            handle = item.file.open("rb")
        except FileNotFoundError:
            raise Http404(gettext("证明材料「%(name)s」的文件已不存在。") % {"name": item.name}) from None
        return FileResponse(handle, as_attachment=True, filename=item.name, content_type=item.content_type)

"""The annual summary's pages: the summary of a park and year (narrative with its figures, the documents
generated and what changed since each), editing one section's narrative, generating (a background task the
page follows, ``reports.tasks``) and downloading."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent, TaskRun
from scipark.core.views import ScopedViewMixin, ServiceFormMixin, object_or_404
from scipark.parks.models import Park

from .. import selectors, services, tasks
from ..catalogue import BY_ID, SECTION_KEYS, section
from ..models import Narrative, SummaryIssue
from ..summary import pdf
from ..summary.content import plain_text
from .choice import chosen_park, chosen_year, member_parks, year_choices

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def summary_url(park: Park, year: int) -> str:
    params: dict[str, str | int] = {"park": park.code, "year": year}
    return f"{reverse('reports:summary')}?{urlencode(params)}"


def own_run(request: HttpRequest) -> TaskRun | None:
    """The generation run ``?run=`` names, if the user started it (anyone else's: nothing is shown)."""
    return TaskRun.objects.own(request.user, request.GET.get("run", "")).filter(kind=tasks.KIND).first()


class SummaryView(ScopedViewMixin, TemplateView):
    """``/reports/summary/?park=bio&year=2023``: the summary as it reads now, and the documents kept."""

    domain = access.Domain.REPORTS
    template_name = "reports/summary.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        parks = member_parks(user)
        context: dict[str, Any] = {
            **super().get_context_data(**kwargs),
            "parks": parks,
            "title": _("年度工作总结"),
        }
        if not parks.exists():
            return context  # zone viewers: the summary names enterprises; the template says so
        park = chosen_park(self.request, parks)
        year = chosen_year(self.request.GET.get("year"))
        summary = services.summary_now(park, year, charts=False)
        issues = list(selectors.issue_list(user, park, year))
        changed = {issue.pk: selectors.differences(issue, summary.figures) for issue in issues}
        gaps = [p for p in summary.rows.values() if p.missing]
        return {
            **context,
            "run": own_run(self.request),
            "park": park,
            "year": year,
            "years": year_choices(),
            "sections": summary.content.sections,
            "lead": summary.content.lead,
            "texts": summary.texts,
            "gaps": gaps,
            "computed": len(summary.rows) - len(gaps),
            "issues": [(issue, changed[issue.pk]) for issue in issues],
            "can_write": Narrative.may_write_in(user, park.pk),
            "can_generate": SummaryIssue.may_write_in(user, park.pk),
            "preview": plain_text(summary.content),
            "pdf": pdf.converter() is not None,
        }


class NarrativeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("文字"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control"}),
        help_text=gettext_lazy(
            "数据用占位符引用,如 {E1}、{S1};{year} 为年份,{park} 为园区名称。不要直接输入数字,系统按业务记录计算填入。"
        ),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NarrativeView(ServiceFormMixin, ScopedViewMixin, View):
    """``/reports/summary/narrative/?park=bio&year=2023&section=economy``: one section's words.

    Every reader of reports reaches the route; writing is for the park's department staff (the model's
    rule), so the page refuses others with 403 before showing a form they could not save."""

    domain = access.Domain.REPORTS
    template_name = "reports/narrative.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            source = request.POST if request.method == "POST" else request.GET
            parks = member_parks(request.user)
            if not parks.exists():
                raise PermissionDenied(_("年度工作总结由园区工作人员撰写,您的角色只能查看汇总数据。"))
            self.park = chosen_park(request, parks, source.get("park"))
            self.year = chosen_year(source.get("year"))
            key = source.get("section") or SECTION_KEYS[0]
            self.section = section(key) if key in SECTION_KEYS else section(SECTION_KEYS[0])
            if not Narrative.may_write_in(request.user, self.park.pk):
                raise PermissionDenied(_("只有本园区的部门工作人员可以修改年度总结的文字。"))
        return super().dispatch(request, *args, **kwargs)

    def current(self) -> selectors.SectionText:
        return next(t for t in selectors.section_texts(self.park, self.year) if t.section == self.section)

    def get(self, request: HttpRequest) -> HttpResponse:
        current = self.current()
        return self.render_form(
            request, NarrativeForm(initial={"text": current.text, "version": current.version})
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        return self.submit(request, NarrativeForm(request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        services.narrative_save(
            user=request.user,
            park=self.park,
            year=self.year,
            section=self.section.key,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
        return _("已保存“%(section)s”的文字。") % {"section": self.section.heading}

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        return redirect(summary_url(self.park, self.year))

    def render_form(self, request: HttpRequest, form: Any, status: int = 200) -> HttpResponse:
        rows = [BY_ID[r] for r in self.current().row_ids]
        context = {
            "title": _("修改年度总结文字"),
            "form": form,
            "park": self.park,
            "year": self.year,
            "section": self.section,
            "rows": rows,
            "cancel_url": summary_url(self.park, self.year),
        }
        return render(request, self.template_name, context, status=status)


class SummaryGenerateView(ScopedViewMixin, View):
    """POST ``park`` and ``year``: generate the summary document and keep it; back to the summary page."""

    domain = access.Domain.REPORTS
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        parks = member_parks(request.user)
        if not parks.exists():
            raise PermissionDenied(_("年度工作总结由园区工作人员和领导生成,您的角色只能查看汇总数据。"))
        park = chosen_park(request, parks, request.POST.get("park"))
        year = chosen_year(request.POST.get("year"))
        if not SummaryIssue.may_write_in(request.user, park.pk):
            raise PermissionDenied(_("只有本园区的工作人员和领导可以生成年度工作总结。"))
        # A Word document with charts (and its PDF) takes seconds: the worker makes it (ADR 0011) and the
        # summary page follows the run, then offers its files.
        run = TaskRun.objects.create(
            kind=tasks.KIND,
            label=_("生成%(park)s%(year)s年度工作总结") % {"park": park.name, "year": year},
            user_id=request.user.pk,
            park=park,
            result_url=summary_url(park, year),
        )
        tasks.summary_generate_run.enqueue(
            run_id=run.pk, park_id=park.pk, year=year, language=translation.get_language() or ""
        )
        return redirect(f"{summary_url(park, year)}&{urlencode({'run': run.token.hex})}")


class SummaryDownloadView(ScopedViewMixin, View):
    """``/reports/summary/<pk>/download/``: the document exactly as it was generated; ``?format=pdf``
    converts it to PDF where the server has a converter (``summary.pdf``)."""

    domain = access.Domain.REPORTS
    object_model = SummaryIssue

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        issue = object_or_404(request, SummaryIssue, pk)
        as_pdf = request.GET.get("format") == "pdf"
        if as_pdf:
            try:
                with issue.file.open("rb") as stored:
                    data = pdf.convert(stored.read(), name=f"{issue.park.code}-{issue.year}-v{issue.number}")
            except ValidationError as exc:
                messages.error(request, ";".join(exc.messages))
                return redirect(summary_url(issue.park, issue.year))
        audit_event_record(
            kind=AuditEvent.Kind.EXPORT,
            request=request,
            object_type="reports.summaryissue",
            detail={
                "park": issue.park.code,
                "year": issue.year,
                "number": issue.number,
                "format": "pdf" if as_pdf else "docx",
            },
        )
        if as_pdf:
            response = HttpResponse(data, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{issue.filename[:-5]}.pdf"'
            return response
        return FileResponse(
            issue.file.open("rb"), as_attachment=True, filename=issue.filename, content_type=DOCX
        )

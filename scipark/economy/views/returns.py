"""Staff pages of the monthly returns: the list (filters, .xlsx), one return with its revisions and the
review (accept / 退回), who has not reported by the deadline, and reminders. 经济发展 staff act; other staff
read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views import View
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.money import in_wan
from scipark.core.terms import joined
from scipark.core.views import ExportMixin, ObjectListView, ScopedViewMixin, ServiceActionView, export_xlsx
from scipark.parks.models import Park

from .. import collection, services
from ..checks import CHECKED_FIELDS
from ..filters import MonthlyReturnFilterSet, parse_period
from ..forms import MONEY_FIELDS, PeriodCloseForm, PeriodReopenForm, RemindForm, ReviewForm, staff_parks
from ..kpi import plain
from ..models import ClosedPeriod, MonthlyReturn
from ..selectors.periods import period_history
from ..tables import MonthlyReturnTable
from .base import due_period, economy_park_ids
from .portal import previous_month, shown_value

MISSING_STATES = {
    "none": gettext_lazy("未报送"),
    "draft": gettext_lazy("草稿未报送"),
    "rejected": gettext_lazy("已退回待重报"),
}


class ReturnListView(ObjectListView):
    """月度报表: every revision in reach, filtered by period, status, enterprise, industry; .xlsx export."""

    model = MonthlyReturn
    domain = access.Domain.ECONOMY
    table_class = MonthlyReturnTable
    filterset_class = MonthlyReturnFilterSet
    template_name = "economy/return_list.html"
    title = gettext_lazy("月度报表")
    export_filename = "monthly-returns"
    import_url_name = "economy:return_import"
    export_columns = (
        (gettext_lazy("企业名称"), "enterprise.name"),
        (gettext_lazy("统一社会信用代码"), "enterprise.credit_code"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("报告期"), "period_text"),
        (gettext_lazy("包含月数"), "months"),
        (gettext_lazy("修订号"), "revision"),
        (gettext_lazy("状态"), "status"),
        (gettext_lazy("现行数据"), "is_current"),
        (gettext_lazy("工业总产值(万元)"), "wan:industrial_output"),
        (gettext_lazy("营业收入(万元)"), "wan:revenue"),
        (gettext_lazy("工业增加值(万元)"), "wan:value_added"),
        (gettext_lazy("利润总额(万元)"), "wan:profit"),
        (gettext_lazy("商品销售额(万元)"), "wan:sales"),
        (gettext_lazy("从业人员(人)"), "employees"),
        (gettext_lazy("综合能源消费量(吨标准煤)"), "energy_tce"),
        (gettext_lazy("异常说明"), "reasons"),
        (gettext_lazy("报送时间"), "submitted_at"),
        (gettext_lazy("审核意见"), "review_note"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return (
            super()
            .get_queryset()
            .select_related("enterprise", "park")
            .order_by("-period", "enterprise__name", "-revision")
        )

    def export(self, request: HttpRequest) -> HttpResponse:
        # A Chinese file name with the month asked for: 月报-2023-12-<date>.xlsx (issue 10, item 10).
        period = parse_period(request.GET.get("period", ""))
        setattr(self, "export_filename", f"月报-{period:%Y-%m}" if period else "月报")  # noqa: B010
        return super().export(request)

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor.startswith("wan:"):
            return in_wan(getattr(obj, accessor[4:]))
        if accessor == "period_text":
            return f"{obj.period:%Y-%m}"
        if accessor == "is_current":
            return _("是") if obj.is_current else _("否")
        if accessor == "reasons":
            return ";".join(f"{k}:{v}" for k, v in (obj.reasons or {}).items())
        return super().export_value(obj, accessor)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            due_period=due_period(),
            can_enter=staff_parks(user, access.Action.ADD).exists(),
        )
        return context


@dataclass(frozen=True)
class ComparedValue:
    """One amount of a return beside the enterprise's previous month and same month last year, as the
    enterprise saw them on its form (money in 万元), with the reason it gave."""

    label: str
    unit: str
    current: str
    previous: str
    last_year: str
    reason: str


COMPARED_FIELDS = frozenset({*(name for name, _label in MONEY_FIELDS), "employees", "energy_tce"})


def compared_values(
    record: MonthlyReturn, previous: dict[str, Any] | None, last_year: dict[str, Any] | None
) -> list[ComparedValue]:
    """The reviewer's table: each amount of ``record`` against the two comparisons the form showed."""
    # The unit stands in brackets after the label, as a column's header names it: (10,000 yuan), not the
    # × 10,000 yuan written after a figure.
    wan = pgettext("column unit", "万元")
    fields: list[tuple[str, str, str]] = [(name, str(label), wan) for name, label in MONEY_FIELDS]
    fields += [
        ("employees", _("从业人员期末人数"), _("人")),
        ("energy_tce", _("综合能源消费量"), _("吨标准煤")),
    ]
    reasons = record.reasons or {}
    current = {name: getattr(record, name) for name, _label, _unit in fields}
    return [
        ComparedValue(
            label=label,
            unit=unit,
            current=shown_value(name, current),
            previous=shown_value(name, previous),
            last_year=shown_value(name, last_year),
            reason=str(reasons.get(name, "")),
        )
        for name, label, unit in fields
    ]


class ReturnDetailView(ScopedViewMixin, View):
    """One revision: amounts, energy, reasons, the other revisions of the month, and the review."""

    domain = access.Domain.ECONOMY
    object_model = MonthlyReturn
    template_name = "economy/return_detail.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        queryset = (
            MonthlyReturn.objects.restrict(request.user, access.Action.VIEW)
            .select_related("enterprise", "park", "submitted_by", "reviewed_by")
            .prefetch_related("energy_uses__carrier")
        )
        record = get_object_or_404(queryset, pk=pk)
        user = request.user
        if record.enterprise_id not in access.scope_for(user).enterprise_ids():
            # Someone other than the enterprise itself looks at its individual statistics (SECURITY.md 9).
            audit_event_record(kind=AuditEvent.Kind.VIEW_CONFIDENTIAL, request=request, obj=record)
        revisions = (
            MonthlyReturn.objects.restrict(user, access.Action.VIEW)
            .filter(enterprise_id=record.enterprise_id, period=record.period)
            .select_related("submitted_by", "reviewed_by")
            .order_by("-revision")
        )
        can_review = record.status == MonthlyReturn.Status.SUBMITTED and services.is_economy_staff(
            user, record.park_id
        )
        previous, last_year = services.comparison_values(
            enterprise_id=record.enterprise_id, period=record.period
        )
        amounts = compared_values(record, previous, last_year)
        context = {
            "title": str(record),
            "record": record,
            "amounts": amounts,
            "previous_label": f"{previous_month(record.period):%Y-%m}",
            "last_year_label": f"{record.period.replace(year=record.period.year - 1):%Y-%m}",
            # Reasons the table above does not show beside an amount (none today; a file may bring others).
            "reasons": [
                (CHECKED_FIELDS.get(name, name), text)
                for name, text in (record.reasons or {}).items()
                if name not in COMPARED_FIELDS
            ],
            "energy_uses": [(use, f"{plain(use.quantity):,f}") for use in record.energy_uses.all()],
            "revisions": revisions,
            "can_review": can_review,
            "form": ReviewForm(),
            "is_own": record.enterprise_id in access.scope_for(user).enterprise_ids(),
        }
        return render(request, self.template_name, context)


class ReturnReviewAction(ServiceActionView):
    """A button of the review: the note and the version come from the detail page's form."""

    domain = access.Domain.ECONOMY
    action = access.Action.CHANGE
    object_model = MonthlyReturn

    def get_success_url(self, obj: MonthlyReturn) -> str:
        return reverse("economy:return_detail", args=[obj.pk])

    def review(self, request: HttpRequest) -> tuple[int, str]:
        form = ReviewForm(request.POST)
        if form.is_valid():
            return form.cleaned_data["version"], form.cleaned_data["review_note"]
        if "version" in form.errors:
            raise ValidationError(_("版本号无效,请刷新页面后重试。"))
        raise ValidationError(_("审核意见:%(e)s") % {"e": " ".join(map(str, form.errors["review_note"]))})


class ReturnAcceptView(ReturnReviewAction):
    """Accept a submitted revision: it becomes the one that counts (经济发展 staff of its park)."""

    def perform(self, request: HttpRequest, obj: MonthlyReturn) -> str:
        version, note = self.review(request)
        services.return_accept(user=request.user, monthly_return=obj, expected_version=version, note=note)
        return _("已审核通过,该修订成为现行数据。")


class ReturnSendBackView(ReturnReviewAction):
    """退回: send a submitted revision back to the enterprise with the reason (经济发展 staff)."""

    def perform(self, request: HttpRequest, obj: MonthlyReturn) -> str:
        version, note = self.review(request)
        services.return_reject(user=request.user, monthly_return=obj, expected_version=version, note=note)
        return _("已退回企业修改。")


class MissingReturnsView(ExportMixin, ScopedViewMixin, TemplateView):
    """Who has not reported a period (by the configurable deadline), late submissions, reminders;
    ``?export=xlsx`` downloads the list."""

    domain = access.Domain.ECONOMY
    template_name = "economy/missing_returns.html"
    headers: ClassVar[tuple[Any, ...]] = (
        gettext_lazy("企业名称"),
        gettext_lazy("统一社会信用代码"),
        gettext_lazy("园区"),
        gettext_lazy("报告期"),
        gettext_lazy("截止日期"),
        gettext_lazy("状态"),
        gettext_lazy("最近报送月份"),
    )

    def period(self) -> tuple[dt.date, str]:
        text = self.request.GET.get("period", "")
        parsed = parse_period(text) if text else None
        if text and parsed is None:
            return due_period(), _("报告期“%(text)s”无法识别,应写作“年-月”,如 2023-12;已显示上月。") % {
                "text": text[:20]
            }
        return parsed or due_period(), ""

    def export(self, request: HttpRequest) -> HttpResponse:
        period, _problem = self.period()
        outstanding = collection.missing_returns(
            user=request.user, park_ids=economy_park_ids(request.user), period=period
        )
        deadline = collection.deadline_for(period)
        rows = [
            [
                o.enterprise.name,
                o.enterprise.credit_code,
                o.enterprise.park.name,
                f"{period:%Y-%m}",
                deadline,
                str(MISSING_STATES[o.state]),
                f"{o.last_period:%Y-%m}" if o.last_period else "",
            ]
            for o in outstanding
        ]
        return export_xlsx(
            request,
            filename=f"未报送企业-{period:%Y-%m}",
            sheet=_("未报送企业"),
            headers=self.headers,
            rows=rows,
            object_type="economy.missingreturn",
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        period, problem = self.period()
        user = self.request.user
        parks = economy_park_ids(user)
        outstanding = collection.missing_returns(user=user, park_ids=parks, period=period)
        deadline = collection.deadline_for(period)
        contacts = collection.contacts_for_calls(user=user, enterprises=[o.enterprise for o in outstanding])
        keeps = list(staff_parks(user, access.Action.CHANGE).values_list("pk", flat=True))
        history = period_history(user=user, park_ids=parks, period=period)
        closed = {
            c.park_id: c
            for c in ClosedPeriod.objects.filter(park_id__in=parks, period=period).select_related(
                "closed_by", "park"
            )
        }
        return {
            **super().get_context_data(**kwargs),
            "title": _("报送情况"),
            "period": period,
            "problem": problem,
            "deadline": deadline,
            "overdue": timezone.localdate() > deadline,
            "outstanding": [(o, MISSING_STATES[o.state], contacts.get(o.enterprise.pk)) for o in outstanding],
            "board": collection.reporting_board(park_ids=parks, period=period),
            "expected": collection.expected_count(park_ids=parks, period=period),
            "late": collection.late_returns(park_ids=parks, period=period),
            "can_remind": bool(keeps),
            "deadline_day": collection.deadline_day(),
            "closed": list(closed.values()),
            # The closings the user may undo (重新开放): their own parks'.
            "reopenable": [c for c in closed.values() if c.park_id in keeps],
            # The month's closings and reopenings, shown once it has been reopened at least once.
            "history": history if any(e.reopened for e in history) else [],
            # The parks the user may close this month for: their own, not closed yet, the month ended.
            "closable": [
                park
                for park in Park.objects.filter(pk__in=keeps).order_by("name")
                if park.pk not in closed and period < services.current_period()
            ],
            "month_open": period >= services.current_period(),
        }


class PeriodPageActionView(ServiceActionView):
    """A button of the period page (报送情况) about one month: back to that month's page afterwards."""

    domain = access.Domain.ECONOMY
    action = access.Action.CHANGE
    period: dt.date | None = None

    def park(self, request: HttpRequest, pk: int) -> Park:
        """The park the form names, among those whose economy the user reaches (else 404)."""
        parks = Park.objects.restrict(request.user, access.Action.VIEW, domain=access.Domain.ECONOMY)
        return get_object_or_404(parks, pk=pk)

    def month_form(
        self, request: HttpRequest, form_class: type[forms.Form], refused: str
    ) -> tuple[Park, dict[str, Any]]:
        """What closing and reopening ask first: the user keeps a park's economy (else ``refused``), the form
        is valid (its errors in one message), and the park it names is one the user reaches."""
        if not staff_parks(request.user, access.Action.CHANGE).exists():
            raise PermissionDenied(refused)
        form = form_class(request.POST)
        if not form.is_valid():
            raise ValidationError(" ".join(str(e) for errors in form.errors.values() for e in errors))
        self.period = form.cleaned_data["period"]
        return self.park(request, form.cleaned_data["park"]), form.cleaned_data

    def get_success_url(self, obj: None) -> str:
        url = reverse("economy:missing_returns")
        return f"{url}?period={self.period:%Y-%m}" if self.period else url


class PeriodCloseView(PeriodPageActionView):
    """关账: the 经济发展 department closes a month of its park; later changes need a revision reason."""

    def perform(self, request: HttpRequest, obj: None) -> str:
        park, data = self.month_form(
            request, PeriodCloseForm, _("只有本园区经济发展部门的工作人员可以关账。")
        )
        services.period_close(user=request.user, park=park, period=data["period"], note=data["note"])
        return _("%(park)s %(period)s 已关账;此后修改该月数据须填写修订原因。") % {
            "park": park.name,
            "period": f"{self.period:%Y-%m}",
        }


class PeriodReopenView(PeriodPageActionView):
    """重新开放: the 经济发展 department reopens a closed month of its park, saying why; the closing stays
    in the month's history and the month may be closed again."""

    def perform(self, request: HttpRequest, obj: None) -> str:
        park, data = self.month_form(
            request, PeriodReopenForm, _("只有本园区经济发展部门的工作人员可以重新开放已关账月份。")
        )
        services.period_reopen(user=request.user, park=park, period=data["period"], reason=data["reason"])
        return _("%(park)s %(period)s 已重新开放;修改该月数据不再需要修订原因,核实后请重新关账。") % {
            "park": park.name,
            "period": f"{self.period:%Y-%m}",
        }


class RemindView(PeriodPageActionView):
    """One click: remind every enterprise still owing the period (or those ticked)."""

    def perform(self, request: HttpRequest, obj: None) -> str:
        user = request.user
        parks = list(staff_parks(user, access.Action.CHANGE).values_list("pk", flat=True))
        if not parks:
            raise PermissionDenied(_("只有本园区经济发展部门的工作人员可以催报。"))
        ids = [int(v) for v in request.POST.getlist("enterprise") if v.isdigit()]
        form = RemindForm(request.POST, enterprise_ids=ids)
        if not form.is_valid():
            raise ValidationError(_("报告期无法识别,应写作“年-月”,如 2023-12。"))
        self.period = form.cleaned_data["period"]
        result = collection.returns_remind(
            user=user,
            park_ids=parks,
            period=self.period,
            enterprise_ids=form.cleaned_data["enterprise"] or None,
        )
        if result.without_account:
            messages.warning(
                request,
                _("以下企业没有可接收提醒的企业用户账号,请电话催报:%(names)s")
                % {"names": joined(result.without_account)},
            )
        return _("已向 %(n)d 家企业的 %(u)d 位企业用户发送催报提醒。") % {
            "n": result.enterprises,
            "u": result.recipients,
        }

"""The enterprise portal (我的月报): an enterprise fills in, submits and revises its own monthly returns.

Beside each field it sees last month's and the same month last year's counting values. The rules (a
jump over ±50 % or a negative value needs a reason; no future months) are the service's; its errors come
back beside the fields. 经济发展 staff may use the same form to enter a paper return for an enterprise
of their park (``services.return_record``: submitted and accepted in one step).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from scipark.core import access
from scipark.core.money import wan_figure
from scipark.core.views import ScopedViewMixin, ServiceFormMixin
from scipark.enterprises.models import ActivityType, Enterprise

from .. import services
from ..checks import CHECKED_FIELDS
from ..filters import parse_period
from ..forms import MonthlyReturnForm, energy_carriers, plain, staff_enterprises
from ..kpi import shift
from ..models import ClosedPeriod, EnergyUse, MonthlyReturn

#: How many past months the portal lists.
PORTAL_MONTHS = 13
TRADE_TYPES = frozenset(
    {ActivityType.WHOLESALE, ActivityType.RETAIL, ActivityType.ACCOMMODATION, ActivityType.CATERING}
)


def own_enterprises(user: Any) -> QuerySet[Enterprise]:
    """The enterprises the user reports for as an enterprise user (its enterprise memberships)."""
    ids = access.scope_for(user).enterprise_ids()
    return Enterprise.objects.filter(pk__in=ids).select_related("park", "industry").order_by("name")


def keyed_enterprises(user: Any) -> QuerySet[Enterprise]:
    """The enterprises whose returns the user may enter as 经济发展 staff."""
    return staff_enterprises(user, access.Action.ADD).select_related("park", "industry").order_by("name")


def period_param(text: str) -> dt.date:
    period = parse_period(text)
    if period is None:
        raise Http404
    return period


def required_fields(enterprise: Enterprise) -> set[str]:
    """The amounts a return of this kind of enterprise must carry (the statistics forms' core items)."""
    needed = {"revenue", "employees"}
    if enterprise.activity_type == ActivityType.INDUSTRY:
        needed |= {"industrial_output", "value_added"}
    if enterprise.activity_type in TRADE_TYPES:
        needed.add("sales")
    return needed


class PortalView(ScopedViewMixin, View):
    """我的月报: the enterprise's months, what it has reported for each, and where to fill in."""

    domain = access.Domain.ECONOMY
    action = access.Action.ADD
    template_name = "economy/portal.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        enterprises = list(own_enterprises(request.user))
        if not enterprises:  # staff reach the returns through the staff list
            return redirect("economy:return_list")
        due = shift(_ym(services.current_period()), -1)
        periods = [dt.date(*shift(due, -back), 1) for back in range(-1, PORTAL_MONTHS - 1)]
        revisions: dict[tuple[int, dt.date], list[MonthlyReturn]] = defaultdict(list)
        for record in (
            MonthlyReturn.objects.restrict(request.user, access.Action.VIEW)
            .filter(enterprise__in=enterprises)
            .order_by("-period", "-revision")
        ):
            revisions[(record.enterprise_id, record.period)].append(record)
        sections = []
        for enterprise in enterprises:
            rows = []
            for period in periods:
                found = revisions.get((enterprise.pk, period), [])
                counting = next((r for r in found if r.is_current), None)
                rows.append(
                    {
                        "period": period,
                        "latest": found[0] if found else None,
                        "counting": counting,
                        "revisions": len(found),
                        "is_due": (period.year, period.month) == due,
                        "is_open": period <= services.current_period(),
                        # 填报 only once the month has ended (the rule the service enforces on submit).
                        "may_submit": services.month_ended(period),
                    }
                )
            older = sorted(
                {p for (e, p) in revisions if e == enterprise.pk and p < periods[-1]}, reverse=True
            )
            sections.append({"enterprise": enterprise, "rows": rows, "older": older})
        return render(request, self.template_name, {"title": _("我的月报"), "sections": sections})


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


class PortalReturnView(ServiceFormMixin, ScopedViewMixin, View):
    """Fill in (or revise) the return of one month, with last month and last year beside each field.

    An enterprise user submits (or saves a draft); 经济发展 staff enter a paper return, accepted at once.
    """

    domain = access.Domain.ECONOMY
    action = access.Action.ADD
    template_name = "economy/return_form.html"

    enterprise: Enterprise | None
    period: dt.date
    as_staff: bool
    saved: MonthlyReturn | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.enterprise = None
        if request.user.is_authenticated and access.has_permission(request.user, self.domain, self.action):
            self.period = period_param(kwargs["period"])
            self.enterprise, self.as_staff = self._enterprise(request)
        return super().dispatch(request, *args, **kwargs)

    def _enterprise(self, request: HttpRequest) -> tuple[Enterprise | None, bool]:
        wanted = request.GET.get("enterprise") or request.POST.get("enterprise")
        own = own_enterprises(request.user)
        keyed = keyed_enterprises(request.user)
        if wanted:
            if not wanted.isdigit():
                raise Http404
            found = own.filter(pk=int(wanted)).first()
            if found is not None:
                return found, False
            found = keyed.filter(pk=int(wanted)).first()
            if found is None:
                raise Http404
            return found, True
        if own.count() == 1:
            return own.first(), False
        return None, False

    def get(self, request: HttpRequest, period: str) -> HttpResponse:
        if self.enterprise is None:
            return self.choose(request)
        if self.period > services.current_period():
            messages.error(request, _("报告期 %(p)s 尚未到来,不能填报。") % {"p": f"{self.period:%Y-%m}"})
            return redirect("economy:portal")
        record = self._open_or_counting()
        initial = MonthlyReturnForm.initial_from(record) if record is not None else {}
        return self.render_form(request, self._form(initial=initial))

    def post(self, request: HttpRequest, period: str) -> HttpResponse:
        if self.enterprise is None:
            return self.choose(request, status=400)
        return self.submit(request, self._form(data=request.POST))

    def save(self, request: HttpRequest, form: Any) -> str:
        assert self.enterprise is not None
        arguments: dict[str, Any] = {
            "user": request.user,
            "enterprise": self.enterprise,
            "period": self.period,
            "data": form.service_data(),
            "energy": form.service_energy(),
            "reasons": form.service_reasons(),
            "months": form.months_value(),
            "revision_reason": form.cleaned_data.get("revision_reason", ""),
        }
        draft = request.POST.get("save") == "draft" and not self.as_staff
        try:
            if self.as_staff:
                self.saved = services.return_record(**arguments)
            else:
                self.saved = services.return_submit(**arguments, draft=draft)
        except ValidationError as exc:
            # Not the error policy (ServiceFormMixin's): the service names the amount whose reason is
            # missing, and on this form that error belongs under the amount's reason box.
            raise form.placed(exc) from exc
        if self.as_staff:
            return _("已录入并审核通过。")
        return _("已保存草稿,尚未报送。") if draft else _("已报送,等待经济发展部门审核。")

    def done(self, request: HttpRequest, message: str) -> HttpResponse:
        messages.success(request, message)
        if self.as_staff:
            assert self.saved is not None
            return redirect("economy:return_detail", pk=self.saved.pk)
        return redirect("economy:portal")

    def _form(self, **kwargs: Any) -> MonthlyReturnForm:
        assert self.enterprise is not None
        form = MonthlyReturnForm(period=self.period, carriers=energy_carriers(), **kwargs)
        for name in required_fields(self.enterprise):
            form.fields[name].required = True
        return form

    def _open_or_counting(self) -> MonthlyReturn | None:
        revisions = self._revisions()
        open_one = next((r for r in revisions if r.status in services.OPEN_STATUSES), None)
        return open_one or next((r for r in revisions if r.is_current), None)

    def _revisions(self) -> list[MonthlyReturn]:
        return list(
            MonthlyReturn.objects.restrict(self.request.user, access.Action.VIEW)
            .filter(enterprise=self.enterprise, period=self.period)
            .select_related("submitted_by", "reviewed_by")
            .prefetch_related("energy_uses__carrier")
            .order_by("-revision")
        )

    def choose(self, request: HttpRequest, status: int = 200) -> HttpResponse:
        """Several enterprises (or a staff member): pick the one whose return to fill in."""
        own = list(own_enterprises(request.user))
        query = request.GET.get("q", "").strip()
        if own:
            choices = own
        else:  # a park's hundreds of enterprises: found by a part of the name or the credit code
            keyed = keyed_enterprises(request.user)
            if query:
                keyed = keyed.filter(Q(name__icontains=query) | Q(credit_code__icontains=query))
            choices = list(keyed)
        context = {
            "title": _("选择填报企业"),
            "period": self.period,
            "choices": choices,
            "as_staff": not own,
            "query": query,
        }
        return render(request, "economy/choose_enterprise.html", context, status=status)

    def render_form(self, request: HttpRequest, form: BaseForm, status: int = 200) -> HttpResponse:
        assert self.enterprise is not None and isinstance(form, MonthlyReturnForm)
        previous, last_year = services.comparison_values(enterprise_id=self.enterprise.pk, period=self.period)
        energy_before = _energy_by_carrier(
            self.enterprise.pk, [previous_month(self.period), _last_year(self.period)]
        )
        amount_rows = []
        for field, reason in form.amount_fields():
            amount_rows.append(
                {
                    "field": field,
                    "reason": reason,
                    "previous": shown_value(field.name, previous),
                    "last_year": shown_value(field.name, last_year),
                }
            )
        energy_rows = []
        for field, carrier in zip(form.energy_fields(), form.carriers, strict=True):
            energy_rows.append(
                {
                    "field": field,
                    "carrier": carrier,
                    "previous": energy_before.get((previous_month(self.period), carrier.code)),
                    "last_year": energy_before.get((_last_year(self.period), carrier.code)),
                }
            )
        revisions = self._revisions()
        context = {
            "title": _("%(name)s · %(period)s 月度报表")
            % {"name": self.enterprise.name, "period": f"{self.period:%Y-%m}"},
            "form": form,
            "enterprise": self.enterprise,
            "period": self.period,
            "as_staff": self.as_staff,
            "amount_rows": amount_rows,
            "energy_rows": energy_rows,
            "energy_tce": {
                "previous": shown_value("energy_tce", previous),
                "last_year": shown_value("energy_tce", last_year),
            },
            "previous_label": f"{previous_month(self.period):%Y-%m}",
            "last_year_label": f"{_last_year(self.period):%Y-%m}",
            "revisions": revisions,
            "rejected": next((r for r in revisions if r.status == MonthlyReturn.Status.REJECTED), None),
            "enterprise_query": f"?enterprise={self.enterprise.pk}",
            "back_url": reverse("economy:return_list") if self.as_staff else reverse("economy:portal"),
            "checked_fields": CHECKED_FIELDS,
            "closed": ClosedPeriod.objects.filter(
                park_id=self.enterprise.park_id, period=self.period
            ).exists(),
            # The month is still running: a draft may be kept, a return is submitted after the month's end.
            "month_running": not services.month_ended(self.period),
        }
        return render(request, self.template_name, context, status=status)


def previous_month(period: dt.date) -> dt.date:
    return (period - dt.timedelta(days=1)).replace(day=1)


def _last_year(period: dt.date) -> dt.date:
    return period.replace(year=period.year - 1)


def shown_value(name: str, values: dict[str, Any] | None) -> str:
    """A return's value as the form shows it: 万元 for money, persons for employees, tce for energy;
    — when missing."""
    if not values or values.get(name) is None:
        return "—"
    if name == "employees":
        return str(values[name])
    if name == "energy_tce":
        return f"{plain(Decimal(values[name])):,f}"
    return wan_figure(values[name])


def _energy_by_carrier(enterprise_id: int, periods: list[dt.date]) -> dict[tuple[dt.date, str], str]:
    """Physical quantities per carrier in the counting returns of those months."""
    rows = EnergyUse.objects.filter(
        monthly_return__enterprise_id=enterprise_id,
        monthly_return__period__in=periods,
        monthly_return__is_current=True,
    ).values_list("monthly_return__period", "carrier__code", "quantity")
    return {(period, code): f"{plain(quantity):,f}" for period, code, quantity in rows}

"""Incubators with the provincial criteria's gaps, their current incubatees and graduates followed for
five years; and the tier rules' versions."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from scipark.core import access
from scipark.core.forms import wan_label
from scipark.core.money import wan_figure
from scipark.core.views import ObjectListView, ScopedViewMixin, object_or_404

from .. import incubation, selectors
from ..filters import IncubatorFilterSet, RuleFilterSet
from ..forms import staff_park_ids
from ..models import Incubator, RuleVersion
from ..tables import IncubatorTable, RuleTable


class IncubatorListView(ObjectListView):
    """孵化载体, with the incubatees in each today."""

    model = Incubator
    domain = access.Domain.INNOVATION
    table_class = IncubatorTable
    filterset_class = IncubatorFilterSet
    title = gettext_lazy("孵化载体")
    add_url_name = "innovation:incubator_add"
    export_filename = "incubators"
    export_columns = (
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("类型"), "kind"),
        (gettext_lazy("级别"), "level"),
        (gettext_lazy("运营单位"), "operator.name"),
        (gettext_lazy("认定日期"), "recognised_on"),
        (gettext_lazy("孵化场地面积(m²)"), "area_m2"),
        (gettext_lazy("在孵企业使用面积(m²)"), "incubatee_area_m2"),
        (gettext_lazy("种子资金(元)"), "seed_fund"),
        (gettext_lazy("专业孵化服务人员数"), "professional_staff"),
        (gettext_lazy("在孵企业"), "current"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        today = timezone.localdate()
        covering = Q(stays__entered_on__lte=today) & (
            Q(stays__left_on__isnull=True) | Q(stays__left_on__gte=today)
        )
        return (
            super()
            .get_queryset()
            .select_related("operator")
            .annotate(current=Count("stays__enterprise", filter=covering, distinct=True))
            .order_by("name")
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Incubators are the park's rows: an enterprise user (who may add its own records) adds none.
        context["can_add"] = context["can_add"] and bool(staff_park_ids(self.request.user))
        return context


class IncubatorDetailView(ScopedViewMixin, TemplateView):
    """One incubator: the criteria with their gaps, the incubatees now and the graduates' follow-up."""

    domain = access.Domain.INNOVATION
    object_model = Incubator
    template_name = "innovation/incubator_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        incubator = object_or_404(self.request, Incubator, kwargs["pk"])
        user = self.request.user
        today = timezone.localdate()
        criteria = (
            incubation.COMPREHENSIVE
            if incubator.kind == Incubator.Kind.COMPREHENSIVE
            else incubation.SPECIALISED
        )
        checks = incubation.check(selectors.incubator_facts(incubator, today), today, criteria)
        stays = (
            incubator.stays.restrict(user, access.Action.VIEW)
            .filter(entered_on__lte=today)
            .filter(Q(left_on__isnull=True) | Q(left_on__gte=today))
            .select_related("enterprise")
            .order_by("enterprise__name")
        )
        context.update(
            title=incubator.name,
            incubator=incubator,
            checks=checks,
            unmet=sum(1 for c in checks if not c.met),
            stays=stays,
            graduates=selectors.graduates(user=user, incubator=incubator, today=today),
            can_enter=access.can_reach(user, incubator, access.Action.CHANGE),
            can_edit=access.can_reach(user, incubator, access.Action.CHANGE) and bool(staff_park_ids(user)),
            today=today,
            # The Chinese locale groups no digits (intcomma showed 1500000.00): separators written here.
            area=f"{incubator.area_m2:,.2f}",
            # amounts in 万元, as the incubator's form takes them
            seed_fund=wan_figure(incubator.seed_fund),
            seed_fund_label=wan_label(gettext_lazy("种子资金(元)")),
            years_label=wan_label(gettext_lazy("年度营收(元) / 从业人员")),
        )
        return context


class RuleListView(ObjectListView):
    """培育规则版本: each tier's rule versions with their source document and validity."""

    model = RuleVersion
    domain = access.Domain.INNOVATION
    table_class = RuleTable
    filterset_class = RuleFilterSet
    title = gettext_lazy("培育规则版本")
    export_filename = "tier-rules"
    export_columns = (
        (gettext_lazy("梯次"), "tier"),
        (gettext_lazy("版本名称"), "name"),
        (gettext_lazy("依据文件"), "source"),
        (gettext_lazy("生效日期"), "valid_from"),
        (gettext_lazy("失效日期"), "valid_to"),
        (gettext_lazy("园区"), "park.name"),
    )

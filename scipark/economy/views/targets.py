"""The indicator catalogue and the parks' annual targets: lists (with .xlsx) and their forms.

Targets are each park's own, kept by its 经济发展 staff. The catalogue is shared by every park: read by
everyone who reads the economy (``IndicatorListView``), kept by the system administrator on the same
list with its forms (``IndicatorKeepView``, the add and edit pages: ``Domain.CONFIG``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms import BaseForm
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.money import in_wan, wan_text
from scipark.core.views import ObjectListView, ServiceFormView

from .. import catalogue, services
from ..filters import AnnualTargetFilterSet, IndicatorFilterSet
from ..forms import IndicatorForm, TargetForm, plain
from ..models import AnnualTarget, Indicator
from ..tables import AnnualTargetTable, IndicatorKeepTable, IndicatorTable, target_unit
from .base import EconomyFormView


class TargetListView(ObjectListView):
    """指标与目标: the parks' annual targets, with the catalogue a click away."""

    model = AnnualTarget
    domain = access.Domain.ECONOMY
    table_class = AnnualTargetTable
    filterset_class = AnnualTargetFilterSet
    template_name = "economy/target_list.html"
    title = gettext_lazy("年度目标")
    export_filename = "annual-targets"
    add_url_name = "economy:target_add"
    export_columns = (
        (gettext_lazy("年度"), "year"),
        (gettext_lazy("园区"), "park.name"),
        (gettext_lazy("指标"), "indicator.name"),
        (gettext_lazy("目标值"), "shown_value"),
        (gettext_lazy("单位"), "shown_unit"),
        (gettext_lazy("说明"), "note"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().select_related("park", "indicator")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "shown_value":
            return in_wan(obj.value) if obj.indicator.unit == "元" else obj.value
        if accessor == "shown_unit":
            return target_unit(obj.indicator)
        return super().export_value(obj, accessor)


class TargetCreateView(EconomyFormView):
    """Set a park's annual target for an indicator."""

    action = access.Action.ADD
    title = gettext_lazy("新增年度目标")
    list_url_name = "economy:target_list"

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        return TargetForm(data, user=self.request.user, creating=True)

    def save(self, request: HttpRequest, form: Any) -> str:
        data = form.cleaned_data
        services.target_set(
            user=request.user,
            park=data["park"],
            indicator=data["indicator"],
            year=data["year"],
            value=form.stored_value(),
            note=data["note"],
        )
        return _("已保存年度目标。")


class TargetEditView(TargetCreateView):
    """Change a target's value or note."""

    object_model = AnnualTarget
    action = access.Action.CHANGE
    title = gettext_lazy("编辑年度目标")

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        target = self.object
        shown = wan_text(target.value) if target.indicator.unit == "元" else plain(target.value)
        initial = {"indicator": target.indicator, "year": target.year, "value": shown, "note": target.note}
        return TargetForm(data, user=self.request.user, creating=False, initial=initial)

    def save(self, request: HttpRequest, form: Any) -> str:
        target = self.object
        services.target_set(
            user=request.user,
            park=target.park,
            indicator=target.indicator,
            year=target.year,
            value=form.stored_value(),
            note=form.cleaned_data["note"],
        )
        return _("已保存年度目标。")


class IndicatorListView(ObjectListView):
    """The indicator catalogue: definition, unit, owner department, frequency, warning thresholds."""

    model = Indicator
    domain = access.Domain.ECONOMY
    table_class = IndicatorTable
    filterset_class = IndicatorFilterSet
    title = gettext_lazy("指标目录")
    export_filename = "indicators"
    export_columns = (
        (gettext_lazy("代码"), "code"),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("定义与口径"), "definition"),
        (gettext_lazy("单位"), "unit"),
        (gettext_lazy("责任部门"), "owner_department"),
        (gettext_lazy("频率"), "frequency"),
        (gettext_lazy("统计项"), "measure"),
        (gettext_lazy("统计范围"), "scale_set"),
        (gettext_lazy("目标类型"), "target_kind"),
        (gettext_lazy("预警差距(百分点)"), "warning_gap"),
        (gettext_lazy("告警差距(百分点)"), "alarm_gap"),
        (gettext_lazy("依据"), "source"),
        (gettext_lazy("启用"), "active_text"),
    )

    def get_queryset(self) -> models.QuerySet[Any]:
        # Reference data shared by every park: whoever reads the economy domain reads the catalogue.
        return Indicator.objects.all()

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "active_text":
            return _("是") if obj.is_active else _("否")
        return super().export_value(obj, accessor)


class IndicatorKeepView(IndicatorListView):
    """The same catalogue with its add and edit links: the system administrator's page."""

    domain = access.Domain.CONFIG
    table_class = IndicatorKeepTable
    title = gettext_lazy("指标目录维护")
    add_url_name = "economy:indicator_add"


class IndicatorCreateView(ServiceFormView):
    """Add an indicator to the shared catalogue (the system administrator)."""

    domain = access.Domain.CONFIG
    action = access.Action.ADD
    title = gettext_lazy("新增指标")

    def get_form(self, data: Any = None, files: Any = None) -> BaseForm:
        return IndicatorForm(data, instance=self.object)

    def save(self, request: HttpRequest, form: Any) -> str:
        catalogue.indicator_save(user=request.user, data=form.cleaned_data, indicator=self.object)
        return _("已保存指标。")

    def get_success_url(self) -> str:
        return reverse("economy:indicator_keep")

    def get_cancel_url(self) -> str:
        return reverse("economy:indicator_keep")


class IndicatorEditView(IndicatorCreateView):
    """Change an indicator's definition, unit, owner, frequency or thresholds (its code stays)."""

    action = access.Action.CHANGE
    title = gettext_lazy("编辑指标")

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        # Reference data shared by every park, named by its code: no park scope to look it up in.
        found = Indicator.objects.filter(code=kwargs["indicator_code"]).first()
        if found is None:
            raise Http404
        return found

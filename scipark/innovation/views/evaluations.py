"""梯度培育测评: the park's current tier evaluations as a list (which enterprises qualify for which tier and
what each misses), a per-tier summary, and the button that re-evaluates the park in the background (ADR 0011:
a ``TaskRun`` the page follows with htmx, ``tasks.evaluate_tiers_run``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from scipark.core import access
from scipark.core.models import TaskRun
from scipark.core.views import ObjectListView, ScopedViewMixin
from scipark.core.views.lists import BoundedPaginator

from .. import tasks
from ..filters import EvaluationListFilterSet
from ..forms import default_year, staff_park_ids
from ..models import Evaluation, TechArchive
from ..tables import EvaluationTable, gap_summary, result_label
from ..tier_results import (
    current_results,
    held_annotation,
    kept_count,
    reaches_whole_park,
    tier_summary,
    with_held,
)
from .common import chosen_park, int_param, staff_parks

FRAGMENT = "innovation/_evaluation_run.html"


def list_url(park: Any, **params: str) -> str:
    return f"{reverse('innovation:evaluation_list')}?{urlencode({'park': park.pk, **params})}"


def archive_years(park: Any) -> list[int]:
    # Unordered and distinct: the archives' default order (by enterprise name) sorted a park's archives.
    years = TechArchive.objects.filter(park=park).order_by().values_list("year", flat=True).distinct()
    return sorted(years)


def own_run(request: HttpRequest, token: str) -> TaskRun:
    """The evaluation run ``token`` names, if this user started it; anyone else's (or none): 404."""
    run = TaskRun.objects.own(request.user, token).filter(kind=tasks.KIND).first()
    if run is None:
        raise Http404
    return run


def run_context(run: TaskRun, park: Any) -> dict[str, Any]:
    return {
        "run": run,
        "poll_url": list_url(park, run=run.token.hex),
        "result_url": list_url(park),
        "stage": _("测评") if run.stage == tasks.STAGE else "",
    }


#: The page's outcome filter as ``Evaluation.qualifies``.
RESULTS = {"eligible": True, "not_eligible": False, "open": None}


class KeptCountPaginator(BoundedPaginator):
    """The table's paginator given its count (the park's kept counts) instead of a ``COUNT(*)``."""

    def __init__(self, object_list: Any, per_page: int | str, *args: Any, count: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, *args, **kwargs)
        self.__dict__["count"] = count  # ``Paginator.count`` is a cached property


class EvaluationListView(ObjectListView):
    """梯度培育测评 (staff and leaders of the park): the current evaluations in reach, with the summary."""

    model = Evaluation
    domain = access.Domain.INNOVATION
    table_class = EvaluationTable
    filterset_class = EvaluationListFilterSet
    template_name = "innovation/evaluation_list.html"
    title = gettext_lazy("梯度培育测评")
    export_filename = "tier-evaluations"
    export_columns = (
        (gettext_lazy("企业"), "enterprise.name"),
        (gettext_lazy("统一社会信用代码"), "enterprise.credit_code"),
        (gettext_lazy("梯次"), "tier"),
        (gettext_lazy("测评结果"), "result"),
        (gettext_lazy("已认定"), "held"),
        (gettext_lazy("差距项数"), "gap_count"),
        (gettext_lazy("差距"), "gap_text"),
        (gettext_lazy("档案年度"), "year"),
        (gettext_lazy("测评时间"), "evaluated_at"),
    )

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.park, self.parks = chosen_park(request)  # an enterprise user: 403 (it has 我的科技档案)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "run" in request.GET:
            run = own_run(request, request.GET["run"])
            if request.headers.get("HX-Request") == "true":
                return render(request, FRAGMENT, run_context(run, self.park))
            self.run = run
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> models.QuerySet[Any]:
        rows = current_results(user=self.request.user, park=self.park)
        if self.request.GET.get("sort", "").lstrip("-") == "gap_count":
            # always true: the condition of the index that gives the rows in the gaps' order (models.rules)
            rows = rows.filter(gap_count__isnull=False)
        return rows.order_by("enterprise__name", "enterprise_id", "tier")

    def kept_count(self) -> int | None:
        """The list's count from the park's kept counts, when the filters are only those they are kept by
        (tier, outcome, gaps) and the user's reach is the whole park; None when the rows must be counted."""
        filterset = getattr(self, "filterset", None)
        if filterset is None or not filterset.is_valid():
            return None
        data = filterset.form.cleaned_data
        if data.get("q") or data.get("year") is not None:
            return None
        if not reaches_whole_park(self.request.user, self.park):
            return None
        result, gaps = data.get("result"), data.get("gaps")
        return kept_count(
            park=self.park,
            tier=data.get("tier") or None,
            qualifies=RESULTS[result] if result else ...,
            gaps=int(gaps) if gaps else None,
        )

    def get_table_pagination(self, table: Any) -> Any:
        paginate = super().get_table_pagination(table)
        count = self.kept_count() if paginate is not False else None
        if count is not None:
            paginate = {**paginate, "paginator_class": KeptCountPaginator, "count": count}
        return paginate

    def get_table(self, **kwargs: Any) -> Any:
        table = super().get_table(**kwargs)
        page = getattr(table, "page", None)
        if page is not None:  # 已认定 for the page's rows only, asked once
            rows = list(page.object_list)  # the table's rows, each with its evaluation as ``record``
            with_held([row.record for row in rows], on=timezone.localdate())
            page.object_list = rows
        return table

    def export_rows(self, queryset: models.QuerySet[Any]) -> Any:
        return super().export_rows(queryset.annotate(held=held_annotation(timezone.localdate())))

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "result":
            return result_label(obj.qualifies)
        if accessor == "held":
            return _("是") if obj.held else ""
        if accessor == "gap_text":
            return gap_summary(obj)
        return super().export_value(obj, accessor)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        years = archive_years(self.park)
        year = int_param(self.request, "year", default_year(years))
        run = getattr(self, "run", None)
        summary = tier_summary(user=self.request.user, park=self.park, on=timezone.localdate())
        context.update(
            park=self.park,
            parks=self.parks,
            summary=summary,
            evaluated_total=max((row.evaluated for row in summary), default=0),
            can_run=self.park.pk in staff_park_ids(self.request.user),
            run_years=sorted(set(years) | {year}, reverse=True),
            run_year=year,
            **(run_context(run, self.park) if run is not None else {}),
        )
        return context


class EvaluationRunView(ScopedViewMixin, View):
    """POST ``park`` and ``year``: re-evaluate the park's archives of the year in the background; back to the
    page, which follows the run. Only the park's innovation department (not its leaders, not an enterprise)."""

    domain = access.Domain.INNOVATION
    action = access.Action.CHANGE
    http_method_names = ["post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        # an enterprise may change its own innovation rows, never run its park's evaluation (any method)
        if request.user.is_authenticated and not staff_park_ids(request.user):
            raise PermissionDenied(_("只有本园区科技创新部门的工作人员可以重新测评。"))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest) -> HttpResponse:
        keeping = set(staff_park_ids(request.user))
        parks = [p for p in staff_parks(request) if p.pk in keeping]
        if not parks:
            raise PermissionDenied(_("只有本园区科技创新部门的工作人员可以重新测评。"))
        park = next((p for p in parks if str(p.pk) == request.POST.get("park", "")), parks[0])
        years = archive_years(park)
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            year = default_year(years)
        if not 2000 <= year <= 2100:
            year = default_year(years)
        # Every tier of every enterprise with an archive takes seconds to a minute (ADR 0019): the worker
        # runs it and the page follows the run.
        run = TaskRun.objects.create(
            kind=tasks.KIND,
            label=_("梯度培育测评:%(park)s %(year)s年度") % {"park": park.name, "year": year},
            user_id=request.user.pk,
            park=park,
            result_url=list_url(park),
        )
        tasks.evaluate_tiers_run.enqueue(
            run_id=run.pk, park_id=park.pk, year=year, language=translation.get_language() or ""
        )
        return redirect(list_url(park, run=run.token.hex))

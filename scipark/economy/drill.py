"""The drill-down (数据明细): the enterprises behind one number of the dashboard, each with its 累计, its
own same period last year, its growth and its 拉动 (individual data: the economy domain's rules)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy

from scipark.enterprises.models import Enterprise

from . import kpi, selectors
from .dashboard import Selection
from .models import ScaleSet


@dataclass(frozen=True)
class DrillRow:
    enterprise_id: int
    name: str
    credit_code: str
    current: Decimal
    previous: Decimal | None  # None: no return in the same period last year (no comparable base)
    growth: Decimal | None
    points: Decimal | None


def drill_rows(
    *, user: Any, selection: Selection, scale_set: str, measure: str, division: str = "", section: str = ""
) -> tuple[list[DrillRow], Decimal, Decimal]:
    """The enterprises behind a cell: each one's 累计 this year and its own same period last year, its
    growth and its 拉动 (points of the cell's comparable growth). Returns rows and the two totals."""
    behind = selectors.returns_behind(
        user=user,
        reach=selection.reach,
        period=selection.period,
        scale_set=scale_set,
        division=division or None,
    )
    if section:
        behind = behind.filter(enterprise__industry__section=section)
    current = {
        r["enterprise_id"]: r["t"] or Decimal(0)
        for r in behind.values("enterprise_id").annotate(t=Sum(measure))
    }
    before = selection.period.replace(year=selection.period.year - 1)
    last_year = selectors.returns_behind(
        user=user,
        reach=selection.reach,
        period=before,
        scale_set=ScaleSet.ALL,
        division=division or None,
    ).filter(enterprise_id__in=list(current))
    previous = {
        r["enterprise_id"]: r["t"] or Decimal(0)
        for r in last_year.values("enterprise_id").annotate(t=Sum(measure))
    }
    points = kpi.contributions(current, previous)
    names = {e.pk: e for e in Enterprise.objects.filter(pk__in=list(current))}
    rows = [
        DrillRow(
            pk,
            names[pk].name,
            names[pk].credit_code,
            value,
            previous.get(pk),
            kpi.growth(value, previous.get(pk)),
            points.get(pk),
        )
        for pk, value in current.items()
    ]
    rows.sort(key=lambda r: r.current, reverse=True)
    return (
        rows,
        sum(current.values(), Decimal(0)),
        sum((previous.get(k, Decimal(0)) for k in current), Decimal(0)),
    )


DRILL_HEADERS = (
    gettext_lazy("企业名称"),
    gettext_lazy("统一社会信用代码"),
    gettext_lazy("本年累计(万元)"),
    gettext_lazy("上年同期(万元)"),
    gettext_lazy("增速"),
    gettext_lazy("拉动(百分点)"),
)

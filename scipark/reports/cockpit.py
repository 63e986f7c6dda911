"""The leader's cockpit (领导驾驶舱) and the zone's (parks side by side): headline figures against targets
and time progress, trend sparklines, and — for the park — the alerts.

Economy's headline values come from ``scipark.economy.selectors`` at the latest month with data, within
the viewer's reach: for a viewer without individual access (a zone viewer) ``kpi_value`` suppresses a
small cell by the same rule as the economy dashboard (SECURITY.md row 10). The other departments'
figures come from the registry (``compute_figures``) for that year. The zone cockpit names no enterprise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core.figures import compute_figures_for_parks, registered, unit_text
from scipark.core.suppression import SUPPRESSED_TEXT, suppressed_text
from scipark.economy import kpi
from scipark.economy import selectors as economy
from scipark.economy.models import Measure, ScaleSet  # the vocabulary of economy's selectors, not its tables

from .alerts import Alert, park_alerts
from .catalogue import BY_ID, ROWS
from .wording import number_text

SUPPRESSED = SUPPRESSED_TEXT  # in Chinese; a card shows suppressed_text(), in the reader's language
YI = Decimal(100_000_000)
#: The registry rows the park cockpit shows beside economy's panel, in this order.
PARK_ROWS = ("I1", "I2", "I3", "F3", "T1", "T2", "T5", "G1", "G4", "G6", "S1", "S2")
#: Economy's headline KPIs: (scale set, measure, label).
HEADLINES = (
    (ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.INDUSTRIAL_OUTPUT, gettext_lazy("规模以上工业产值")),
    (ScaleSet.ABOVE_QUOTA_WHOLESALE, Measure.SALES, gettext_lazy("限额以上批发业销售额")),
)


@dataclass(frozen=True)
class Card:
    """A headline figure: value, a second line (growth, or completion against time progress), a trend."""

    department: str
    label: str
    value: str
    sub: str = ""
    spark: str = ""  # SVG polyline points, "" without a trend
    level: str = ""  # "", "warning" or "danger" (behind time progress)
    suppressed: bool = False
    missing: bool = False
    number: Decimal | None = None  # a registry row's value, to add parks up
    unit: str = ""


def spark_points(values: Sequence[float | None], width: int = 120, height: int = 28) -> str:
    """An SVG polyline's points for a small trend line (months without data are left out)."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(v for _, v in known), max(v for _, v in known)
    span = high - low or 1.0
    step = width / max(len(values) - 1, 1)
    return " ".join(f"{i * step:.1f},{height - (v - low) / span * (height - 4) - 2:.1f}" for i, v in known)


def money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return _("%(amount)s亿元") % {"amount": number_text((value / YI).quantize(Decimal("0.01")))}


def _cumulative_values(
    reach: economy.Reach, period: dt.date, scale_set: str, measure: str
) -> list[float | None]:
    trend = economy.kpi_trend(
        reach=reach, year=period.year, scale_set=scale_set, measure=measure, last_month=period.month
    )
    return _cumulative(trend)


def _cumulative(trend: Sequence[economy.TrendPoint]) -> list[float | None]:
    return [None if p.cumulative is None else float(p.cumulative) for p in trend]


def economy_cards(reach: economy.Reach, period: dt.date) -> list[Card]:
    """Economy's headline values at ``period`` (累计, growth on the comparable basis), suppressed for a
    viewer without individual access where the dashboard suppresses them."""
    return _economy_column(reach, period)[0]


def _economy_column(reach: economy.Reach, period: dt.date) -> tuple[list[Card], economy.KpiValue]:
    """The cards of one reach and its output value (the zone's ranking reads its growth)."""
    values: dict[tuple[str, str], economy.KpiValue] = {
        (s, m): economy.kpi_value(reach=reach, period=period, scale_set=s, measure=m) for s, m, _ in HEADLINES
    }
    cards = _economy_cards(
        period,
        values,
        lambda s, m: _cumulative_values(reach, period, s, m),
        economy.fixed_asset_investment(reach=reach, period=period),
        economy.energy_intensity(reach=reach, period=period),
    )
    return cards, values[HEADLINES[0][:2]]


def _economy_cards(
    period: dt.date,
    values: Mapping[tuple[str, str], economy.KpiValue],
    trend: Callable[[str, str], list[float | None]],
    investment: economy.InvestmentFigure,
    energy: economy.EnergyFigure,
) -> list[Card]:
    """Economy's cards from what was read: each headline's value (and its trend, read only for a value
    shown), fixed-asset investment and energy intensity."""
    cards = []
    label = kpi.cumulative_label((period.year, period.month))
    economy_department, energy_name = _("经济发展"), _("单位工业增加值能耗")
    no_data = _("%(period)s无数据") % {"period": label}
    for scale_set, measure, lazy_name in HEADLINES:
        value, name = values[(scale_set, measure)], str(lazy_name)
        if value.suppressed:
            cards.append(Card(economy_department, name, suppressed_text(), label, suppressed=True))
            continue
        if not value.has_data:
            cards.append(Card(economy_department, name, "—", no_data, missing=True))
            continue
        growth = value.cumulative_growth.comparable
        cards.append(
            Card(
                economy_department,
                name,
                money(value.cumulative),
                _("%(period)s 同比%(change)s(同口径)")
                % {"period": label, "change": kpi.growth_phrase(growth)},
                spark_points(trend(scale_set, measure)),
                level="warning" if growth is not None and growth < 0 else "",
            )
        )
    cards.append(
        Card(
            economy_department,
            _("固定资产投资"),
            money(investment.amount),
            _("%(period)s 同比%(change)s") % {"period": label, "change": kpi.growth_phrase(investment.growth)}
            if investment.amount is not None
            else _("无数据"),
            missing=investment.amount is None,
        )
    )
    if energy.suppressed:
        cards.append(Card(economy_department, energy_name, suppressed_text(), label, suppressed=True))
    elif energy.reduction is not None:
        rate = kpi.percent(abs(energy.reduction))
        change = (
            _("降低%(rate)s") % {"rate": rate}
            if energy.reduction >= 0
            else _("上升%(rate)s") % {"rate": rate}
        )
        cards.append(Card(economy_department, energy_name, change, label))
    else:
        no_base = _("%(period)s无可比数据") % {"period": label}
        cards.append(Card(economy_department, energy_name, "—", no_base, missing=True))
    return cards


def figure_card(row_id: str, figure: dict[str, Any] | None) -> Card:
    """A registry row as a card: value and unit, completion against time progress where it has a target.

    A suppressed figure is a suppressed card, unless the registry kept its value (a count whose sums were
    hidden, ``Confidential.value_is_count``): that card shows the count, with the note saying what was
    hidden, and adds up across parks as any count does."""
    row = BY_ID[row_id]
    department, label = _(row.module), _(row.label)  # catalogue strings (gettext_noop)
    if figure is not None and figure.get("suppressed") and figure["value"] is None:
        return Card(department, label, suppressed_text(), figure.get("note") or "", suppressed=True)
    if figure is None or figure["value"] is None:
        note = _("尚未计算") if figure is None else (figure.get("note") or _("记录不足"))
        return Card(department, label, "—", note, missing=True)
    details = figure.get("details") or {}
    completion, elapsed = details.get("completion_percent"), details.get("time_progress_percent")
    sub, level = (figure.get("note") or "") if figure.get("suppressed") else "", ""
    if completion is not None and elapsed is not None:
        sub = _("完成目标%(done)s%% · 时间进度%(elapsed)s%%") % {
            "done": number_text(completion),
            "elapsed": number_text(elapsed),
        }
        level = "warning" if completion < elapsed else ""
    return Card(
        department,
        label,
        f"{number_text(figure['value'])}{unit_text(figure['unit'], after_number=True)}",
        sub,
        level=level,
        number=Decimal(number_text(figure["value"])),
        unit=figure["unit"],
    )


def registry_cards(park: Any, year: int, row_ids: Sequence[str], *, viewer: Any) -> list[Card]:
    """The rows asked for that some module registers (the others are shown as not yet computed), as
    ``viewer`` may see them: a confidential cell that fails the rule is shown suppressed."""
    return registry_cards_of_parks([park], year, row_ids, viewer=viewer)[park.pk]


def registry_cards_of_parks(
    parks: Sequence[Any], year: int, row_ids: Sequence[str], *, viewer: Any
) -> dict[Any, list[Card]]:
    """``registry_cards`` of each park (by ``pk``), the registry read once for all of them."""
    known = {spec.row_id for spec in registered()}
    rows = [r for r in row_ids if r in known]
    if not rows:  # compute_figures reads an empty ``only`` as every row
        return {park.pk: [figure_card(r, None) for r in row_ids] for park in parks}
    figures = compute_figures_for_parks(parks, year, rows, viewer=viewer)
    return {park.pk: [figure_card(r, figures[park.pk].get(r)) for r in row_ids] for park in parks}


def cockpit_opening(reach: economy.Reach) -> tuple[dt.date, bool]:
    """The month the cockpit opens on and whether its figures are final: economy's ``opening`` (the
    latest closed month, else the latest with returns; the dashboard's), else last month (not final)."""
    period, final = economy.opening(reach)
    if period is not None:
        return period, final
    this_month = timezone.localdate().replace(day=1)
    return (this_month - dt.timedelta(days=1)).replace(day=1), False


def cockpit_period(reach: economy.Reach) -> dt.date:
    """The month of :func:`cockpit_opening` (the workbench's year)."""
    return cockpit_opening(reach)[0]


@dataclass
class ParkCockpit:
    park: Any
    period: dt.date
    economy: list[Card]
    departments: list[Card]
    alerts: list[Alert]
    #: The month is closed (关账) in every park of the reach: its figures are final.
    final: bool = True

    @property
    def period_label(self) -> str:
        return kpi.cumulative_label((self.period.year, self.period.month))


def park_cockpit(user: Any, park: Any, *, today: dt.date | None = None) -> ParkCockpit:
    """The leader cockpit of one park."""
    today = today or timezone.localdate()
    reach = economy.panel_reach(user, park)
    period, final = cockpit_opening(reach)
    due = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return ParkCockpit(
        park=park,
        period=period,
        economy=economy_cards(reach, period),
        departments=registry_cards(park, period.year, PARK_ROWS, viewer=user),
        alerts=park_alerts(user, park, today=today, period=period, due=due),
        final=final,
    )


@dataclass
class ParkColumn:
    name: str
    cards: list[Card]  # economy's headline values, then the registry's count rows (ZONE_ROWS)
    growth: Decimal | None  # comparable output growth, for the ranking (None: suppressed or no data)
    rank: int | None = None


@dataclass
class ZoneCockpit:
    period: dt.date
    total: ParkColumn
    parks: list[ParkColumn] = field(default_factory=list)
    #: The month is closed (关账) in every park of the zone: its figures are final.
    final: bool = True

    @property
    def period_label(self) -> str:
        return kpi.cumulative_label((self.period.year, self.period.month))

    @property
    def labels(self) -> list[str]:
        return [c.label for c in self.total.cards]


#: Counts safe to compare between parks (no enterprise's own amounts), beside economy's panel.
ZONE_ROWS = tuple(r.id for r in ROWS if r.zone and not r.id.startswith("E"))


def _sum_card(row_id: str, cards: Sequence[Card]) -> Card:
    """The zone total of a count row: the parks' values added up, or a gap if a park lacks it."""
    row = BY_ID[row_id]
    department, label = _(row.module), _(row.label)
    if any(c.suppressed for c in cards):
        return Card(department, label, suppressed_text(), _("含保密数据"), suppressed=True)
    if not cards or any(c.number is None for c in cards):
        return Card(department, label, "—", _("部分园区尚无数据"), missing=True)
    total = sum((c.number for c in cards if c.number is not None), Decimal(0))
    unit = cards[0].unit
    return Card(
        department,
        label,
        f"{number_text(total)}{unit_text(unit, after_number=True)}",
        number=total,
        unit=unit,
    )


def zone_cockpit(user: Any, parks: Sequence[Any]) -> ZoneCockpit:
    """Every park of the viewer's reach side by side, the zone total, and the ranking by output growth.

    Each park's column is what the park's own cockpit reads for ``panel_reach(user, park)``, read for all
    parks at once (``economy.selectors.by_park``: a few grouped statements, whatever the number of parks);
    the total column is the zone's reach read as one panel.
    """
    zone_reach = economy.panel_reach(user, None)
    period, final = cockpit_opening(zone_reach)
    ids = [p.pk for p in parks]
    values = economy.kpi_values_by_park(
        reach=zone_reach, park_ids=ids, period=period, headlines=[(s, m) for s, m, _ in HEADLINES]
    )
    trends = economy.kpi_trends_by_park(
        reach=zone_reach,
        park_ids=ids,
        year=period.year,
        last_month=period.month,
        headlines=[(s, m) for s, m, _ in HEADLINES if _shown(values[(s, m)].values())],
    )
    investment = economy.investment_by_park(reach=zone_reach, park_ids=ids, period=period)
    energy = economy.energy_by_park(reach=zone_reach, park_ids=ids, period=period)
    figures = registry_cards_of_parks(parks, period.year, ZONE_ROWS, viewer=user)
    columns = []
    for park in parks:

        def trend(scale_set: str, measure: str, pk: Any = park.pk) -> list[float | None]:
            return _cumulative(trends[(scale_set, measure)][pk])

        cards = _economy_cards(
            period,
            {key: by_park[park.pk] for key, by_park in values.items()},
            trend,
            investment[park.pk],
            energy[park.pk],
        )
        columns.append(
            ParkColumn(park.name, cards + figures[park.pk], _growth(values[HEADLINES[0][:2]][park.pk]))
        )
    ranked = sorted((c for c in columns if c.growth is not None), key=lambda c: c.growth or 0, reverse=True)
    for position, column in enumerate(ranked, start=1):
        column.rank = position
    totals = [_sum_card(r, [cards[i] for cards in figures.values()]) for i, r in enumerate(ZONE_ROWS)]
    zone_cards, output = _economy_column(zone_reach, period)
    total = ParkColumn(_("全区合计"), zone_cards + totals, _growth(output))
    return ZoneCockpit(period, total, columns, final=final)


def _shown(values: Iterable[economy.KpiValue]) -> bool:
    """Whether any of these values is shown with its trend (not suppressed, with data)."""
    return any(not v.suppressed and v.has_data for v in values)


def _growth(value: economy.KpiValue) -> Decimal | None:
    """Comparable output growth for the ranking (None: suppressed or no data)."""
    return None if value.suppressed else value.cumulative_growth.comparable

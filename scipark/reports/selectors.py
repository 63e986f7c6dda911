"""Reads of the reports app: the summary's narrative (stored or the article's wording to start from), the
documents generated, what changed in the records since one was generated, and the economy series the
charts draw.

Figures come from ``scipark.core.figures.compute_figures``; the monthly series from
``scipark.economy.selectors`` (with the park as the reach, as economy's own figures read it). Reports never
queries another module's tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from scipark.core import access
from scipark.core.terms import month_label
from scipark.economy import selectors as economy
from scipark.economy.models import Measure, ScaleSet  # the vocabulary of economy's selectors, not its tables

from .catalogue import ROWS, SECTIONS, Section
from .models import Narrative, SummaryIssue
from .wording import Printed, printed_rows

YI = Decimal(100_000_000)


@dataclass(frozen=True)
class SectionText:
    """A section's narrative: what staff stored, or the article's wording to start from."""

    section: Section
    text: str
    stored: Narrative | None
    row_ids: tuple[str, ...]

    @property
    def version(self) -> int | None:
        return self.stored.version if self.stored is not None else None


def section_texts(park: Any, year: int) -> list[SectionText]:
    """Every section of the park's summary for ``year``, in the article's order."""
    stored = {n.section: n for n in Narrative.objects.filter(park=park, year=year)}
    texts = []
    for section in SECTIONS:
        found = stored.get(section.key)
        texts.append(
            SectionText(
                section=section,
                text=found.text if found is not None else section.default_text,
                stored=found,
                row_ids=tuple(r.id for r in ROWS if r.section == section.key),
            )
        )
    return texts


def issue_list(user: Any, park: Any, year: int) -> QuerySet[SummaryIssue]:
    """The documents generated for the park and year that the user may read, newest first."""
    return (
        SummaryIssue.objects.restrict(user, access.Action.VIEW)
        .filter(park=park, year=year)
        .select_related("generated_by", "park")
    )


def snapshot(figures: dict[str, dict[str, Any]], rows: dict[str, Printed]) -> dict[str, dict[str, Any]]:
    """What a document prints of each row: the words, the value and unit, how many records it came from."""
    kept: dict[str, dict[str, Any]] = {}
    for row_id, printed in rows.items():
        figure = figures.get(row_id)
        kept[row_id] = {
            "text": printed.text,
            "missing": printed.missing,
            "registered": figure is not None,
            "value": None if figure is None else figure["value"],
            "unit": "" if figure is None else figure["unit"],
            "sources": None if figure is None else sum(int(s["count"]) for s in figure["sources"]),
        }
    return kept


@dataclass(frozen=True)
class Difference:
    """A row whose value or source records differ from what a document printed (与发布时不同)."""

    row_id: str
    label: str
    then: str
    now: str
    sources_then: int | None
    sources_now: int | None


def differences(issue: SummaryIssue, figures_now: dict[str, dict[str, Any]]) -> list[Difference]:
    """Rows of the records now that differ from what ``issue`` printed (value, unit or source count)."""
    labels = {r.id: r.label for r in ROWS}
    now = snapshot(figures_now, printed_rows(figures_now))
    found = []
    for row_id, then in issue.figures.items():
        current = now.get(row_id)
        if current is None:
            continue
        keys = ("value", "unit", "sources", "registered")
        if any(then.get(k) != current.get(k) for k in keys):
            found.append(
                Difference(
                    row_id,
                    labels.get(row_id, row_id),
                    then["text"],
                    current["text"],
                    then.get("sources"),
                    current.get("sources"),
                )
            )
    return found


# --- economy series for the charts ------------------------------------------------------------------


@dataclass(frozen=True)
class MonthlySeries:
    """Cumulative above-scale industrial output month by month, this year and last (亿元)."""

    labels: list[str]
    this_year: list[float | None]
    last_year: list[float | None]

    @property
    def has_data(self) -> bool:
        return any(v is not None for v in self.this_year)


def _yi(value: Decimal | None) -> float | None:
    return None if value is None else float((value / YI).quantize(Decimal("0.01")))


def output_trend(
    park: Any, year: int, *, reach: economy.Reach | None = None, last_month: int = 12
) -> MonthlySeries:
    """The park's above-scale industrial output, 累计 by month (the park as the reach unless given)."""
    reach = reach or economy.Reach((park.pk,), frozenset({park.pk}))
    scale_set, measure = ScaleSet.ABOVE_SCALE_INDUSTRY, Measure.INDUSTRIAL_OUTPUT
    now = economy.kpi_trend(
        reach=reach, year=year, scale_set=scale_set, measure=measure, last_month=last_month
    )
    then = economy.kpi_trend(
        reach=reach, year=year - 1, scale_set=scale_set, measure=measure, last_month=last_month
    )
    return MonthlySeries(
        labels=[month_label(p.period.month) for p in now],
        this_year=[_yi(p.cumulative) for p in now],
        last_year=[_yi(p.cumulative) for p in then],
    )


def last_complete_year(today: dt.date | None = None) -> int:
    """The year the figures page and the summary open on: the last one whose December is over."""
    return (today or dt.date.today()).year - 1

"""How the figures page, its export and the ``scipark figures`` command present the registry's figures.

The registry — the :class:`~scipark.core.figures.Figure` type, the ``figure`` decorator and
:func:`~scipark.core.figures.compute_figures` — lives in ``scipark.core.figures`` so that modules
declare figures without importing ``reports`` (ADR 0010). This module only reads what it computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from scipark.core.figures import unit_text
from scipark.core.terms import data_term

from .catalogue import ARTICLE_PARK_NAME, ARTICLE_YEAR, BY_ID, ROW_IDS, SECTIONS
from .wording import number_text

_SEPARATORS = re.compile(r"[\s,,、;;]+")


def rows_asked(text: str | None) -> list[str]:
    """The row ids in ``e1, S1`` or ``E1,S1`` as written by a person: upper case, in order, once each."""
    return list(dict.fromkeys(part.upper() for part in _SEPARATORS.split(text or "") if part))


def source_count(figure: dict[str, Any]) -> int:
    """How many records a computed figure came from, over all its sources."""
    return sum(int(source["count"]) for source in figure["sources"])


def table_headers() -> list[str]:
    """The columns of the exported table (the page shows the same, with each source spelt out)."""
    return [_("编号"), _("数据项"), _("数值"), _("单位"), _("口径"), _("来源记录数"), _("说明")]


def table_rows(figures: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    """One exported row per computed figure, in the order of :func:`table_headers`."""
    for f in figures:
        title, unit = data_term(f["title"]), unit_text(f["unit"])
        yield [f["id"], title, f["value"], unit, f["basis"], source_count(f), f["note"]]


def text_lines(figures: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The command's plain-text answer: one tab-separated line per figure."""
    for f in figures:
        value = "—" if f["value"] is None else f["value"]
        yield f"{f['id']}\t{f['title']}\t{value} {f['unit']}\t{f['basis']}"


@dataclass(frozen=True)
class PageRow:
    """One row of the figures page, in words: no internal keys (``row_id`` is only the row's anchor)."""

    row_id: str
    section: str
    title: str
    status: str  # "computed", "no_value" (the records cannot give it yet) or "not_computed" (no module yet)
    value: str
    unit: str
    basis: str
    sources: list[dict[str, Any]]
    note: str
    department: str
    article: str  # how the seed article put it: only for the park and year it describes


def page_rows(
    figures: Iterable[dict[str, Any]], *, park_name: str, year: int, only: list[str] | None = None
) -> list[PageRow]:
    """Every FIGURES.md row (or the rows in ``only``), then any other registered row, in words."""
    computed = {f["id"]: f for f in figures}
    headings = {s.key: _(s.heading) for s in SECTIONS}  # catalogue strings (gettext_noop)
    described = park_name == ARTICLE_PARK_NAME and year == ARTICLE_YEAR
    rows = []
    for row_id in [*ROW_IDS, *(k for k in computed if k not in BY_ID)]:
        if only and row_id not in only:
            continue
        row = BY_ID.get(row_id)
        figure = computed.get(row_id)
        if figure is None and row is not None:
            rows.append(
                PageRow(
                    row_id,
                    headings[row.section],
                    _(row.label),
                    "not_computed",
                    "",
                    "",
                    "",
                    [],
                    "",
                    _(row.module),
                    "",
                )
            )
            continue
        assert figure is not None
        has_value = figure["value"] is not None
        rows.append(
            PageRow(
                row_id=row_id,
                section=headings[row.section] if row is not None else _("其他"),
                title=data_term(figure["title"]),
                status="computed" if has_value else "no_value",
                value=number_text(figure["value"]) if has_value else "",
                unit=unit_text(figure["unit"]),  # the registry keeps the Chinese unit
                basis=figure["basis"],
                sources=figure["sources"],
                note=figure["note"],
                department=_(row.module) if row is not None else "",
                article=data_term(figure["description"]) if described else "",  # gettext_noop'd
            )
        )
    return rows

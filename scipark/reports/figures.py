"""How the figures page, its export and the ``scipark figures`` command present the registry's figures.

The registry — the :class:`~scipark.core.figures.Figure` type, the ``figure`` decorator and
:func:`~scipark.core.figures.compute_figures` — lives in ``scipark.core.figures`` so that modules
declare figures without importing ``reports`` (ADR 0010). This module only reads what it computes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext as _

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
        yield [f["id"], f["title"], f["value"], f["unit"], f["basis"], source_count(f), f["note"]]


def text_lines(figures: Iterable[dict[str, Any]]) -> Iterator[str]:
    """The command's plain-text answer: one tab-separated line per figure."""
    for f in figures:
        value = "—" if f["value"] is None else f["value"]
        yield f"{f['id']}\t{f['title']}\t{value} {f['unit']}\t{f['basis']}"

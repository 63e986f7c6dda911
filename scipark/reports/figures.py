"""The figures registry: every figure of the annual report, computed from records (FIGURES.md).

Each module declares its figures in ``<app>/figures.py`` with the :func:`figure` decorator, keyed by
the row id of ``FIGURES.md`` (E1 … S3). A figure function takes the park and the year and returns a
:class:`Figure`: the value, its unit and basis, and the records it came from (:class:`Source`). Nothing
here holds a number: the registry only finds the functions and runs them. The annual report, the
``scipark figures`` command and the figures page all read from :func:`compute_figures`.
"""

from __future__ import annotations

import importlib
import importlib.util
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps

ROW_ID = re.compile(r"^[A-Z]\d+$")


@dataclass(frozen=True)
class Source:
    """Records a figure came from: a model, the rule that picked them, how many, and some of their ids."""

    model: str  # app_label.ModelName
    rule: str  # in words: "above-scale industrial enterprises' returns, 2023-01..2023-12"
    count: int
    ids: tuple[int, ...] = ()  # at most a few dozen, for drill-down; ``count`` is the full number

    def as_dict(self) -> dict[str, Any]:
        return {"model": self.model, "rule": self.rule, "count": self.count, "ids": list(self.ids)}


@dataclass(frozen=True)
class Figure:
    """One computed figure. ``value`` is None when the records needed are missing (never a made-up 0)."""

    value: Decimal | int | float | str | None
    unit: str
    basis: str
    sources: tuple[Source, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # e.g. growth on each basis, the previous year
    note: str = ""  # why a value is missing, or a caveat


FigureFunction = Callable[[Any, int], Figure]


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: its row id, the article's wording, the module that owns it, the function."""

    row_id: str
    title: str
    module: str
    function: FigureFunction


_REGISTRY: dict[str, FigureSpec] = {}


def figure(row_id: str, *, title: str, module: str) -> Callable[[FigureFunction], FigureFunction]:
    """Register ``function(park, year) -> Figure`` as the figure ``row_id`` of FIGURES.md."""
    if not ROW_ID.match(row_id):
        raise ValueError(f"figure ids look like E1 or S3, not {row_id!r}")

    def register(function: FigureFunction) -> FigureFunction:
        existing = _REGISTRY.get(row_id)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"figure {row_id} is registered twice ({existing.module}, {module})")
        _REGISTRY[row_id] = FigureSpec(row_id, title, module, function)
        return function

    return register


def discover() -> None:
    """Import every installed app's ``figures`` module so that its figures register."""
    for config in apps.get_app_configs():
        name = f"{config.name}.figures"
        if config.name != __package__ and importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def _sort_key(row_id: str) -> tuple[str, int]:
    return row_id[0], int(row_id[1:])


def registered() -> list[FigureSpec]:
    """Every registered figure, ordered as in FIGURES.md's families (E, F, G, I, S, T) and by number."""
    discover()
    return [_REGISTRY[k] for k in sorted(_REGISTRY, key=_sort_key)]


def compute_figures(park: Any, year: int, only: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every registered figure for ``park`` and ``year`` as plain data, keyed by row id."""
    wanted = set(only) if only else None
    out: dict[str, dict[str, Any]] = {}
    for spec in registered():
        if wanted is not None and spec.row_id not in wanted:
            continue
        result = spec.function(park, year)
        out[spec.row_id] = figure_as_dict(spec, result)
    return out


def figure_as_dict(spec: FigureSpec, result: Figure) -> dict[str, Any]:
    data = asdict(result)
    data["sources"] = [s.as_dict() for s in result.sources]
    return {"id": spec.row_id, "title": spec.title, "module": spec.module, **_plain(data)}


def _plain(value: Any) -> Any:
    """Decimals become JSON numbers (floats), containers are walked."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

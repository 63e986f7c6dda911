"""The figures registry: every figure of the annual report, computed from records (FIGURES.md).

Each module declares its figures with the :func:`figure` decorator, keyed by the row id of
``FIGURES.md`` (E1 … S3), in the modules its ``AppConfig`` lists under ``figures``
(:mod:`scipark.core.contributions`). A figure function takes the park and the year and returns a
:class:`Figure`: the value, its unit and basis, and the records it came from (:class:`Source`).

The registry lives in core so that a module declares its figures without importing ``reports``
(DESIGN.md: reports reads the modules, never the other way round; ADR 0010). Nothing here holds a
number: the registry finds the functions and runs them; the figures page, the ``scipark figures``
command and the annual report present what :func:`compute_figures` returns.

Statistical confidentiality (SECURITY.md row 10) is applied here, for every module alike: a figure that
adds up enterprises' own amounts says so (:class:`Confidential`: the cells it discloses, who contributed
what, and which of its details are such sums), and :func:`compute_figures` hides those values from a
viewer who may not see that park's individual data when a cell fails the rule (``core.suppression``). A
figure whose value is a count of records (projects landed, funds set up) says so
(``Confidential.value_is_count``): how many is no enterprise's amount, so the count stays and only the
sums in its details (and a basis quoting them) are hidden.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_noop, pgettext

from . import suppression
from .contributions import contributed_modules
from .terms import reads_chinese

ROW_ID = re.compile(r"^[A-Z]\d+$")

#: A number with the unit of a result ("10%", "18.2亿元", "2户", "54个"): a title holding one would
#: print one park's one year as the wording of every park and year. Thresholds that define the figure
#: ("5000万元以上") are not results and stay allowed.
RESULT_IN_TITLE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:%|％|个|家|户|场|件|项|支|亿元|万元|元|吨|蒸吨|km|公里)(?!以上|以下|及以上)"
)


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
class Confidential:
    """What of a figure adds up enterprises' own amounts (SECURITY.md row 10), for the registry to hide.

    ``value`` is such a sum unless ``value_is_count``; ``details`` names the detail keys that are sums too
    (or give a single contributor's amount away). ``cells`` are the sums the figure discloses (its total,
    and the base a growth rate is taken against), each as every contributor's own amount. ``basis``, when
    given, replaces a basis that quotes any of those values.

    ``value_is_count``: the value counts records (落地项目6个, 4支基金) and adds up no one's amount, so a
    viewer who may not see the sums still sees it. Declare it only where the count says nothing of an
    amount beyond the figure's own definition (a lower edge such as 5000万元以上); a count of a closed
    range (a band 30亿–50亿) pins each record's amount to that range and stays hidden as a sum would.
    """

    domain: str  # the access domain whose individual records the amounts are (``access.Domain``)
    cells: tuple[suppression.Cell, ...]
    details: tuple[str, ...] = ()
    basis: str | None = None
    value_is_count: bool = False


@dataclass(frozen=True)
class Figure:
    """One computed figure. ``value`` is None when the records needed are missing (never a made-up 0).

    ``basis``, ``note`` and each source's ``rule`` are worded when the figure is computed, in the language
    active then (a Chinese source string through gettext, the data in its placeholders): nothing keeps a
    figure between requests, and the annual summary computes its figures in Chinese (ADR 0010). ``unit``
    stays the Chinese unit, a key the cockpit adds parks up by and a kept summary compares: a page shows
    it with :func:`unit_text`.
    """

    value: Decimal | int | float | str | None
    unit: str
    basis: str
    sources: tuple[Source, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)  # e.g. growth on each basis, the previous year
    note: str = ""  # why a value is missing, or a caveat
    confidential: Confidential | None = None  # never part of what is shown: the registry reads it


FigureFunction = Callable[[Any, int], Figure]


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: its row id, its neutral title, the module that owns it, the function.

    ``title`` names what is measured for any park and year (规模以上工业产值同比增长); ``description``
    may quote how the seed article put it for its park and year, and is never printed as the title.
    """

    row_id: str
    title: str
    module: str
    function: FigureFunction
    description: str = ""


class UnknownFigures(ValueError):
    """Rows were asked for that no installed module registers."""

    def __init__(self, row_ids: Iterable[str], known: Iterable[str]) -> None:
        self.row_ids = tuple(row_ids)
        self.known = tuple(known)
        super().__init__(
            f"未知的数据项编号:{'、'.join(self.row_ids)}(可选:{'、'.join(self.known) or '无'})。"
        )


_REGISTRY: dict[str, FigureSpec] = {}


def figure(
    row_id: str, *, title: str, module: str, description: str = ""
) -> Callable[[FigureFunction], FigureFunction]:
    """Register ``function(park, year) -> Figure`` as the figure ``row_id`` of FIGURES.md."""
    if not ROW_ID.match(row_id):
        raise ValueError(f"figure ids look like E1 or S3, not {row_id!r}")
    result = RESULT_IN_TITLE.search(title)
    if result is not None:
        raise ValueError(
            f"figure {row_id}: the title {title!r} holds a result ({result.group()}); name what is "
            "measured and quote the article in description"
        )

    def register(function: FigureFunction) -> FigureFunction:
        existing = _REGISTRY.get(row_id)
        if existing is not None and existing.function.__qualname__ != function.__qualname__:
            raise ValueError(f"figure {row_id} is registered twice ({existing.module}, {module})")
        spec = FigureSpec(row_id, title, module, function, description)
        _REGISTRY[row_id] = spec
        function.figure_spec = spec  # type: ignore[attr-defined]  # lets discover() find it again
        return function

    return register


#: ``function(parks, year) -> {park pk: Figure}``: a figure of many parks at once.
ParksFunction = Callable[[Sequence[Any], int], Mapping[Any, Figure]]
_FOR_PARKS: dict[str, ParksFunction] = {}


def figure_for_parks(row_id: str) -> Callable[[ParksFunction], ParksFunction]:
    """Register ``function(parks, year)`` as the many-parks form of the figure ``row_id``: for each park (by
    ``pk``) the :class:`Figure` the row's own function gives that park, read with a few grouped statements
    instead of the function's statements per park. :func:`compute_figures_for_parks` uses it (the zone's
    pages); :func:`compute_figures` keeps the per-park function. A module's test holds the two equal."""
    if not ROW_ID.match(row_id):
        raise ValueError(f"figure ids look like E1 or S3, not {row_id!r}")

    def register(function: ParksFunction) -> ParksFunction:
        _FOR_PARKS[row_id] = function
        function.figure_for_parks = row_id  # type: ignore[attr-defined]  # lets discover() find it again
        return function

    return register


def discover() -> None:
    """Import the modules every app declares under ``figures`` so that their figures register.

    The decorator runs once per process, at the module's first import; the specs it made are also found on
    the module's functions here, so the registry is whole again even if it was emptied or swapped after the
    first import (a test that replaces it, a reload).
    """
    for module in contributed_modules("figures"):
        for value in vars(module).values():
            spec = getattr(value, "figure_spec", None)
            if isinstance(spec, FigureSpec) and spec.row_id not in _REGISTRY:
                _REGISTRY[spec.row_id] = spec
            row_id = getattr(value, "figure_for_parks", None)
            if isinstance(row_id, str) and row_id not in _FOR_PARKS:
                _FOR_PARKS[row_id] = value


def _sort_key(row_id: str) -> tuple[str, int]:
    return row_id[0], int(row_id[1:])


def registered() -> list[FigureSpec]:
    """Every registered figure, ordered as in FIGURES.md's families (E, F, G, I, S, T) and by number."""
    discover()
    return [_REGISTRY[k] for k in sorted(_REGISTRY, key=_sort_key)]


def compute_figures(
    park: Any, year: int, only: Iterable[str] | None = None, *, viewer: Any = None
) -> dict[str, dict[str, Any]]:
    """Every registered figure (or the rows in ``only``) for ``park`` and ``year`` as plain data, as
    ``viewer`` may see them: a confidential value of a park whose individual data the viewer may not see
    is hidden where a cell fails the rule (``suppressed`` true; a count keeps its value and loses only its
    sums, see :func:`as_seen_by`). ``viewer=None`` is the server itself (the
    ``scipark figures`` command run by the operator); every page and export passes its user.

    Rows in ``only`` that no module registers raise :class:`UnknownFigures` naming them: an empty answer
    would read as "nothing to report" when the question was mistyped.
    """
    return _compute(_wanted_specs(only), park, year, viewer)


def compute_figures_for_parks(
    parks: Iterable[Any], year: int, only: Iterable[str] | None = None, *, viewer: Any = None
) -> dict[Any, dict[str, dict[str, Any]]]:
    """:func:`compute_figures` of each park (keyed by its ``pk``), the registry found and the rows checked
    once for all of them (a page that shows many parks side by side). A row whose module registers a
    many-parks function (:func:`figure_for_parks`) is computed by it, once for all the parks; the others
    run their function per park."""
    specs = _wanted_specs(only)
    parks = list(parks)
    batched = {
        spec.row_id: _FOR_PARKS[spec.row_id](parks, year) for spec in specs if spec.row_id in _FOR_PARKS
    }
    found: dict[Any, dict[str, dict[str, Any]]] = {}
    for park in parks:
        found[park.pk] = {
            spec.row_id: figure_as_dict(
                spec,
                *as_seen_by(
                    batched[spec.row_id][park.pk] if spec.row_id in batched else spec.function(park, year),
                    viewer,
                    park,
                ),
            )
            for spec in specs
        }
    return found


def _wanted_specs(only: Iterable[str] | None) -> list[FigureSpec]:
    """The registered specs of the rows in ``only`` (every one without it); unknown rows raise."""
    specs = registered()
    wanted = list(dict.fromkeys(only)) if only else None
    if wanted is None:
        return specs
    known = [spec.row_id for spec in specs]
    unknown = [row_id for row_id in wanted if row_id not in known]
    if unknown:
        raise UnknownFigures(unknown, known)
    return [spec for spec in specs if spec.row_id in wanted]


def _compute(specs: Iterable[FigureSpec], park: Any, year: int, viewer: Any) -> dict[str, dict[str, Any]]:
    return {
        spec.row_id: figure_as_dict(spec, *as_seen_by(spec.function(park, year), viewer, park))
        for spec in specs
    }


#: Why a count's sums are missing, for the note of a figure whose value stays (``value_is_count``): the
#: Chinese source string, one sentence with ``SUPPRESSED_NOTE`` (a translation is never pieced together).
COUNT_KEPT_NOTE = gettext_noop(
    "数量照常显示;所涉金额数据保密:参与汇总的企业少于3家,或单一企业占比超过85%;仅向可查看企业个体数据的角色显示。"
)


#: Counting measure words (54个, 6家): a Chinese number needs one, an English one reads without it (the
#: figure's title says what is counted).
MEASURE_WORDS = frozenset({"个", "件", "家", "场", "户", "所", "支", "项"})


def unit_text(unit: str, *, after_number: bool = False) -> str:
    """A figure's unit in the reader's language: %, km as they are, a measure word only in Chinese, a unit of
    amount or weight (亿元, 吨, 个领域) from the catalogue. ``after_number`` keeps the catalogue's leading space
    (“18.2 × 100 million yuan”, the cockpit's cards); otherwise the unit stands alone (a table's unit column)."""
    if not unit or unit.isascii():
        return unit
    if unit in MEASURE_WORDS:
        return unit if reads_chinese() else ""
    worded = pgettext("unit", unit)
    return worded if after_number else worded.strip()


def as_seen_by(result: Figure, viewer: Any, park: Any) -> tuple[Figure, bool]:
    """The figure as ``viewer`` may see it, and whether its confidential values were hidden.

    Hidden are the value (unless it is a count: ``Confidential.value_is_count``), the details named in
    ``Confidential.details``, a basis that quotes them and the record ids; the note then says why, so a
    kept count is still marked as missing its amounts (``suppressed`` true, ``value`` not None)."""
    secret = result.confidential
    if (
        viewer is None
        or secret is None
        or suppression.sees_individual(viewer, park, secret.domain)
        or not suppression.any_suppressed(secret.cells)
    ):
        return result, False
    hidden = replace(
        result,
        value=result.value if secret.value_is_count else None,
        basis=result.basis if secret.basis is None else secret.basis,
        details={k: None if k in secret.details else v for k, v in result.details.items()},
        # How many records it came from stays; which ones is individual data.
        sources=tuple(replace(source, ids=()) for source in result.sources),
        note=gettext(COUNT_KEPT_NOTE) if secret.value_is_count else suppression.suppressed_note(),
    )
    return hidden, True


def figure_as_dict(spec: FigureSpec, result: Figure, suppressed: bool = False) -> dict[str, Any]:
    """One figure as JSON-ready data: the spec's row, title and module, then the computed fields (never
    the contributors behind a confidential value)."""
    data = asdict(replace(result, confidential=None))
    del data["confidential"]
    data["sources"] = [s.as_dict() for s in result.sources]
    return {
        "id": spec.row_id,
        "title": spec.title,
        "description": spec.description,
        "module": spec.module,
        **_plain(data),
        "suppressed": suppressed,
    }


def _plain(value: Any) -> Any:
    """Decimals become JSON numbers (floats), containers are walked."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value

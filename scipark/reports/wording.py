"""How the summary words a figure, and how a narrative's placeholders become text: pure functions over
the plain data ``compute_figures`` returns.

A number is printed as the registry gives it, without trailing zeros (``10.0`` → ``10``, ``18.20`` →
``18.2``), as the article prints it. A figure the records cannot give, and a row no module computes yet,
become a marked gap 【待补充:reason】, never a made-up number or 0.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from scipark.core.figures import RESULT_IN_TITLE

from .catalogue import BY_ID, ROW_IDS, Row

GAP_OPEN, GAP_CLOSE = "【待补充:", "】"
#: ``{E1}`` (or with full-width braces, as a Chinese input method types them), ``{year}``, ``{park}``.
PLACEHOLDER = re.compile(r"[{｛]\s*([A-Za-z]+\d*)\s*[}｝]")
WORDS = ("year", "park")

_FORMATTER = string.Formatter()


class Missing(Exception):
    """A template's field that the computed figure does not give."""


def number_text(value: Any) -> str:
    """``10.0`` → ``"10"``, ``18.2`` → ``"18.2"``, ``1697.0`` → ``"1697"``; text stays as it is."""
    if isinstance(value, bool) or value is None:
        raise Missing
    if isinstance(value, str):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation as exc:
        raise Missing from exc
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text


def gap(reason: str) -> str:
    """A marked gap in the document: 【待补充:reason】."""
    return f"{GAP_OPEN}{reason.rstrip('。.')}{GAP_CLOSE}"


def _lookup(figure: Mapping[str, Any], path: str) -> Any:
    if path in ("value", "unit"):
        found: Any = figure.get(path)
    else:
        found = figure.get("details") or {}
        for part in path.split("."):
            if not isinstance(found, Mapping) or part not in found:
                raise Missing
            found = found[part]
    if found is None:
        raise Missing
    return found


def _change(value: Any, up: str, down: str) -> str:
    number = Decimal(number_text(value))
    if number == 0:
        return "持平"
    return f"{up if number > 0 else down}{number_text(abs(number))}%"


def _bands(value: Any) -> str:
    parts = [
        f"{band['label']}项目{number_text(band['count'])}个"
        for band in value
        if isinstance(band, Mapping) and band.get("count")
    ]
    if not parts:
        raise Missing
    return ",".join(parts)


def _formatted(value: Any, spec: str) -> str:
    if spec == "":
        return number_text(value)
    if spec == "change":  # a growth rate in %: 增长10% / 下降3% / 持平
        return _change(value, "增长", "下降")
    if spec == "fall":  # a change in %, worded as a fall: -9.9 → 降低9.9%
        return _change(value, "上升", "降低")
    if spec == "bands":
        return _bands(value)
    if spec == "keys":  # the names a mapping is keyed by: 科创贷、专精特新贷
        if not isinstance(value, Mapping) or not value:
            raise Missing
        return "、".join(str(k) for k in value)
    if spec == "zero":  # the template holds only when this is 0 (nothing outstanding), and prints nothing
        if number_text(value) != "0":
            raise Missing
        return ""
    if spec == "full":  # a coverage of 1 (100 %) is worded as 全覆盖
        if Decimal(number_text(value)) != 1:
            raise Missing
        return "全覆盖"
    raise ValueError(f"unknown format {spec!r}")


def render(template: str, figure: Mapping[str, Any]) -> str | None:
    """The template filled from the figure, or ``None`` when the figure lacks one of its fields."""
    parts: list[str] = []
    try:
        for literal, name, spec, _conversion in _FORMATTER.parse(template):
            parts.append(literal)
            if name is not None:
                parts.append(_formatted(_lookup(figure, name), spec or ""))
    except Missing:
        return None
    return "".join(parts)


@dataclass(frozen=True)
class Printed:
    """A row as the summary prints it: the words, or the gap and why."""

    row_id: str
    text: str
    missing: bool


def printed(row: Row, figure: Mapping[str, Any] | None) -> Printed:
    """The row worded from its computed figure; a gap when it is not computed or has no value."""
    if figure is None:
        return Printed(row.id, gap(f"{row.label}尚未计算,待{row.module}模块提供"), True)
    if figure.get("value") is None:
        reason = figure.get("note") or "记录不足,无法计算"
        return Printed(row.id, gap(f"{row.label}:{reason}"), True)
    for template in row.phrases:
        text = render(template, figure)
        if text is not None:
            return Printed(row.id, text, False)
    return Printed(row.id, f"{row.label}{number_text(figure['value'])}{figure.get('unit', '')}", False)


def extra_row(figure: Mapping[str, Any]) -> Row:
    """A registered row that FIGURES.md does not list: printed under its own neutral title."""
    return Row(figure["id"], "", figure["title"], figure.get("module", ""), ())


def printed_rows(figures: Mapping[str, Mapping[str, Any]]) -> dict[str, Printed]:
    """Every FIGURES.md row as printed, from what ``compute_figures`` gave (absent rows become gaps), then
    any other registered row."""
    rows = {row_id: printed(BY_ID[row_id], figures.get(row_id)) for row_id in ROW_IDS}
    for row_id, figure in figures.items():
        if row_id not in rows:
            rows[row_id] = printed(extra_row(figure), figure)
    return rows


# --- narratives ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A piece of an expanded narrative: plain words, a printed figure, or a gap (highlighted)."""

    text: str
    kind: str  # "text", "figure" or "gap"
    row_id: str = ""


def expand(text: str, rows: Mapping[str, Printed], *, year: int, park_name: str) -> list[Segment]:
    """The narrative with each ``{E1}`` replaced by the row as printed, ``{year}`` and ``{park}`` filled."""
    segments: list[Segment] = []
    position = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > position:
            segments.append(Segment(text[position : match.start()], "text"))
        key = match.group(1)
        upper = key.upper()
        if key.lower() == "year":
            segments.append(Segment(str(year), "text"))
        elif key.lower() == "park":
            segments.append(Segment(park_name, "text"))
        elif upper in rows:
            row = rows[upper]
            segments.append(Segment(row.text, "gap" if row.missing else "figure", upper))
        else:  # refused on save; an old text keeps reading, marked
            segments.append(Segment(gap(f"未知的数据项{key}"), "gap"))
        position = match.end()
    if position < len(text):
        segments.append(Segment(text[position:], "text"))
    return segments


def placeholders(text: str) -> list[str]:
    """The row ids a narrative refers to, in order, once each."""
    found = (m.group(1).upper() for m in PLACEHOLDER.finditer(text))
    return list(dict.fromkeys(k for k in found if k.lower() not in WORDS))


def narrative_problems(text: str) -> list[str]:
    """Why a narrative cannot be saved: unknown placeholders, or a result typed in instead of a placeholder."""
    problems = []
    unknown = [k for k in placeholders(text) if k not in ROW_IDS]
    if unknown:
        problems.append(
            _("未知的数据项:%(unknown)s。可用的占位符为 {year}、{park} 及 %(first)s–%(last)s 各行。")
            % {"unknown": _("、").join(unknown), "first": ROW_IDS[0], "last": ROW_IDS[-1]}
        )
    typed = RESULT_IN_TITLE.findall(PLACEHOLDER.sub("", text))
    if typed:
        problems.append(
            _("文字中直接写入了数据(%(typed)s):数据必须用占位符(如 {E1})引用,由系统从业务记录计算填入。")
            % {"typed": _("、").join(dict.fromkeys(typed))}
        )
    return problems


def section_rows(text: str, section_row_ids: Iterable[str]) -> list[str]:
    """Rows of a section that its narrative does not mention (listed after it, so none is lost)."""
    used = set(placeholders(text))
    return [r for r in section_row_ids if r not in used]

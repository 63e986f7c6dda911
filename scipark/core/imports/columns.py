"""Column declarations for importers: header and synonyms, required or not, and how a cell is read.

A column turns one cell into a Python value or raises :class:`CellError` with a Chinese message; the
pipeline adds where the cell is. Types: text, money/decimal with a declared unit (元/千元/万元/亿元),
date (ISO, 2023/5/1, 2023年5月1日, Excel serial), choice by Chinese label, and lookups by code or name.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .readers import Cell

#: How many 元 one unit is; files declare their unit in the header, e.g. "注册资本(万元)".
UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1000),
    "万元": Decimal(10000),
    "亿元": Decimal(100000000),
}
_HEADER_TRANSLATION = str.maketrans({"(": "(", ")": ")", "【": "[", "】": "]", ":": ":", "*": None})
_UNIT_SUFFIX = re.compile(r"^(.+?)\((?:单位:)?(元|千元|万元|亿元)\)$")
_ANY_SUFFIX = re.compile(r"^(.+?)\([^()]*\)$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


class CellError(ValueError):
    """A cell's value cannot be used; the message says why, in Chinese."""


def normalize_header(text: object) -> str:
    """Header text without blanks (also full-width), with ASCII parentheses, lower-cased."""
    value = "".join(str(text if text is not None else "").split()).replace("\u3000", "")
    return value.translate(_HEADER_TRANSLATION).lower()


def split_unit(normalized: str) -> tuple[str, str | None]:
    """``"注册资本(万元)"`` → ``("注册资本", "万元")``; a header without a money unit keeps ``None``."""
    match = _UNIT_SUFFIX.match(normalized)
    return (match.group(1), match.group(2)) if match else (normalized, None)


def strip_annotation(normalized: str) -> str:
    """``"成立日期(yyyy-mm-dd)"`` → ``"成立日期"``: a trailing note in parentheses is not the name."""
    match = _ANY_SUFFIX.match(normalized)
    return match.group(1) if match else normalized


def cell_text(value: Cell) -> str:
    """A cell as text the way a person reads it: 91630100.0 → "91630100", blanks stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\u3000", " ").strip()


@dataclass(frozen=True)
class Column:
    """A text column; subclasses read other types. ``field`` is the key the importer receives."""

    field: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    help: str = ""
    example: Any = ""
    max_length: int | None = None
    validate: Callable[[str], str | None] | None = None  # returns a problem message or None

    def names(self) -> set[str]:
        """Every normalized header this column answers to."""
        return {normalize_header(n) for n in (self.header, *self.synonyms, self.field)}

    def template_header(self) -> str:
        return self.header

    def allowed(self) -> str:
        """What the 说明 sheet says about the allowed values."""
        return f"文本,最多{self.max_length}个字" if self.max_length else "文本"

    def parser(self) -> Callable[[Cell, str | None], Any]:
        """A function reading one cell (with the unit its header declared); built once per import."""
        return self.parse

    def parse(self, value: Cell, unit: str | None = None) -> Any:
        text = cell_text(value)
        if not text:
            return None
        if self.max_length and len(text) > self.max_length:
            raise CellError(
                _("长度为%(length)s个字,超过上限%(limit)s个字。")
                % {"length": len(text), "limit": self.max_length}
            )
        if self.validate:
            problem = self.validate(text)
            if problem:
                raise CellError(problem)
        return text


@dataclass(frozen=True)
class DecimalColumn(Column):
    """A number; for money (``money=True``) the header's unit is converted to 元 with Decimal arithmetic."""

    money: bool = False
    default_unit: str = "元"
    decimal_places: int = 2
    min_value: Decimal | None = Decimal(0)
    max_digits: int = 18

    def template_header(self) -> str:
        return f"{self.header}({self.default_unit})" if self.money else self.header

    def allowed(self) -> str:
        if self.money:
            return (
                f"数字,单位默认为{self.default_unit};可在表头括号中声明单位(元/千元/万元/亿元),导入时换算为元"
            )
        return "数字"

    def parser(self) -> Callable[[Cell, str | None], Any]:
        """Numbers as Excel stores them (``float``/``int``) read with the quantum and limits worked out
        once per import; anything else (text, blanks, wrong types) through :meth:`parse`."""
        quantum = Decimal(1).scaleb(-self.decimal_places)
        limit = Decimal(10) ** (self.max_digits - self.decimal_places)
        minimum, money, default_unit, general = self.min_value, self.money, self.default_unit, self.parse

        def parse(value: Cell, unit: str | None = None) -> Any:
            kind = type(value)
            if kind is float:
                if not math.isfinite(value):  # type: ignore[arg-type]
                    raise CellError(_("应为有限的数字。"))
                number = Decimal(repr(value))
            elif kind is int:
                number = Decimal(value)  # type: ignore[arg-type]
            else:
                return general(value, unit)
            if money:
                number *= UNITS[unit or default_unit]
            number = number.quantize(quantum, rounding=ROUND_HALF_UP)
            if minimum is not None and number < minimum:
                raise CellError(_("不能小于%(minimum)s。") % {"minimum": minimum})
            if abs(number) >= limit:
                raise CellError(_("数值过大。"))
            return number

        return parse

    def parse(self, value: Cell, unit: str | None = None) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise CellError(_("应为数字,实际为“%(value)s”。") % {"value": cell_text(value)})
        if isinstance(value, int | float):
            if isinstance(value, float) and not math.isfinite(value):
                raise CellError(_("应为有限的数字。"))
            number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        elif isinstance(value, str):
            text = re.sub(r"[,,\s\u3000]", "", value)
            try:
                number = Decimal(text)
            except InvalidOperation as exc:
                raise CellError(_("应为数字,实际为“%(value)s”。") % {"value": value.strip()[:50]}) from exc
            if not number.is_finite():
                raise CellError(_("应为数字,实际为“%(value)s”。") % {"value": value.strip()[:50]})
        else:
            raise CellError(_("应为数字,实际为“%(value)s”。") % {"value": cell_text(value)[:50]})
        if self.money:
            number *= UNITS[unit or self.default_unit]
        number = number.quantize(Decimal(1).scaleb(-self.decimal_places), rounding=ROUND_HALF_UP)
        if self.min_value is not None and number < self.min_value:
            raise CellError(_("不能小于%(minimum)s。") % {"minimum": self.min_value})
        if abs(number) >= Decimal(10) ** (self.max_digits - self.decimal_places):
            raise CellError(_("数值过大。"))
        return number


@dataclass(frozen=True)
class DateColumn(Column):
    """A date written 2023-05-01, 2023/5/1, 2023年5月1日, 20230501, or stored as an Excel date/serial."""

    def allowed(self) -> str:
        return "日期,如 2023-05-01、2023/5/1、2023年5月1日"

    def parse(self, value: Cell, unit: str | None = None) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _from_serial(float(value))
        text = cell_text(value)
        if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
            return _from_serial(float(text))
        for pattern in _DATE_PATTERNS:
            match = pattern.match(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    return dt.date(year, month, day)
                except ValueError as exc:
                    raise CellError(_("“%(value)s”不是有效的日期。") % {"value": text}) from exc
        raise CellError(
            _("无法识别的日期“%(value)s”,请写作 2023-05-01 或 2023年5月1日。") % {"value": text[:50]}
        )


def _from_serial(serial: float) -> dt.date:
    if not 1 <= serial < 2958466:  # Excel's range: 1900-01-01 .. 9999-12-31
        raise CellError(_("“%(value)s”不是有效的 Excel 日期。") % {"value": f"{serial:g}"})
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


@dataclass(frozen=True)
class ChoiceColumn(Column):
    """One of a fixed list, written as its Chinese label (the stored value is accepted too)."""

    choices: Sequence[tuple[str, str]] = field(default_factory=tuple)  # (value, label)

    def allowed(self) -> str:
        return "可选:" + "、".join(str(label) for _value, label in self.choices)

    def parser(self) -> Callable[[Cell, str | None], Any]:
        table = {normalize_header(str(label)): value for value, label in self.choices}
        table.update({normalize_header(value): value for value, _label in self.choices})
        allowed = self.allowed()

        def parse(value: Cell, unit: str | None = None) -> Any:
            text = cell_text(value)
            if not text:
                return None
            try:
                return table[normalize_header(text)]
            except KeyError:
                raise CellError(
                    _("“%(value)s”不是允许的值,%(allowed)s。") % {"value": text[:50], "allowed": allowed}
                ) from None

        return parse


@dataclass(frozen=True)
class LookupColumn(Column):
    """A reference to a code table, written as its code or its name (``"2710"``, ``"2710 化学药品…"``).

    ``load`` returns a mapping from normalized code or name to the referenced object; it runs once per
    import, so that rows are checked against the table in memory.
    """

    load: Callable[[], Mapping[str, Any]] = dict
    describe: str = "代码或名称"

    def allowed(self) -> str:
        return self.describe

    def parser(self) -> Callable[[Cell, str | None], Any]:
        table = self.load()
        describe = self.describe

        def parse(value: Cell, unit: str | None = None) -> Any:
            text = cell_text(value)
            if not text:
                return None
            for candidate in (text, text.split()[0]):
                found = table.get(normalize_header(candidate))
                if found is not None:
                    return found
            raise CellError(_("未找到“%(value)s”,请填写%(what)s。") % {"value": text[:50], "what": describe})

        return parse

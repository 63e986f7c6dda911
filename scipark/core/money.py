"""Amounts in 元 read in 万元: the one conversion every page, table, form and message uses (ADR 0013,
amended 2026-12-05; glossary 万元). Plain ``Decimal`` arithmetic, no Django: the tier rules'
(``innovation.cultivation``) pure functions word their gaps with it too.

Amounts are stored in 元 and read in 万元 wherever a person reads them, in three forms, each named for what it
gives:

- :func:`in_wan`: a number of 万元 rounded half up (四舍五入), for sums, exports and charts (ECharts takes its
  ``float``);
- :func:`wan_text`: the text a form's box shows (``core.forms.WanYuanField``), every stored decimal, no
  separators (``1234.5678``);
- :func:`wan_figure`: the text a page shows, with thousands separators: in a list's column to two places
  (``1,234.57``), on a detail page with the decimals the stored amount has, as its form shows it
  (``1,234.5678``).

and back: :func:`from_wan` cleans what a form's box took in 万元 to 元, the fen stored. An amount of 1亿 or more
reads in 亿元 where a page says so (:func:`in_yi`, half up as well).

The API, and the exports' columns headed 元, keep 元."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

#: 元 in one 万元 and in one 亿元, and the fen amounts are stored to.
WAN = Decimal(10000)
YI = Decimal(100_000_000)
FEN = Decimal("0.01")


def as_decimal(value: Any) -> Decimal | None:
    """An amount as a template, a table or a view hands it over — a ``Decimal``, an ``int``, a ``float`` or a
    number's text — as a ``Decimal``; ``None``, ``""`` (a template's missing value), text that is no number,
    ``True``/``False`` and NaN or infinity give ``None`` (shown as ``—``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip())  # a float through its shortest text: 0.1 → 0.1
        except (InvalidOperation, ValueError):
            return None
    return number if number.is_finite() else None


def _unsigned_zero(number: Decimal) -> Decimal:
    # -1 元 to two places of 万元 is -0.00; a page writes 0.00.
    return abs(number) if number.is_zero() else number


def _in_unit(yuan: Decimal | int | None, unit: Decimal, places: int, rounding: str) -> Decimal | None:
    if yuan is None:
        return None
    return _unsigned_zero((Decimal(yuan) / unit).quantize(Decimal(1).scaleb(-places), rounding=rounding))


def in_wan(yuan: Decimal | int | None, places: int = 2, *, rounding: str = ROUND_HALF_UP) -> Decimal | None:
    """An amount in 元 as a number of 万元 rounded to ``places`` half up, as the park's reports round
    (``12345650`` → ``1234.57``, ``1`` → ``0.00``); ``None`` stays ``None``. ``rounding`` for a figure that
    must not fall short (a gap to a threshold rounds up)."""
    return _in_unit(yuan, WAN, places, rounding)


def in_yi(yuan: Decimal | int | None, places: int = 2) -> Decimal | None:
    """An amount in 元 as a number of 亿元 rounded to ``places`` half up (``1825000000`` → ``18.25``,
    ``1825500000`` → ``18.26``); ``None`` stays ``None``."""
    return _in_unit(yuan, YI, places, ROUND_HALF_UP)


def from_wan(wan: Decimal | None) -> Decimal | None:
    """An amount typed in 万元 as the 元 it is stored in, to the fen (``1234.56`` → ``12345600.00``,
    ``0.000001`` → ``0.01``); a box takes six places at most, so nothing is rounded away but a fen's half
    (half up). ``None`` (an empty box) stays ``None``."""
    if wan is None:
        return None
    return (wan * WAN).quantize(FEN, rounding=ROUND_HALF_UP)


def wan_text(yuan: Decimal | int) -> str:
    """An amount in 元 written in 万元 with only the decimals it needs (500000000 → "50000", 12345600 →
    "1234.56", 0.01 → "0.000001"), never in exponent form (``normalize()`` gives ``5E+4``, which a number
    input shows and refuses): what a form's box shows."""
    text = format(_unsigned_zero(Decimal(yuan) / WAN), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan_figure(yuan: Any, places: int | None = None) -> str:
    """An amount in 元 as a page shows it in 万元, with thousands separators (the Chinese locale groups no
    digits). On a detail page (no ``places``) with the decimals the stored amount has, as its form shows it
    (``6617104`` → ``661.7104``, ``114088000`` → ``11,408.8``, up to six places: the fen); in a list's column
    rounded half up to ``places`` (``661.71``). Takes what a template passes (:func:`as_decimal`); empty → ``—``."""
    number = as_decimal(yuan)
    if number is None:
        return "—"
    if places is None:
        return f"{Decimal(wan_text(number)):,f}"
    return f"{in_wan(number, places):,}"

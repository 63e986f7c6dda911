"""The inputs of one evaluation and its result, as plain frozen values (storable as JSON)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class YearFigures:
    """One year's figures of the enterprise (from its tech archive of that year); ``None``: not reported."""

    year: int
    sales: Decimal | None = None
    main_revenue: Decimal | None = None
    rd_expense: Decimal | None = None
    net_assets: Decimal | None = None


@dataclass(frozen=True)
class Profile:
    """Everything the tier rules read about one enterprise at the end of one archive year."""

    year: int
    registered_on: dt.date | None = None
    employees: int | None = None
    tech_staff: int | None = None
    sales: Decimal | None = None
    main_revenue: Decimal | None = None
    total_assets: Decimal | None = None
    total_liabilities: Decimal | None = None
    total_cost: Decimal | None = None
    net_assets: Decimal | None = None
    rd_expense: Decimal | None = None
    rd_expense_domestic: Decimal | None = None
    high_tech_income: Decimal | None = None
    new_equity: Decimal | None = None
    niche_years: int | None = None
    key_field: bool = False
    strategic_emerging: bool = False
    major_incident: bool = False
    rd_management_score: int | None = None
    #: Granted, valid IP owned: counts by class, and the class-I ones that are high-value / self-developed / in use.
    class_i: int = 0
    class_ii: int = 0
    class_i_high_value: int = 0
    class_i_own: int = 0
    class_i_in_use: int = 0
    #: Conversions of results over the last three years (高企 counts the yearly average).
    conversions_3y: int = 0
    #: The best level of an S&T award in the last five years as a top-3 unit ("national", "provincial", …).
    award_level: str | None = None
    #: The best level of the enterprise's R&D institutions.
    institution_level: str | None = None
    #: Led an international, national or industry standard in the last five years.
    led_standard: bool = False
    #: Tiers held (valid) at the year end.
    held: frozenset[str] = frozenset()
    #: Earlier years, oldest first (for the three-year R&D share and the growth indicators).
    history: tuple[YearFigures, ...] = ()

    @property
    def year_end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    def figures(self) -> tuple[YearFigures, ...]:
        """The history plus this year, oldest first."""
        now = YearFigures(self.year, self.sales, self.main_revenue, self.rd_expense, self.net_assets)
        return (*self.history, now)

    def as_json(self) -> dict[str, Any]:
        """The inputs as stored with an evaluation (decimals and dates as strings, sets sorted)."""
        data: dict[str, Any] = {}
        for name in _names(Profile):  # most values are plain or decimals: converted here, not recursively
            value = getattr(self, name)
            kind = type(value)
            if kind is Decimal:
                data[name] = str(value)
            elif value is None or kind in _SCALARS:
                data[name] = value
            elif kind is tuple and all(type(h) is YearFigures for h in value):
                data[name] = [_year_json(h) for h in value]
            else:
                data[name] = _plain(value)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        """The inverse of :meth:`as_json`: an old evaluation is recomputed from its stored inputs."""
        values = dict(data)
        for key in (
            "sales", "main_revenue", "total_assets", "total_liabilities", "total_cost", "net_assets", "rd_expense",
            "rd_expense_domestic", "high_tech_income", "new_equity",
        ):  # fmt: skip
            values[key] = None if values.get(key) is None else Decimal(values[key])
        if values.get("registered_on"):
            values["registered_on"] = dt.date.fromisoformat(values["registered_on"])
        values["held"] = frozenset(values.get("held", ()))
        values["history"] = tuple(
            YearFigures(
                year=h["year"],
                **{k: None if h.get(k) is None else Decimal(h[k]) for k in ("sales", "main_revenue", "rd_expense", "net_assets")},
            )
            for h in values.get("history", ())
        )  # fmt: skip
        return cls(**values)


@dataclass(frozen=True)
class Gap:
    """One unmet condition: what is measured, what the rule asks, and the exact shortfall."""

    condition: str
    message: str
    amount: Decimal | None = None
    unit: str = ""


@dataclass(frozen=True)
class TierResult:
    """One tier evaluated: held, qualifies (``None``: open — experts score a part, or data is missing)."""

    tier: str
    held: bool
    qualifies: bool | None
    score_min: Decimal | None = None
    score_max: Decimal | None = None
    route: str = ""
    gaps: tuple[Gap, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def gaps_json(self) -> list[dict[str, Any]]:
        """The gaps as stored (a park's evaluation writes six per enterprise: spelled out for speed)."""
        return [
            {"condition": g.condition, "message": g.message, "amount": None if g.amount is None else str(g.amount), "unit": g.unit}
            for g in self.gaps
        ]  # fmt: skip


_SCALARS = (int, str, bool, float)
#: Field names per dataclass, read once: ``dataclasses.asdict`` deep-copies every value first, which was
#: half the time of evaluating a park (tests/test_cultivation_batch.py holds the two results equal).
_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A value as JSON holds it: dataclasses as dicts (fields in order), decimals and dates as strings,
    tuples as lists, sets as sorted lists."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (frozenset, set)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if not hasattr(type(value), "__dataclass_fields__"):
        return value
    return {name: _plain(getattr(value, name)) for name in _names(type(value))}


def _year_json(figures: YearFigures) -> dict[str, Any]:
    """``_plain`` of one year's figures, spelled out (a park's evaluation stores two per enterprise)."""
    return {
        "year": figures.year,
        "sales": _money(figures.sales),
        "main_revenue": _money(figures.main_revenue),
        "rd_expense": _money(figures.rd_expense),
        "net_assets": _money(figures.net_assets),
    }


def _money(value: Any) -> Any:
    return str(value) if type(value) is Decimal else _plain(value)


def _names(kind: type) -> tuple[str, ...]:
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(f.name for f in fields(kind))
    return names

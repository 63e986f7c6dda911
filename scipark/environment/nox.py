"""The NOx cut of low-NOx boiler retrofits (DOMAIN.md §5): plain values in, plain values out.

    ΔNOx (t) = Σ capacity (t/h) × gas rate (m³/h per t/h) × flue gas (Nm³ per m³ gas)
                 × (C_before − C_after, mg/Nm³ at the reference O₂) × hours × load × 1e−9

Concentrations are measured at some O₂ and corrected to the reference O₂ of the flue-gas factor before
they are compared: ρ = ρ′ × (21 − O₂ref) / (21 − O₂meas). Every factor comes in as data
(``NoxMethod``, stored as ``NoxAssumption`` rows) and is returned with the result, so the page shows what
was assumed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from .models.boilers import HOURS_IN_YEAR

AIR_O2 = Decimal(21)
MG_M3_H_TO_T = Decimal("1e-9")  # mg → t


class NoxInputError(ValueError):
    """A measurement or an assumption the method cannot use; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class NoxMethod:
    """The factors of the method, and where they come from."""

    gas_per_steam_tonne: Decimal  # m³/h of natural gas per t/h of steam (≈ 78.8)
    flue_gas_per_m3: Decimal  # Nm³ dry flue gas per m³ of gas, at ``reference_o2`` (≈ 10.23 at 3.5%)
    reference_o2: Decimal  # % O₂ the concentrations are corrected to
    source: str = ""


@dataclass(frozen=True)
class BoilerMeasurement:
    """One boiler as the method needs it."""

    label: str
    capacity_tph: Decimal
    operating_hours: int
    load_factor: Decimal
    nox_before: Decimal
    o2_before: Decimal
    nox_after: Decimal
    o2_after: Decimal
    after_note: str = ""


@dataclass(frozen=True)
class NoxReduction:
    """One boiler's result with every intermediate value (for the page and the figure's details)."""

    label: str
    capacity_tph: Decimal
    before_corrected: Decimal  # mg/Nm³ at the reference O₂
    after_corrected: Decimal
    flue_gas_nm3_per_h: Decimal  # at full load
    full_load_hours: Decimal  # hours × load
    reduction_t: Decimal


def corrected(concentration: Decimal, measured_o2: Decimal, reference_o2: Decimal, *, field: str) -> Decimal:
    """ρ = ρ′ × (21 − O₂ref) / (21 − O₂meas): a concentration measured at ``measured_o2`` at the reference."""
    if concentration < 0:
        raise NoxInputError(field, _("氮氧化物浓度不能为负数。"))
    if not Decimal(0) <= measured_o2 < AIR_O2:
        raise NoxInputError(
            field, _("实测氧含量须在 0 至 21%% 之间(不含 21%%),收到 %(value)s%%。") % {"value": measured_o2}
        )
    if not Decimal(0) <= reference_o2 < AIR_O2:
        raise NoxInputError(
            "reference_o2",
            _("基准氧含量须在 0 至 21%% 之间(不含 21%%),收到 %(value)s%%。") % {"value": reference_o2},
        )
    return concentration * (AIR_O2 - reference_o2) / (AIR_O2 - measured_o2)


def check_method(method: NoxMethod) -> None:
    if method.gas_per_steam_tonne <= 0:
        raise NoxInputError("gas_per_steam_tonne", _("每蒸吨耗气量须大于 0。"))
    if method.flue_gas_per_m3 <= 0:
        raise NoxInputError("flue_gas_per_m3", _("每立方米天然气干烟气量须大于 0。"))


def check_measurement(b: BoilerMeasurement) -> None:
    """The bad inputs DOMAIN.md and the issue name: refused with the field and the boiler named."""
    if b.capacity_tph <= 0:
        raise NoxInputError(
            "capacity_tph", _("锅炉「%(boiler)s」的额定蒸发量须大于 0。") % {"boiler": b.label}
        )
    if not 0 <= b.operating_hours <= HOURS_IN_YEAR:
        raise NoxInputError(
            "operating_hours",
            _("锅炉「%(boiler)s」的年运行小时须在 0 至 %(hours)s 之间。")
            % {"boiler": b.label, "hours": HOURS_IN_YEAR},
        )
    if not Decimal(0) <= b.load_factor <= 1:
        raise NoxInputError(
            "load_factor", _("锅炉「%(boiler)s」的平均负荷率须在 0 至 1 之间。") % {"boiler": b.label}
        )
    for field, value in (("o2_before", b.o2_before), ("o2_after", b.o2_after)):
        if not Decimal(0) <= value < AIR_O2:
            raise NoxInputError(
                field,
                _("锅炉「%(boiler)s」的实测氧含量须小于 21%%(收到 %(value)s%%)。")
                % {"boiler": b.label, "value": value},
            )


def nox_reduction(boiler: BoilerMeasurement, method: NoxMethod) -> NoxReduction:
    """One boiler's yearly NOx cut in tonnes (may be negative only with a note explaining the rise)."""
    check_method(method)
    check_measurement(boiler)
    before = corrected(boiler.nox_before, boiler.o2_before, method.reference_o2, field="nox_before")
    after = corrected(boiler.nox_after, boiler.o2_after, method.reference_o2, field="nox_after")
    if after > before and not boiler.after_note.strip():
        raise NoxInputError(
            "after_note",
            _("锅炉「%(boiler)s」改造后浓度高于改造前,请在“改造后浓度说明”中说明原因。")
            % {"boiler": boiler.label},
        )
    flue = boiler.capacity_tph * method.gas_per_steam_tonne * method.flue_gas_per_m3
    hours = Decimal(boiler.operating_hours) * boiler.load_factor
    reduction = flue * (before - after) * hours * MG_M3_H_TO_T
    return NoxReduction(
        label=boiler.label,
        capacity_tph=boiler.capacity_tph,
        before_corrected=before,
        after_corrected=after,
        flue_gas_nm3_per_h=flue,
        full_load_hours=hours,
        reduction_t=reduction,
    )


def total_reduction(
    boilers: Iterable[BoilerMeasurement], method: NoxMethod
) -> tuple[Decimal, list[NoxReduction]]:
    """The sum over boilers, with each boiler's result."""
    results = [nox_reduction(b, method) for b in boilers]
    return sum((r.reduction_t for r in results), Decimal(0)), results

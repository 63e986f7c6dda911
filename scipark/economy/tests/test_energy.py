"""Energy conversion, intensity and its reduction against hand-worked numbers."""

from __future__ import annotations

from decimal import Decimal as D

from scipark.economy import energy


def test_physical_units_convert_to_standard_coal_with_the_gbt_2589_factors() -> None:
    # 10,000 kWh × 0.1229 kgce/kWh = 1,229 kgce = 1.229 tce; 1,000 m³ gas × 1.2143 = 1.2143 tce
    assert energy.to_tce(D(10000), D("0.1229")) == D("1.2290")
    assert energy.comprehensive_tce([(D(10000), D("0.1229")), (D(1000), D("1.2143"))]) == D("2.4433")


def test_intensity_is_tce_per_wan_yuan_of_value_added() -> None:
    # 50 tce over 1,000,000 元 (= 100 万元) = 0.5 tce/万元
    assert energy.intensity(D(50), D(1000000)) == D("0.5")
    assert energy.intensity(D(50), D(0)) is None


def test_intensity_reduction_from_the_two_growth_rates() -> None:
    # energy +5 %, value added +10 %: 1 - 1.05/1.10 = 0.0454545…
    reduction = energy.intensity_reduction(D("0.05"), D("0.10"))
    assert reduction is not None and abs(reduction - D("0.0454545454")) < D("1e-9")
    assert energy.intensity_reduction(None, D("0.1")) is None


def test_the_reduction_from_levels_equals_one_minus_the_ratio_of_intensities() -> None:
    # 2022: 110 tce / 1,000万元 = 0.011; 2023: 99 tce / 1,100万元 = 0.009 -> 1 - 0.009/0.011 = 0.181818…
    reduction = energy.intensity_reduction_from_levels(
        tce_now=D(99), value_added_now=D(11000000), tce_then=D(110), value_added_then=D(10000000)
    )
    assert reduction is not None and abs(reduction - D("0.1818181818")) < D("1e-9")

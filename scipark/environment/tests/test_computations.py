"""The pure computations with hand-worked numbers: NOx method, O₂ correction, coverage, checklist, geometry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from scipark.environment import geometry
from scipark.environment.coverage import (
    WASTE_CHECKLIST,
    Membership,
    Round,
    checklist_outcome,
    coverage,
    treatment_rate,
)
from scipark.environment.nox import BoilerMeasurement, NoxInputError, NoxMethod, corrected, nox_reduction

METHOD = NoxMethod(D("78.8"), D("10.23"), D("3.5"), "DOMAIN.md §5")


def boiler(**kw: object) -> BoilerMeasurement:
    values: dict[str, object] = {
        "label": "1#",
        "capacity_tph": D("49.5"),
        "operating_hours": 4570,
        "load_factor": D(1),
        "nox_before": D(200),
        "o2_before": D("3.5"),
        "nox_after": D(30),
        "o2_after": D("3.5"),
    }
    values.update(kw)
    return BoilerMeasurement(**values)  # type: ignore[arg-type]


def test_the_articles_case_by_hand() -> None:
    # 49.5 × 78.8 = 3,900.6 m³/h gas; × 10.23 = 39,903.138 Nm³/h flue gas; × 170 mg = 6,783,533.46 mg/h;
    # × 4,570 h = 31,000,747,912 mg ≈ 31.00 t (DOMAIN.md: "≈ 31 t — the article's 30.99 t is plausible").
    result = nox_reduction(boiler(), METHOD)
    assert result.flue_gas_nm3_per_h == D("39903.138000")
    assert round(result.reduction_t, 4) == D("31.0007")


def test_o2_correction_by_hand() -> None:
    # 200 mg/m³ measured at 6% O₂ → at 3.5%: 200 × 17.5 / 15 = 233.33…
    assert round(corrected(D(200), D(6), D("3.5"), field="x"), 2) == D("233.33")
    # measured at the reference: unchanged
    assert corrected(D(30), D("3.5"), D("3.5"), field="x") == D(30)


def test_correction_moves_the_cut() -> None:
    # after measured at 9% O₂: 30 × 17.5 / 12 = 43.75 at reference; the cut is 200 − 43.75 = 156.25 mg.
    result = nox_reduction(boiler(o2_after=D(9)), METHOD)
    assert result.after_corrected == D("43.75")
    expected = D("39903.138") * D("156.25") * 4570 * D("1e-9")
    assert result.reduction_t == expected


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"o2_before": D(21)}, "o2_before"),
        ({"o2_after": D("21.5")}, "o2_after"),
        ({"operating_hours": 8785}, "operating_hours"),
        ({"load_factor": D("1.2")}, "load_factor"),
        ({"capacity_tph": D(0)}, "capacity_tph"),
        ({"nox_after": D(250)}, "after_note"),
    ],
)
def test_bad_measurements_are_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(NoxInputError) as caught:
        nox_reduction(boiler(**changes), METHOD)
    assert caught.value.field == field
    assert "1#" in caught.value.message or field == "reference_o2"


def test_a_rise_with_a_note_is_a_negative_cut() -> None:
    result = nox_reduction(boiler(nox_after=D(250), after_note="燃料切换期间测试"), METHOD)
    assert result.reduction_t < 0


def test_leap_year_hours_are_the_bound() -> None:
    assert nox_reduction(boiler(operating_hours=8784), METHOD).reduction_t > 0


R1 = Round(1, dt.date(2023, 3, 1), dt.date(2023, 5, 31))
R2 = Round(2, dt.date(2023, 9, 1), dt.date(2023, 11, 30))


def test_coverage_full_and_empty() -> None:
    members = [Membership(i, dt.date(2023, 1, 1)) for i in range(1, 4)]
    visits = [
        (i, r, dt.date(2023, 4, 1) if r == 1 else dt.date(2023, 10, 1)) for i in range(1, 4) for r in (1, 2)
    ]
    result = coverage(members, [R1, R2], visits)
    assert (result.planned, result.done, result.rate) == (6, 6, D(1))
    assert coverage([], [R1], []).rate is None


def test_coverage_with_enterprises_entering_and_leaving() -> None:
    members = [
        Membership(1, dt.date(2023, 1, 1)),
        Membership(2, dt.date(2023, 7, 1)),  # joins between the rounds: owed round 2 only
        Membership(3, dt.date(2023, 1, 1), dt.date(2023, 8, 1)),  # leaves between the rounds: round 1 only
        Membership(4, dt.date(2023, 1, 1), dt.date(2023, 10, 15)),  # visited in round 2, then left
    ]
    visits = [
        (1, 1, dt.date(2023, 4, 2)),
        (3, 1, dt.date(2023, 4, 3)),
        (4, 1, dt.date(2023, 4, 4)),
        (4, 2, dt.date(2023, 10, 1)),
        (2, 2, dt.date(2023, 10, 2)),
    ]
    result = coverage(members, [R1, R2], visits)
    # planned: 1×2, 2×1 (r2), 3×1 (r1), 4×2 (r1, and r2 because visited while in the set) = 6; missing 1 in r2.
    assert (result.planned, result.done) == (6, 5)
    assert result.missing == ((1, 2),)
    assert result.rate == D(5) / D(6)


def test_checklist_outcomes() -> None:
    met = {code: True for code, _label, _critical in WASTE_CHECKLIST}
    assert checklist_outcome(met) == "compliant"
    assert checklist_outcome({**met, "labels": False, "training": False}) == "basically"
    assert checklist_outcome({**met, "labels": False, "training": False, "plan": False}) == "non_compliant"
    assert checklist_outcome({**met, "manifest": False}) == "non_compliant"
    partial = dict(met)
    del partial["storage"]
    with pytest.raises(ValueError, match="贮存设施"):
        checklist_outcome(partial)


def test_treatment_rate() -> None:
    assert treatment_rate(D(10), D(0), D(10)) == D(1)
    assert treatment_rate(D(8), D(2), D(5)) == D("0.5")
    assert treatment_rate(D(0), D(0), D(0)) is None


def test_geodesic_length_against_known_lengths() -> None:
    # One degree of longitude on the equator is a × π / 180 = 111,319.4908 m on WGS-84.
    assert geometry.vincenty_m((0.0, 0.0), (1.0, 0.0)) == pytest.approx(111319.4908, abs=0.001)
    # The meridian arc from 0° to 1° north is 110,574.3886 m (WGS-84).
    assert geometry.vincenty_m((0.0, 0.0), (0.0, 1.0)) == pytest.approx(110574.3886, abs=0.001)
    # Near the park (36.67° N) a degree of longitude is a·cosφ/√(1−e²sin²φ) × π/180 ≈ 89,431 m.
    assert geometry.vincenty_m((101.0, 36.67), (102.0, 36.67)) == pytest.approx(89431, rel=1e-3)


def test_line_checks() -> None:
    good = geometry.check_line([[101.74, 36.67], [101.75, 36.67], [101.75, 36.68]], "管段A", max_vertices=10)
    assert len(good) == 3
    with pytest.raises(geometry.GeometryError, match=r"管段B.*自相交"):
        geometry.check_line(
            [[101.74, 36.67], [101.76, 36.69], [101.76, 36.67], [101.74, 36.69]], "管段B", max_vertices=10
        )
    with pytest.raises(geometry.GeometryError, match="不在中国境内"):
        geometry.check_line([[2.35, 48.85], [2.36, 48.86]], "管段C", max_vertices=10)
    with pytest.raises(geometry.GeometryError, match="不在中国境内"):
        geometry.check_line([[36.67, 101.74], [36.68, 101.75]], "管段D", max_vertices=10)  # swapped
    with pytest.raises(geometry.GeometryError, match="至少"):
        geometry.check_line([[101.74, 36.67]], "管段E", max_vertices=10)
    with pytest.raises(geometry.GeometryError, match="过多"):
        geometry.check_line([[101.74 + i * 1e-4, 36.67] for i in range(11)], "管段F", max_vertices=10)


def test_simplify_keeps_ends_and_drops_near_points() -> None:
    line = [(101.0, 36.0), (101.5, 36.00001), (102.0, 36.0)]
    assert geometry.simplify(line, 0.001) == [(101.0, 36.0), (102.0, 36.0)]
    assert geometry.simplify(line, 0.0) == line


def test_gcj02_round_trip() -> None:
    wgs = (101.7429, 36.6732)
    gcj = geometry.wgs84_to_gcj02(*wgs)
    assert gcj != wgs  # GCJ-02 is offset by a few hundred metres
    assert 100 < geometry.vincenty_m(wgs, gcj) < 1000
    back = geometry.gcj02_to_wgs84(*gcj)
    assert geometry.vincenty_m(wgs, back) < 0.01

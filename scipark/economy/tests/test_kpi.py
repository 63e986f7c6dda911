"""The growth functions against hand-worked numbers (DOMAIN.md §2)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from scipark.economy import kpi


def close(value: D | None, expected: str) -> bool:
    assert value is not None
    return abs(value - D(expected)) < D("0.000001")


def test_growth_is_none_without_a_positive_base_never_zero() -> None:
    assert kpi.growth(D(5), D(0)) is None
    assert kpi.growth(D(5), None) is None
    assert kpi.growth(None, D(5)) is None
    assert kpi.growth(D(5), D(-2)) is None
    assert kpi.growth(D(0), D(5)) == D(-1)
    assert kpi.percent(None) == "无可比数据"


def test_an_enterprise_entering_scope_mid_year_counts_its_own_prior_figure_on_the_comparable_basis() -> None:
    # A in scope both years 100 -> 110; B entered this year, its own prior figure 50, now 80.
    now = {"A": D(110), "B": D(80)}
    then = {"A": D(100), "B": D(50)}
    # 同口径: (110 + 80) / (100 + 50) - 1 = 190/150 - 1 = 0.266667
    assert close(kpi.comparable_growth(now, then, ["A", "B"]), "0.2666666667")
    # 总量: everyone in scope now (190) against everyone in scope then (A only: 100) = 0.9
    assert close(kpi.plain_growth(now, then, ["A", "B"], ["A"]), "0.9")


def test_a_new_plant_reports_zero_in_the_base() -> None:
    now = {"A": D(110), "C": D(40)}
    then = {"A": D(100)}
    # (110 + 40) / (100 + 0) - 1 = 0.5
    assert close(kpi.comparable_growth(now, then, ["A", "C"]), "0.5")


def test_an_enterprise_leaving_scope_drops_out_of_both_sides_of_the_comparable_basis() -> None:
    # A 100 -> 110 stays; D (40 last year) left the set this year.
    now = {"A": D(110)}
    then = {"A": D(100), "D": D(40)}
    assert close(kpi.comparable_growth(now, then, ["A"]), "0.1")
    # plain: 110 / (100 + 40) - 1 = -0.2142857
    assert close(kpi.plain_growth(now, then, ["A"], ["A", "D"]), "-0.2142857143")


def test_zero_base_gives_no_comparable_growth() -> None:
    assert kpi.comparable_growth({"C": D(40)}, {}, ["C"]) is None
    assert kpi.comparable_growth({}, {}, []) is None


def test_the_latest_accepted_revision_counts() -> None:
    revisions = [(1, "accepted", D(100)), (2, "accepted", D(120)), (3, "submitted", D(999))]
    assert kpi.counting_revision(revisions) == (2, D(120))
    assert kpi.counting_revision([(1, "rejected", D(5))]) is None


def test_cumulative_growth_restarts_in_january_across_a_year_boundary() -> None:
    values = {
        (2022, 1): D(10),
        (2022, 2): D(20),
        (2022, 11): D(50),
        (2022, 12): D(60),
        (2023, 1): D(15),
        (2023, 2): D(21),
    }
    assert kpi.cumulative(values, (2022, 12)) == D(140)
    # January–February 2023: 15 + 21 = 36 against January–February 2022: 30 -> +20 %; Nov/Dec do not leak in.
    assert kpi.cumulative(values, (2023, 2)) == D(36)
    assert kpi.growth(kpi.cumulative(values, (2023, 2)), kpi.cumulative(values, (2022, 2))) == D("0.2")
    assert kpi.cumulative(values, (2023, 3)) == D(36)
    assert kpi.cumulative(values, (2024, 1)) is None
    assert kpi.shift((2023, 1), -1) == (2022, 12)
    assert kpi.shift((2022, 12), 13) == (2024, 1)


def test_january_and_february_are_reported_together() -> None:
    values = {(2023, 1): D(15), (2023, 2): D(21), (2023, 3): D(30)}
    assert kpi.month_value(values, (2023, 1)) is None
    assert kpi.month_value(values, (2023, 2)) == D(36)
    assert kpi.month_value(values, (2023, 3)) == D(30)
    assert kpi.period_label((2023, 2)) == "2023年1–2月"
    assert kpi.cumulative_label((2023, 12)) == "2023年1–12月"
    # An enterprise that filed one combined return in February: the same 1–2月 figure.
    assert kpi.month_value({(2023, 2): D(36)}, (2023, 2)) == D(36)


def test_contributions_add_up_to_the_growth() -> None:
    now = {"A": D(110), "B": D(80), "C": D(20), "E": D(45)}
    then = {"A": D(100), "B": D(50), "E": D(50)}
    points = kpi.contributions(now, then)
    # base 200: A +5.0, B +15.0, C +10.0, E -2.5 points; total 27.5 = (255/200 - 1) * 100
    assert points == {"A": D(5), "B": D(15), "C": D(10), "E": D("-2.5")}
    assert sum(points.values()) == kpi.comparable_growth(now, then, now) * 100  # type: ignore[operator]
    top, bottom = kpi.top_and_bottom(points, n=2)
    assert top == [("B", D(15)), ("C", D(10))]
    assert bottom == [("E", D("-2.5"))]
    assert kpi.contributions({"C": D(5)}, {}) == {}


@pytest.mark.parametrize(
    ("actual", "month", "alert", "completion"),
    [
        (D("9.1"), 6, kpi.Alert.ON_TRACK, "0.5"),  # 50 % at mid-year
        (D("9.1"), 7, kpi.Alert.WARNING, "0.5"),  # 50 % against 58.3 %: 8.3 points behind
        (D("5"), 7, kpi.Alert.ALARM, "0.2747252747"),  # 27.5 % against 58.3 %: 30.9 points behind
        (None, 7, kpi.Alert.NO_DATA, None),
    ],
)
def test_target_completion_against_time_progress(
    actual: D | None, month: int, alert: kpi.Alert, completion: str | None
) -> None:
    progress = kpi.target_progress(actual=actual, target=D("18.2"), month=month)
    assert progress.alert == alert
    assert progress.time_progress == D(month) / 12
    if completion is None:
        assert progress.completion is None
    else:
        assert close(progress.completion, completion)


def test_growth_target_alert() -> None:
    assert kpi.growth_target_alert(actual=D("0.08"), target_percent=D(10)) == kpi.Alert.WARNING
    assert kpi.growth_target_alert(actual=D("0.10"), target_percent=D(10)) == kpi.Alert.ON_TRACK
    assert kpi.growth_target_alert(actual=None, target_percent=D(10)) == kpi.Alert.NO_DATA


def test_growth_is_worded_as_the_park_writes_it() -> None:
    assert kpi.growth_phrase(D("0.1")) == "增长10.0%"
    assert kpi.growth_phrase(D("-0.099")) == "下降9.9%"
    assert kpi.growth_phrase(D("0")) == "持平"
    assert kpi.basis_label(kpi.Basis.COMPARABLE) == "同口径"

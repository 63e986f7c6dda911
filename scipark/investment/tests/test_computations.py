"""Hand-worked numbers for the pure computations (band edges, completion vs time progress, leverage)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from scipark.economy.kpi import Alert
from scipark.investment import computations as c

YI = Decimal(100_000_000)


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        (100 * YI, "百亿元以上"),  # exactly 100亿: the top band (以上 includes it)
        (100 * YI - 1, "50亿–100亿元"),
        (50 * YI, "50亿–100亿元"),  # exactly 50亿
        (50 * YI - Decimal("0.01"), "30亿–50亿元"),
        (30 * YI, "30亿–50亿元"),
        (10 * YI, "10亿–30亿元"),  # exactly 10亿: in 10–30 (the stated edge)
        (10 * YI - 1, "1亿–10亿元"),
        (1 * YI, "1亿–10亿元"),
    ],
)
def test_band_edges_lower_inclusive_upper_exclusive(amount: Decimal, label: str) -> None:
    band = c.band_of(amount)
    assert band is not None and band.label == label


def test_below_the_lowest_band_is_outside_the_reserve() -> None:
    assert c.band_of(YI - 1) is None
    assert c.band_of(Decimal(0)) is None


def test_bucket_counts_and_sums_every_band() -> None:
    amounts = [120 * YI, 100 * YI, 60 * YI, 35 * YI, 10 * YI, 12 * YI, 29 * YI, Decimal(5000)]
    rows = c.bucket(amounts)
    assert [(r.band.label, r.count, r.total) for r in rows] == [
        ("百亿元以上", 2, 220 * YI),
        ("50亿–100亿元", 1, 60 * YI),
        ("30亿–50亿元", 1, 35 * YI),
        ("10亿–30亿元", 3, 51 * YI),
        ("1亿–10亿元", 0, Decimal(0)),
    ]


def test_overlapping_bands_are_found() -> None:
    assert c.overlapping(c.DEFAULT_BANDS) is None
    wrong = [c.Band("a", 10 * YI, 40 * YI), c.Band("b", 30 * YI, None)]
    assert c.overlapping(wrong) == (wrong[0], wrong[1])
    assert c.overlapping([c.Band("open", YI, None), c.Band("b", 2 * YI, 3 * YI)]) is not None


def test_progress_past_year_uses_the_whole_year() -> None:
    p = c.progress(Decimal("21") * YI, Decimal("20") * YI, year=2023, today=dt.date(2026, 3, 1))
    assert p.completion == Decimal("1.05")
    assert p.time_progress == Decimal(1)
    assert p.alert == Alert.ON_TRACK


def test_progress_current_year_behind_time_is_a_warning() -> None:
    # 6 of 20 亿 by the end of July: completion 30 % < time progress 7/12 ≈ 58.3 % → behind by > 10 points.
    p = c.progress(6 * YI, 20 * YI, year=2026, today=dt.date(2026, 7, 15))
    assert p.completion == Decimal("0.3")
    assert p.time_progress == Decimal(7) / Decimal(12)
    assert p.alert == Alert.ALARM
    ahead = c.progress(12 * YI, 20 * YI, year=2026, today=dt.date(2026, 7, 15))
    assert ahead.alert == Alert.ON_TRACK


def test_progress_without_data_or_future_year() -> None:
    assert c.progress(None, 20 * YI, year=2026, today=dt.date(2026, 7, 1)).alert == Alert.NO_DATA
    assert c.months_elapsed(2027, dt.date(2026, 7, 1)) == 0
    assert c.months_elapsed(2025, dt.date(2026, 7, 1)) == 12


def test_the_latest_revision_counts() -> None:
    assert c.counting_amount([(1, Decimal(5)), (3, Decimal(7)), (2, Decimal(9))]) == Decimal(7)
    assert c.counting_amount([]) is None


def test_leverage_needs_fund_money() -> None:
    assert c.leverage(Decimal(300), Decimal(50)) == Decimal(6)
    assert c.leverage(Decimal(300), Decimal(0)) is None


def test_funds_over_the_contract() -> None:
    assert not c.funds_exceed_contract(Decimal(100), Decimal(60), Decimal(40))  # exactly the contract
    assert c.funds_exceed_contract(Decimal(100), Decimal(60), Decimal("40.01"))
    assert not c.funds_exceed_contract(None, Decimal(60), Decimal(400))  # nothing signed to compare with


def test_overdue_days() -> None:
    since = dt.date(2026, 1, 1)
    assert c.overdue_days(since, 30, dt.date(2026, 1, 31)) is None  # day 30: within
    assert c.overdue_days(since, 30, dt.date(2026, 2, 1)) == 1
    assert c.overdue_days(since, None, dt.date(2027, 1, 1)) is None


def test_in_yi_rounds_half_up() -> None:
    assert c.in_yi(Decimal("1503000000")) == Decimal("15.03")
    assert c.in_yi(Decimal("2865000000"), 1) == Decimal("28.7")  # half up, not to even
    assert c.in_yi(Decimal("2875000000"), 1) == Decimal("28.8")
    assert c.in_yi(None) is None


def test_the_funnel_counts_projects_that_reached_each_stage_or_a_later_one() -> None:
    assert c.reached_at_least([3, 1, 2]) == [6, 3, 2]
    assert c.reached_at_least([0, 0, 1, 0, 0, 0]) == [1, 1, 1, 0, 0, 0]
    assert c.reached_at_least([]) == []

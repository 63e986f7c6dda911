"""The above-scale pipeline's projection against hand-worked numbers."""

from __future__ import annotations

from decimal import Decimal as D

from scipark.economy import pipeline

WAN = D(10000)


def months(start: tuple[int, int], count: int, value: D) -> dict[tuple[int, int], D]:
    year, month = start
    result = {}
    for i in range(count):
        index = year * 12 + month - 1 + i
        result[(index // 12, index % 12 + 1)] = value
    return result


def test_the_crossing_month_is_projected_from_the_trend_of_the_trailing_sum() -> None:
    # 2022-01..06 at 100万, 2022-07..2023-06 at 150万.
    values = {**months((2022, 1), 6, 100 * WAN), **months((2022, 7), 12, 150 * WAN)}
    result = pipeline.project_crossing(values, (2023, 6), 2000 * WAN)
    assert result is not None
    # trailing 12 months to 2023-06: 12 × 150 = 1,800万; to 2022-12: 6 × 100 + 6 × 150 = 1,500万
    assert result.trailing == 1800 * WAN
    # trend: (1,800 − 1,500) / 6 = 50万 a month; (2,000 − 1,800) / 50 = 4 months -> 2023-10
    assert result.monthly_trend == 50 * WAN
    assert result.crossing == (2023, 10)
    assert result.share == D("0.9")
    assert not result.crossed


def test_an_enterprise_already_over_the_threshold_has_crossed() -> None:
    values = months((2022, 1), 12, 200 * WAN)
    result = pipeline.project_crossing(values, (2022, 12), 2000 * WAN)
    assert result is not None and result.crossed and result.crossing == (2022, 12)


def test_no_projection_without_twelve_reported_months_or_with_a_falling_trend() -> None:
    assert pipeline.project_crossing(months((2023, 1), 11, 100 * WAN), (2023, 11), 2000 * WAN) is None
    falling = {**months((2022, 1), 6, 150 * WAN), **months((2022, 7), 12, 100 * WAN)}
    result = pipeline.project_crossing(falling, (2023, 6), 2000 * WAN)
    assert result is not None and result.crossing is None


def test_thresholds_follow_the_activity_type_and_division() -> None:
    industry = pipeline.threshold_for("industry", "27")
    assert industry is not None and industry.amount == 2000 * WAN and industry.measure == "revenue"
    retail = pipeline.threshold_for("retail", "52")
    assert retail is not None and retail.amount == 500 * WAN and retail.measure == "sales"
    it = pipeline.threshold_for("services", "65")
    assert it is not None and it.amount == 2000 * WAN
    leasing = pipeline.threshold_for("services", "72")
    assert leasing is not None and leasing.amount == 1000 * WAN
    assert pipeline.threshold_for("construction", "47") is None

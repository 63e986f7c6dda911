"""Energy benchmarking: hand-worked intensities against benchmarks, and the page on the economy's returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.urls import reverse

from scipark.core.testing import World, ensure_industry
from scipark.economy import services as economy_services
from scipark.environment import selectors, services
from scipark.environment.benchmarks import Benchmark, EnterpriseEnergy, benchmark_for, compare, peer_medians


def firm(pk: int, code: str, tce: Any, va: Any, section: str = "C") -> EnterpriseEnergy:
    return EnterpriseEnergy(
        pk, f"企业{pk}", code, section, None if tce is None else D(tce), None if va is None else D(va)
    )


BENCH = {
    "27": Benchmark("27", D("0.4"), "省级大类参考值", True),
    "2720": Benchmark("2720", D("0.35"), "省级小类参考值", False),
}


def test_intensities_against_the_most_specific_benchmark() -> None:
    rows = compare(
        [
            firm(1, "2710", 100, 2_000_000),  # 100 t / 200 万元 = 0.5 against 27's 0.4: 1.25
            firm(2, "2720", 30, 1_000_000),  # 0.3 against 2720's 0.35 (not 27's): 0.857…
            firm(3, "2740", 80, 1_000_000),  # 0.8 against 0.4: 2.0
            firm(4, "3911", 10, 0),  # no positive value added
            firm(5, "1495", None, 300_000),  # no energy reported
            firm(6, "1310", 5, 500_000),  # 0.1, no benchmark for 13 nor for C
        ],
        BENCH,
    )
    by_id = {r.enterprise.enterprise_id: r for r in rows}
    assert by_id[1].intensity == D("0.5") and by_id[1].ratio == D("1.25") and by_id[1].above
    assert (
        by_id[2].benchmark == BENCH["2720"] and by_id[2].ratio == D("0.3") / D("0.35") and not by_id[2].above
    )
    assert by_id[3].ratio == D(2)
    assert by_id[4].intensity is None and "工业增加值" in by_id[4].reason
    assert by_id[5].intensity is None and by_id[5].reason == "未报送能源消费量"
    assert by_id[6].ratio is None and by_id[6].reason == "所属行业尚未设定基准值"
    assert by_id[1].peer_median == D("0.5")  # median of 0.5, 0.3, 0.8 in 大类 27
    assert by_id[6].peer_median is None  # alone in 13
    assert [r.enterprise.enterprise_id for r in rows] == [3, 1, 2, 6, 4, 5]


def test_a_section_benchmark_is_the_last_resort() -> None:
    bench = {"C": Benchmark("C", D(1), "门类参考值", False)}
    assert benchmark_for("1310", "C", bench) == bench["C"]
    assert benchmark_for("", "", bench) is None
    assert compare([firm(6, "1310", 5, 500_000)], bench)[0].ratio == D("0.1")


def test_no_peer_median_from_fewer_than_three() -> None:
    assert peer_medians([("2710", D(1)), ("2720", D(3))]) == {}
    assert peer_medians([("2710", D(1)), ("2720", D(3)), ("2730", D(2)), ("1310", D(9))]) == {"27": D(2)}


def record(world: World, enterprise: Any, month: int, *, va: int, kwh: int) -> None:
    economy_services.return_record(
        user=world.user("economy_staff"),
        enterprise=enterprise,
        period=dt.date(2023, month, 1),
        data={"industrial_output": D(va * 3), "revenue": D(va * 3), "value_added": D(va)},
        energy={"electricity": D(kwh)},
    )


@pytest.fixture
def returns(world: World) -> None:
    ensure_industry()
    for month in (1, 2):
        record(world, world.enterprise, month, va=500_000, kwh=100_000)  # 12.29 tce a month
        record(world, world.other_enterprise, month, va=1_000_000, kwh=50_000)


def test_the_intensities_come_from_the_economys_returns(world: World, returns: None) -> None:
    services.benchmark_save(
        user=world.user("environment_staff"),
        park=world.park,
        data={"industry_code": world.enterprise.industry_id[:2], "intensity": D("0.1"),
              "valid_from": dt.date(2023, 1, 1), "source": "测试参考值"},
    )  # fmt: skip
    found = selectors.energy_benchmarking(user=world.user("environment_staff"), park=world.park, year=2023)
    assert found.period == dt.date(2023, 2, 1)
    by_name = {r.enterprise.name: r for r in found.rows}
    own = by_name[world.enterprise.name]
    assert own.enterprise.tce == D("24.58") and own.enterprise.value_added == D(1_000_000)
    assert own.intensity == D("0.2458") and own.ratio == D("2.458")
    only_own = selectors.energy_benchmarking(user=world.user("enterprise_user"), park=world.park, year=2023)
    assert {r.enterprise.name for r in only_own.rows} <= {world.enterprise.name}  # never another firm's
    assert (
        selectors.energy_benchmarking(user=world.user("environment_staff"), park=world.park, year=2024).rows
        == []
    )


def test_the_page_and_the_benchmark_form(client_for: Any, world: World, returns: None) -> None:
    staff = client_for("environment_staff")
    page = staff.get(reverse("environment:energy"), {"year": 2023})
    assert page.status_code == 200 and world.enterprise.name in page.content.decode()
    assert "所属行业尚未设定基准值" in page.content.decode()
    data = {
        "park": world.park.pk,
        "industry_code": "9999",
        "intensity": "0.3",
        "valid_from": "2023-01-01",
        "source": "x",
    }
    refused = staff.post(reverse("environment:benchmark_add"), data)
    assert refused.status_code == 400 and "未找到国民经济行业代码" in refused.content.decode()
    assert (
        staff.post(reverse("environment:benchmark_add"), {**data, "industry_code": "27"}).status_code == 302
    )
    assert client_for("enterprise_user").get(reverse("environment:benchmark_add")).status_code == 403
    assert client_for("economy_staff").get(reverse("environment:energy")).status_code == 200

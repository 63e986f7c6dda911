"""Energy benchmarking (能效对标): each enterprise's energy intensity against its industry's benchmark.

Plain values in, plain values out. Intensity = comprehensive energy use (tce) / value added (万元), as
DOMAIN.md §2 defines it (``scipark.economy.energy.intensity``). An enterprise is held against the benchmark
of its most specific GB/T 4754 category that has one (小类 2710, then 中类 271, 大类 27, 门类 C); beside it,
the median of the park's enterprises of the same 大类 with an intensity, as a peer reference computed from
the records (no median from fewer than 3 enterprises: one or two firms are not a peer group). Missing data
gives ``None`` with the reason, never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import median

from django.utils.translation import gettext as _

from scipark.economy.energy import intensity

#: Fewer enterprises than this in a 大类 give no peer median.
MIN_PEERS = 3


@dataclass(frozen=True)
class EnterpriseEnergy:
    enterprise_id: int
    name: str
    industry_code: str  # GB/T 4754 code (2710), or "" when the registry has none
    section: str  # 门类 letter (C)
    tce: Decimal | None  # energy use of the period, tce
    value_added: Decimal | None  # value added of the period, 元

    @property
    def value_added_wan(self) -> Decimal | None:
        return None if self.value_added is None else self.value_added / 10000


@dataclass(frozen=True)
class Benchmark:
    code: str  # the GB/T 4754 code (or section letter) it is set for
    intensity: Decimal  # tce / 万元
    source: str
    confirmed: bool


@dataclass(frozen=True)
class BenchmarkRow:
    enterprise: EnterpriseEnergy
    intensity: Decimal | None
    benchmark: Benchmark | None
    ratio: Decimal | None  # intensity / benchmark: above 1 means more energy per 万元 than the benchmark
    peer_median: Decimal | None
    reason: str  # why a value is missing ("" when none is)

    @property
    def above(self) -> bool | None:
        return None if self.ratio is None else self.ratio > 1


def benchmark_for(code: str, section: str, benchmarks: Mapping[str, Benchmark]) -> Benchmark | None:
    """The benchmark of the most specific category of ``code`` that has one, then of its section."""
    for length in range(len(code), 1, -1):
        found = benchmarks.get(code[:length])
        if found is not None:
            return found
    return benchmarks.get(section) if section else None


def peer_medians(rows: Iterable[tuple[str, Decimal]], min_peers: int = MIN_PEERS) -> dict[str, Decimal]:
    """The median intensity per 大类 (the first two digits) over (code, intensity) pairs."""
    groups: dict[str, list[Decimal]] = {}
    for code, value in rows:
        if len(code) >= 2 and code[:2].isdigit():
            groups.setdefault(code[:2], []).append(value)
    return {
        division: Decimal(median(values)) for division, values in groups.items() if len(values) >= min_peers
    }


def compare(
    enterprises: Sequence[EnterpriseEnergy], benchmarks: Mapping[str, Benchmark]
) -> list[BenchmarkRow]:
    """Every enterprise against its benchmark, ranked: the furthest above its benchmark first, then those
    without a benchmark by intensity, then those without an intensity."""
    values = {e.enterprise_id: intensity(e.tce, e.value_added) for e in enterprises}
    medians = peer_medians(
        (e.industry_code, v) for e in enterprises if (v := values[e.enterprise_id]) is not None
    )
    rows = []
    for e in enterprises:
        value = values[e.enterprise_id]
        bench = benchmark_for(e.industry_code, e.section, benchmarks)
        reason = ""
        if e.tce is None:
            reason = _("未报送能源消费量")
        elif value is None:
            reason = _("工业增加值为空或不为正,无法计算单位增加值能耗")
        elif bench is None:
            reason = _("所属行业尚未设定基准值")
        ratio = value / bench.intensity if value is not None and bench is not None else None
        peer = medians.get(e.industry_code[:2]) if e.industry_code else None
        rows.append(BenchmarkRow(e, value, bench, ratio, peer, reason))
    return sorted(
        rows,
        key=lambda r: (
            0 if r.ratio is not None else 1 if r.intensity is not None else 2,
            -(r.ratio if r.ratio is not None else r.intensity if r.intensity is not None else Decimal(0)),
            r.enterprise.name,
        ),
    )

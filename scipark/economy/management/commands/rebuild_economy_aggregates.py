"""``scipark rebuild_economy_aggregates [--park CODE …] [--check]``: recompute the maintained aggregates
and the suppression stats beside them from the returns and status history (after a restore, a change of an enterprise's industry or park, or
to verify them with ``--check``, which reports differences and changes nothing)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from scipark.economy import aggregates
from scipark.economy.models import AGGREGATE_COLUMNS, CELL_STATS_COLUMNS, MonthlyAggregate, MonthlyCellStats
from scipark.parks.models import Park


def _table(park_ids: list[int] | None) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    query = MonthlyAggregate.objects.all()
    if park_ids is not None:
        query = query.filter(park_id__in=park_ids)
    rows = {}
    for row in query.values_list("park_id", "scale_set", "period", "division", *AGGREGATE_COLUMNS):
        if any(row[4:]):
            rows[row[:4]] = row[4:]
    # Beside them, what small-cell suppression reads (MonthlyCellStats).
    stats = MonthlyCellStats.objects.all()
    if park_ids is not None:
        stats = stats.filter(park_id__in=park_ids)
    for row in stats.values_list(
        "park_id", "scale_set", "period", "division", "measure", *CELL_STATS_COLUMNS
    ):
        if any(row[5:]):
            rows[("stats", *row[:5])] = row[5:]
    return rows


class Command(BaseCommand):
    help = "从月度报表重新计算经济运行汇总表(--check 只比对不修改)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--park", nargs="*", help="园区代码(省略:全部园区)")
        parser.add_argument("--check", action="store_true", help="只比对维护的汇总与重新计算的结果,不修改")

    def handle(self, *args: Any, **options: Any) -> None:
        park_ids = None
        if options["park"]:
            found = dict(Park.objects.filter(code__in=options["park"]).values_list("code", "pk"))
            unknown = sorted(set(options["park"]) - set(found))
            if unknown:
                raise CommandError(f"找不到园区:{'、'.join(unknown)}。")
            park_ids = list(found.values())
        if options["check"]:
            maintained = _table(park_ids)
            with transaction.atomic():
                aggregates.rebuild(park_ids)
                recomputed = _table(park_ids)
                transaction.set_rollback(True)
            differing = {
                k for k in maintained.keys() | recomputed.keys() if maintained.get(k) != recomputed.get(k)
            }
            if differing:
                raise CommandError(
                    f"汇总表与重新计算结果有 {len(differing)} 行不一致,请运行本命令(不带 --check)重建。"
                )
            self.stdout.write(self.style.SUCCESS(f"汇总表一致({len(maintained)} 行)。"))
            return
        rows = aggregates.rebuild(park_ids)
        self.stdout.write(self.style.SUCCESS(f"已重建经济运行汇总表:{rows} 行。"))

"""``scipark alerts evaluate [--park P] [--date D]``: the daily evaluation of the indicator alerts.

Run it once a day (the process manager's timer, as ``escalate_appeals``; ADR 0011 — the project has no
task worker yet). Idempotent: a second run on the same day writes and notifies nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.core.management.dates import date_option
from scipark.parks.models import Park
from scipark.reports.alert_services import alerts_evaluate


class Command(BaseCommand):
    help = "评估各园区的指标预警(年度目标完成进度与时间进度),如:scipark alerts evaluate --park bio"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("step", choices=["evaluate"], help="evaluate:评估指标预警")
        parser.add_argument("--park", default="", help="园区代码(默认全部园区)")
        parser.add_argument("--date", default="", help="评估日期,如 2024-01-15(默认今天)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = date_option(options["date"])
        parks = Park.objects.order_by("code")
        if options["park"]:
            parks = parks.filter(code=options["park"])
            if not parks.exists():
                codes = "、".join(Park.objects.order_by("code").values_list("code", flat=True)) or "(无)"
                raise CommandError(f"找不到园区“{options['park']}”,可选:{codes}。")
        for park in parks:
            result = alerts_evaluate(park=park, today=today)
            if result.skipped:
                self.stdout.write(f"{park.name}:未评估,{result.skipped}。")
                continue
            month = f"{result.period:%Y年%m月}数据" if result.period else "尚无月报数据"
            self.stdout.write(
                f"{park.name}({month}):新增预警 {result.created} 条,更新 {result.refreshed} 条,"
                f"解除 {result.resolved} 条,发送通知 {result.notified} 条。"
            )

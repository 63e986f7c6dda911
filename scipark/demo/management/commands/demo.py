"""``scipark demo``: wipe the demo park and build it again; ``--if-empty`` leaves a filled database alone."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scipark.demo.builder import DemoBuilder, demo_exists


class Command(BaseCommand):
    help = "构建演示园区(西宁经济技术开发区 · 生物科技产业园区等),每次结果相同。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="数据库中已有开发区时不做任何事(make run 使用)。"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and demo_exists():
            if options["verbosity"] >= 2:
                self.stdout.write("已有数据,跳过演示园区构建。")
            return
        started = time.monotonic()
        report = self.stdout.write if options["verbosity"] >= 2 else None
        ctx = DemoBuilder(report=report).rebuild()
        counts = ", ".join(
            f"{ctx.parks[code].name} {len(rows)} 家企业" for code, rows in ctx.enterprises.items()
        )
        self.stdout.write(
            self.style.SUCCESS(f"演示园区已构建({time.monotonic() - started:.1f} 秒):{counts}。")
        )

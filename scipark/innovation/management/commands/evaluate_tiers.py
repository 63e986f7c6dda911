"""``scipark evaluate_tiers --year Y [--park CODE …] [--processes N]``: evaluate every tier for every
enterprise with an archive of the year, a chunk at a time (read and evaluated by N forked processes, written
here), with a progress bar (after a restore, a bulk load of archives, or a
rule version changed outside the pages). The rule-version page re-evaluates through the same service."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from scipark.innovation import selectors
from scipark.innovation.models import TechArchive
from scipark.innovation.services import evaluate_park
from scipark.parks.models import Park


class Command(BaseCommand):
    help = "按现行培育规则重新评估园区企业的各梯次(分批读取,内存不随企业数增长),如:scipark evaluate_tiers --year 2023"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True, help="科技档案年度")
        parser.add_argument("--park", nargs="*", help="园区代码(省略:全部园区)")
        parser.add_argument(
            "--chunk", type=int, default=selectors.CHUNK, help=f"每批评估的企业数(默认 {selectors.CHUNK})"
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=os.cpu_count() or 1,
            help="并行读取和评估的进程数(默认为CPU核数;本进程按顺序写入)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        parks = Park.objects.order_by("code")
        if options["park"]:
            parks = parks.filter(code__in=options["park"])
            unknown = sorted(set(options["park"]) - set(parks.values_list("code", flat=True)))
            if unknown:
                raise CommandError(f"找不到园区:{'、'.join(unknown)}。")
        year = options["year"]
        total = 0
        for park in parks:
            count = TechArchive.objects.filter(park=park, year=year).count()
            if not count:
                continue
            with tqdm(total=count, desc=park.name, unit="家", file=self.stderr._out) as bar:
                evaluated = evaluate_park(
                    park=park,
                    year=year,
                    chunk=max(1, options["chunk"]),
                    progress=lambda done: bar.update(done - bar.n),
                    processes=max(1, options["processes"]),
                )
            total += evaluated
        self.stdout.write(f"已评估 {total} 家企业({year}年度科技档案)。")

"""``scipark figures --park CODE --year 2023 [--json] [--only E1,S1]``: every figure of FIGURES.md that
scipark can compute, from the park's records, keyed by row id."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.core.figures import UnknownFigures, compute_figures
from scipark.parks.models import Park
from scipark.reports.figures import rows_asked, text_lines


class Command(BaseCommand):
    help = "计算园区年度数据(FIGURES.md 各行),如:scipark figures --park bio --year 2023 --json"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--park", required=True, help="园区代码")
        parser.add_argument("--year", type=int, required=True, help="年份,如 2023")
        parser.add_argument("--json", action="store_true", help="输出 JSON")
        parser.add_argument("--only", default="", help="只算这些行,逗号分隔,如 E1,S1")

    def handle(self, *args: Any, **options: Any) -> None:
        park = Park.objects.filter(code=options["park"]).first()
        if park is None:
            codes = "、".join(Park.objects.order_by("code").values_list("code", flat=True)) or "(无)"
            raise CommandError(f"找不到园区“{options['park']}”,可选:{codes}。")
        year = options["year"]
        if not 1990 <= year <= 2100:
            raise CommandError(f"年份“{year}”不在 1990–2100 之间。")
        try:
            figures = compute_figures(park, year, rows_asked(options["only"]) or None)
        except UnknownFigures as error:
            raise CommandError(f"--only {error}") from error
        if options["json"]:
            payload = {"park": park.code, "park_name": park.name, "year": year, "figures": figures}
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        for line in text_lines(figures.values()):
            self.stdout.write(line)

"""``scipark search_reindex``: rebuild the Chinese search index of the libraries and the registry.

The index is kept current on every write and import (signals, ``search.index_rows``); this rebuilds it
whole, after a restore or a bulk load that bypassed the services (ADR 0014)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scipark.innovation import search


class Command(BaseCommand):
    help = "重建科技服务库和企业名录的中文全文检索索引,如:scipark search_reindex"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=2000, help="每批索引的记录数(默认 2000)")

    def handle(self, *args: Any, **options: Any) -> None:
        count = search.reindex(batch=max(1, options["batch"]))
        self.stdout.write(f"已重建检索索引:{count} 条记录。")

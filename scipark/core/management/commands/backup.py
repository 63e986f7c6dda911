"""``scipark backup DIR``: a consistent online backup of the database, with a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scipark.core.backup import backup_create


class Command(BaseCommand):
    help = "备份数据库到目录(SQLite 在线备份 / PostgreSQL pg_dump),并写出各表行数与校验和。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        manifest = backup_create(target=directory)
        rows = sum(t["rows"] for t in manifest.tables.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"备份完成:{directory}({manifest.vendor},{len(manifest.tables)} 张表,{rows} 行)"
            )
        )

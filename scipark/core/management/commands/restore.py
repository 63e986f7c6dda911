"""``scipark restore DIR``: put a backup back, then check integrity (and the manifest on SQLite)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from scipark.core.backup import backup_restore, integrity_ok, table_fingerprints


class Command(BaseCommand):
    help = "从备份目录恢复数据库,并做完整性与校验和检查。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument("--yes", action="store_true", help="不再确认,直接覆盖当前数据库")

    def handle(self, *args: Any, directory: Path, yes: bool, **options: Any) -> None:
        manifest_path = directory / "manifest.json"
        if not manifest_path.exists():
            raise CommandError(f"{directory} 不是 scipark 备份目录(缺少 manifest.json)。")
        if not yes:
            raise CommandError("恢复会覆盖当前数据库:确认请加 --yes。")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        backup_restore(source=directory)
        if not integrity_ok():
            raise CommandError("恢复后完整性检查失败。")
        if manifest["tables"]:
            now = table_fingerprints()
            different = [t for t, f in manifest["tables"].items() if now.get(t) != f]
            if different:
                raise CommandError("恢复后与备份清单不一致的表:" + "、".join(different))
        self.stdout.write(self.style.SUCCESS("恢复完成,完整性检查通过。"))

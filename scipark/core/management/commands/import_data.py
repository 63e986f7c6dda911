"""``scipark import KIND FILE [--park CODE] [--dry-run] [--user USERNAME]``: the import pipeline from
the console, with a progress bar; exits non-zero and prints the located errors (in Chinese) on failure."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from scipark.core import access
from scipark.core.imports.registry import importers
from scipark.core.imports.runner import ImportResult, run_import
from scipark.core.imports.views import import_parks


class Command(BaseCommand):
    help = "导入 Excel/CSV 数据(如:scipark import enterprises 企业.xlsx --park test-bio --user alice)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help="导入类型,如 enterprises")
        parser.add_argument("file", help=".xlsx 或 .csv 文件")
        parser.add_argument("--park", help="导入到的园区代码(用户只有一个可导入园区时可省略)")
        parser.add_argument("--dry-run", action="store_true", help="只检查并预览,不写入")
        parser.add_argument("--user", required=True, help="以此用户的身份和权限导入")
        parser.add_argument("--period", help="报告期,按月导入的类型使用(如 monthly),例如 2023-12")

    def handle(self, *args: Any, **options: Any) -> None:
        available = importers()
        importer_class = available.get(options["kind"])
        if importer_class is None:
            raise CommandError(f"未知的导入类型“{options['kind']}”,可选:{'、'.join(sorted(available))}。")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件“{path}”。")
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{options['user']}”不存在或已停用。")
        park = None
        if access.has_permission(user, importer_class.domain, access.Action.IMPORT):
            park = self._park(user, importer_class.domain, options.get("park"))
        accepted = getattr(importer_class, "options", ())
        given = {name: options[name] for name in ("period",) if options.get(name)}
        for name in given:
            if name not in accepted:
                raise CommandError(f"导入类型“{options['kind']}”不接受 --{name} 选项。")
        try:
            importer = importer_class(user=user, park=park, **given)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        bars: dict[str, tqdm[Any]] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in bars:
                label = {"validate": "校验", "write": "写入"}.get(stage, stage)
                bars[stage] = tqdm(total=total or None, desc=label, unit="行", file=self.stderr._out)
            bar = bars[stage]
            if total and bar.total != total:
                bar.total = total
            bar.update(done - bar.n)

        try:
            result = run_import(
                importer, path, filename=path.name, dry_run=options["dry_run"], progress=progress
            )
        finally:
            for bar in bars.values():
                bar.close()
        self._report(result)

    def _park(self, user: Any, domain: access.Domain, code: str | None) -> Any:
        allowed = import_parks(user, domain)
        if code:
            park = allowed.filter(code=code).first()
            if park is None:
                exists = apps.get_model("parks", "Park").objects.filter(code=code).exists()
                raise CommandError(
                    f"您无权向园区“{code}”导入数据。" if exists else f"园区代码“{code}”不存在。"
                )
            return park
        if allowed.count() == 1:
            return allowed.first()
        codes = "、".join(p.code for p in allowed) or "(无)"
        raise CommandError(f"请用 --park 指定园区代码,可选:{codes}。")

    def _report(self, result: ImportResult) -> None:
        counts = (
            f"共 {result.rows} 行:新建 {result.created},更新 {result.updated},未变化 {result.unchanged}。"
        )
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            if result.truncated:
                self.stderr.write("错误过多,仅列出前面的部分。")
            raise CommandError(f"导入失败:{len(result.problems)} 处错误,未写入任何数据。")
        if result.dry_run:
            self.stdout.write(f"检查通过(未写入)。{counts}")
        else:
            self.stdout.write(self.style.SUCCESS(f"导入完成。{counts}"))

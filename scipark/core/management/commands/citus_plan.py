"""``scipark citus_plan``: print the SQL that turns this PostgreSQL into the Citus layout (docs/deploy.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from scipark.core.distribution import plan, plan_sql


class Command(BaseCommand):
    help = "打印迁移到 Citus(按 park_id 分布)所需的 SQL,供审阅后在协调节点执行;不修改数据库。"

    def handle(self, *args: Any, **options: Any) -> None:
        p = plan()
        self.stdout.write(
            f"-- 分布表 {len(p.distributed)} 张,参考表 {len(p.reference)} 张,协调节点本地表 {len(p.local)} 张;"
            f"需删除的外键 {len(p.foreign_keys_to_drop)} 个,需加 park_id 的唯一约束 {len(p.unique_without_park)} 个"
        )
        for line in plan_sql(p):
            self.stdout.write(line)

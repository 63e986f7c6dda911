"""``manage.py remind_returns --user NAME [--period 2023-12] [--overdue-only]``: remind every enterprise that
still owes the period's monthly return (for a scheduled job), on behalf of a 经济发展 staff member."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from scipark.core import access
from scipark.economy import collection, services
from scipark.economy.filters import parse_period
from scipark.economy.views.base import due_period


class Command(BaseCommand):
    help = "向尚未报送月度报表的企业发送催报提醒(默认上月)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="以该经济发展部门工作人员的名义发送")
        parser.add_argument("--period", help="报告期,如 2023-12(默认上月)")
        parser.add_argument("--overdue-only", action="store_true", help="仅在已过报送截止日期时发送")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"用户“{options['user']}”不存在或已停用。")
        period = parse_period(options["period"]) if options.get("period") else due_period()
        if period is None:
            raise CommandError(f"报告期“{options['period']}”无法识别,应写作“年-月”,如 2023-12。")
        parks = [
            p
            for p in access.scope_for(user).park_ids(access.Domain.ECONOMY, access.Action.CHANGE)
            if services.is_economy_staff(user, p)
        ]
        if not parks:
            raise CommandError("该用户不是任何园区经济发展部门的工作人员,不能催报。")
        deadline = collection.deadline_for(period)
        if options["overdue_only"] and timezone.localdate() <= deadline:
            self.stdout.write(f"{period:%Y-%m} 报表的截止日期为 {deadline:%Y-%m-%d},尚未到期,未发送提醒。")
            return
        result = collection.returns_remind(user=user, park_ids=parks, period=period)
        self.stdout.write(
            f"{period:%Y-%m}:已向 {result.enterprises} 家企业的 {result.recipients} 位企业用户发送催报提醒。"
        )
        for name in result.without_account:
            self.stdout.write(f"无企业用户账号,请电话催报:{name}")

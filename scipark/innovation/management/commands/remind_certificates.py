"""``manage.py remind_certificates [--date 2024-01-15]``: remind the tier certificates about to expire (the daily
scheduled job; see ``innovation.reminders``)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from scipark.core.management.dates import date_option
from scipark.innovation.reminders import certificates_remind


class Command(BaseCommand):
    help = "向园区科技创新部门和企业用户发送资质认定到期提醒(到期前 90、30、7 天及到期时各一次)。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="", help="按该日期计算剩余天数,如 2024-01-15(默认今天)")

    def handle(self, *args: Any, **options: Any) -> None:
        result = certificates_remind(today=date_option(options["date"]))
        self.stdout.write(
            f"资质认定到期提醒:{result.certificates} 项认定,发送 {result.notifications} 条提醒。"
        )

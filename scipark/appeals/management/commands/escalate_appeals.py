"""``manage.py escalate_appeals``: flag overdue appeals and tell the park leaders; remind deadlines.

Run it daily (cron / systemd timer) or from the task worker; it is idempotent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from scipark.appeals.services import appeals_escalate, appeals_remind_deadlines


class Command(BaseCommand):
    help = "超期诉求督办(通知园区领导)并发送临期提醒"

    def handle(self, *args: Any, **options: Any) -> None:
        reminded = appeals_remind_deadlines()
        escalated = appeals_escalate()
        self.stdout.write(f"临期提醒 {reminded} 件,超期督办 {escalated} 件。")

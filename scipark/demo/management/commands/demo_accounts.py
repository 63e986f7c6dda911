"""``scipark demo_accounts``: print the demo accounts (username, role, where, password) as a table."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand

from scipark.demo.steps.accounts import demo_account_rows

HEADERS = ("用户名", "角色", "园区 / 部门 / 企业", "密码")


def display_width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters are two wide."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(rows: Sequence[tuple[str, ...]]) -> str:
    """A plain-text table with aligned columns (CJK aware)."""
    table = [HEADERS, *rows]
    widths = [max(display_width(row[i]) for row in table) for i in range(len(HEADERS))]
    lines = ["  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip() for row in table]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = "列出演示账号(用户名、角色、所属园区/部门/企业、密码)。"

    def handle(self, *args: Any, **options: Any) -> None:
        rows = demo_account_rows()
        if not rows:
            self.stdout.write("尚无演示账号:先运行 scipark demo。")
            return
        self.stdout.write("演示账号(仅用于演示,请勿用于生产环境):")
        self.stdout.write(format_table(rows))

"""What commands share about dates: ``--date`` read as the day the command acts on (default today)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone


def date_option(text: str) -> dt.date:
    """``2024-01-15`` → that day; empty → today in the park's time zone; anything else → a Chinese error."""
    if not text:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期“{text}”无法识别,应写作 年-月-日,如 2024-01-15。") from None

"""The tier rules' stored words (gaps, notes, routes, seeded rule names) in the UI language on a page."""

from __future__ import annotations

from typing import Any

from django import template

from ..wording import tier_text as _tier_text

register = template.Library()


@register.filter
def tier_text(value: Any) -> str:
    """``{{ gap.message|tier_text }}``: as stored in Chinese, translated on an English page."""
    return _tier_text("" if value is None else str(value))

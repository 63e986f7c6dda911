"""The tier rules' stored words (gaps, notes, routes, seeded rule names) and an incubator's criteria in the UI
language on a page."""

from __future__ import annotations

from typing import Any

from django import template

from ..wording import incubator_text as _incubator_text
from ..wording import tier_text as _tier_text

register = template.Library()


@register.filter
def tier_text(value: Any) -> str:
    """``{{ gap.message|tier_text }}``: as stored in Chinese, translated on an English page."""
    return _tier_text("" if value is None else str(value))


@register.filter
def incubator_text(value: Any) -> str:
    """``{{ check.detail|incubator_text }}``: an incubator criterion's name or detail in the UI language."""
    return _incubator_text("" if value is None else str(value))

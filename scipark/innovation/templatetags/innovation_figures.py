"""Figures as the park writes them on the innovation pages: thousands separators, empty as ``—``.

The Chinese locale groups no digits (Django's zh-Hans formats, ``intcomma`` included), so a graduate's
year of revenue read as ``1234567.89``; the archive and incubator pages format theirs in the view."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

register = template.Library()


@register.filter
def amount(value: Any) -> str:
    """An amount in 元: ``1234567.8`` → ``1,234,567.80``; empty → ``—``."""
    if value is None or value == "":
        return "—"
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    return f"{number:,.2f}"


@register.filter
def headcount(value: Any) -> str:
    """A number of people: ``1200`` → ``1,200``; empty → ``—``."""
    if value is None or value == "":
        return "—"
    return f"{value:,}" if isinstance(value, int) else str(value)

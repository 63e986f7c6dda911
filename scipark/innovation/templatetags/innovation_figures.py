"""Figures as the park writes them on the innovation pages: thousands separators, amounts in 万元 as the
forms take them, empty as ``—``.

The Chinese locale groups no digits (Django's zh-Hans formats, ``intcomma`` included), so a graduate's
year of revenue read as ``1234567.89``; the archive and incubator pages format theirs in the view."""

from __future__ import annotations

from typing import Any

from django import template

from scipark.core.money import wan_figure

register = template.Library()


@register.filter
def wan_list(value: Any) -> str:
    """An amount in 元 in 万元 to two places, as the lists show it (``12345678.9`` → ``1,234.57``);
    empty → ``—`` (``core.money.wan_figure``)."""
    return wan_figure(value, places=2)


@register.filter
def headcount(value: Any) -> str:
    """A number of people: ``1200`` → ``1,200``; empty → ``—``."""
    if value is None or value == "":
        return "—"
    return f"{value:,}" if isinstance(value, int) else str(value)

"""Amounts as the park writes them: 万元 as the forms take them, 元 with thousands separators, 亿元 to
two places.

The Chinese locale formats numbers without grouping (Django's zh-Hans formats), which made a 3亿 contract
read as ``300000000.00`` on the project page."""

from __future__ import annotations

from typing import Any

from django import template

from scipark.core.money import as_decimal, wan_figure

from ..computations import in_yi

register = template.Library()


@register.filter
def yuan(value: Any) -> str:
    """``300000000`` → ``300,000,000.00``; empty → ``—``."""
    number = as_decimal(value)
    return "—" if number is None else f"{number:,.2f}"


@register.filter
def wan(value: Any) -> str:
    """``300000000`` (元) → ``30,000`` (万元), with the decimals the value needs (``12345.67`` →
    ``1.234567``), as the forms take it; empty → ``—``."""
    return wan_figure(value)


@register.filter
def yi(value: Any) -> str:
    """``300000000`` (元) → ``3.00`` (亿元); empty → ``—``."""
    number = as_decimal(value)
    return "—" if number is None else f"{in_yi(number):,}"

"""Small helpers shared by the appeal pages."""

from __future__ import annotations

from typing import Any


def int_or_none(value: Any) -> int | None:
    """A query parameter as a number, or ``None`` when it is missing or not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None

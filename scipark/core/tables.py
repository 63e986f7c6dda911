"""Pieces the lists' tables share."""

from __future__ import annotations

from typing import Any

#: A table whose rows become cards on a phone (scipark.css ``table.sp-stack-sm``, ADR 0021's breakpoint): put
#: into a table's ``Meta.attrs``, it gives every cell its column's header as ``data-label``, which the card
#: writes beside the value once the header row is hidden (read when the table is drawn, so in the UI
#: language). A column with ``td`` attributes of its own keeps the label through :func:`labelled`.
STACK_ON_PHONE: dict[str, Any] = {"td": {"data-label": lambda bound_column: str(bound_column.header)}}


def labelled(attrs: dict[str, Any] | None = None) -> dict[str, Any]:
    """A column's own ``attrs`` with the ``data-label`` :data:`STACK_ON_PHONE` gives the others (a column
    with ``td`` attributes of its own replaces the table's, so its cells would lose their label)."""
    merged = dict(attrs or {})
    merged["td"] = {**STACK_ON_PHONE["td"], **merged.get("td", {})}
    return merged


def stacked_table(testid: str) -> dict[str, Any]:
    """A list table's ``Meta.attrs`` whose rows become cards on a phone (:data:`STACK_ON_PHONE`)."""
    return {
        "class": "table table-sm table-hover align-middle sp-stack-sm",
        "data-testid": testid,
        **STACK_ON_PHONE,
    }

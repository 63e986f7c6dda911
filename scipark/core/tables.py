"""Pieces the lists' tables share."""

from __future__ import annotations

from typing import Any

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

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


#: A column of figures: its cells right-aligned on a desktop (a phone's card puts them after their label,
#: scipark.css), keeping their label (``labelled``).
FIGURE: dict[str, Any] = labelled({"td": {"class": "text-end"}})

#: An unnamed column's attributes (a row's 修改, 确认 / 退回, 吊销 buttons): no header on a desktop, but a card
#: on a phone writes 操作 beside them, as every other line has its label; a row without buttons (a loan
#: already confirmed, a revoked key) has no such line (scipark.css ``td.sp-actions:empty``).
ACTIONS: dict[str, Any] = {"td": {"data-label": _("操作"), "class": "sp-actions"}}


class ActionsColumn(tables.TemplateColumn):
    """A row's buttons drawn by a template, as one element: a phone's card (``sp-stack-sm``) gives each element
    of a cell a line of its grid, so a second button would fall under the label. Nothing when the template
    draws nothing, so an empty cell stays empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("attrs", ACTIONS)
        kwargs.setdefault("verbose_name", "")
        kwargs.setdefault("orderable", False)
        super().__init__(*args, **kwargs)

    def render(self, *args: Any, **kwargs: Any) -> Any:
        html = super().render(*args, **kwargs)
        return format_html("<span>{}</span>", html) if html.strip() else ""

"""Pieces the lists' tables share."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import access
from .money import wan_figure

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


class EditLinkColumn(tables.Column):
    """A row's value as a link to its edit page (``viewname`` with the row's key) for a reader who may change
    that row, and as plain text for everyone else: a link that answers 403 is a dead end (crawling the demo
    as each persona found three lists — 年度目标, 诉求类别, Open311 服务属性 — drawing one for every reader).

    Who may change is the access mechanism's answer for ``CHANGE`` on the page's rows (:func:`changeable_keys`),
    asked once a page. A table whose edit page adds a rule of its own (the economy department's) says so in a
    ``may_change(user)`` method."""

    def __init__(self, viewname: str, *args: Any, **kwargs: Any) -> None:
        self.viewname = viewname
        super().__init__(*args, **kwargs)

    def render(self, value: Any, record: Any, table: Any) -> Any:
        if record.pk in changeable_keys(table):
            return format_html('<a href="{}">{}</a>', reverse(self.viewname, args=[record.pk]), value)
        return value


def changeable_keys(table: Any) -> frozenset[Any]:
    """The keys of the table's rows on this page that its reader may change (kept on the table: one answer a
    page). No query when the reader may change none of the model's rows or every one of them."""
    keys: frozenset[Any] | None = getattr(table, "_changeable_keys", None)
    if keys is None:
        keys = table._changeable_keys = _changeable(table)
    return keys


def _changeable(table: Any) -> frozenset[Any]:
    user = getattr(getattr(table, "request", None), "user", None)
    if user is None or not user.is_authenticated:
        return frozenset()
    may_change = getattr(table, "may_change", None)
    if may_change is not None and not may_change(user):
        return frozenset()
    page = getattr(table, "page", None)
    rows = page.object_list if page is not None else table.rows
    return access.reachable_keys(
        table._meta.model, user, access.Action.CHANGE, (row.record.pk for row in rows)
    )


class WanColumn(tables.Column):
    """An amount stored in 元, shown in 万元 to two places with thousands separators, as the forms take it
    (core.forms.WanYuanField); its header names 万元 (``wan_label``)."""

    def render(self, value: Decimal) -> str:
        return wan_figure(value, places=2)

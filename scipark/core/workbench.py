"""The workbench (工作台): what each person has to do today, gathered from the apps (issue 10, item 1).

Apps contribute callables ``(user) -> list[Todo]`` under ``workbench_todos`` on their ``AppConfig``; each
asks its own selectors with the user, so the access mechanism decides what is counted. Core imports no app.
A person whose roles all have a page of their own (a park leader: the cockpit; a zone viewer: the zone
cockpit) lands there instead; apps declare those under ``home_pages`` (role → URL name).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.functional import Promise

from . import access
from .contributions import contributed_objects, module_configs
from .history import ChangeGroup, readable_history


class Urgency(IntEnum):
    """How soon a to-do wants attention; the workbench lists the most urgent first."""

    OVERDUE = 0  # past its deadline
    DUE_SOON = 1  # due today or within three working days
    OPEN = 2  # waiting for the person, no deadline near
    INFO = 3  # worth knowing (unread messages)


@dataclass(frozen=True)
class Todo:
    """One line of the workbench: what, how many, where to do it."""

    module: str | Promise  # the module's name as the menu shows it (经济运行, 企业诉求 …)
    label: str | Promise  # what is waiting ("待受理的诉求")
    count: int
    url: str  # the list that shows exactly these records
    urgency: Urgency = Urgency.OPEN
    hint: str | Promise = ""  # e.g. the period ("2023年12月")

    @property
    def css(self) -> str:
        return {
            Urgency.OVERDUE: "danger",
            Urgency.DUE_SOON: "warning",
            Urgency.OPEN: "primary",
            Urgency.INFO: "secondary",
        }[self.urgency]


def todos_for(user: Any) -> list[Todo]:
    """Every app's to-dos for ``user`` with something waiting, most urgent first (then by module)."""
    found: list[Todo] = []
    for contribute in contributed_objects("workbench_todos"):
        found.extend(todo for todo in contribute(user) if todo.count > 0)
    return sorted(found, key=lambda todo: (todo.urgency, str(todo.module)))


@dataclass(frozen=True)
class KeyFigure:
    """One of the department's key figures on the workbench: what, its value as shown, a note."""

    label: str | Promise
    value: str
    note: str | Promise = ""
    level: str = ""  # "warning" when behind (completion below time progress), "muted" when missing
    url: str = ""


def key_figures_for(user: Any) -> list[KeyFigure]:
    """The key figures every app contributes for ``user`` (the reports app: the department's rows)."""
    found: list[KeyFigure] = []
    for contribute in contributed_objects("workbench_figures"):
        found.extend(contribute(user))
    return found


def recent_changes_for(user: Any, limit: int = 6) -> list[ChangeGroup]:
    """What the person changed last (their own entries of the change log), as a person reads them."""
    entries = LogEntry.objects.filter(actor_id=user.pk).select_related("content_type", "actor")
    return readable_history(entries.order_by("-timestamp", "-pk")[:limit])


def home_page_for(user: Any) -> str | None:
    """The URL of the page the user's roles land on instead of the workbench, when every role the user
    holds has one and they agree (someone who is also department staff keeps the workbench)."""
    pages: dict[str, str] = {}
    for config in module_configs():
        for role, url_name in config.home_pages.items():
            pages.setdefault(str(role), url_name)
    roles = {str(role) for role in access.scope_for(user).roles}
    if not roles or not roles <= pages.keys():
        return None
    targets = {pages[role] for role in roles}
    return reverse(targets.pop()) if len(targets) == 1 else None

"""Menu entries that apps declare on their AppConfig; shown only to users whose roles allow them."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise

from .access import Action, Domain


@dataclass(frozen=True)
class MenuItem:
    """One entry of the side menu."""

    label: str | Promise
    url_name: str
    domain: Domain
    icon: str = "bi-circle"
    action: Action = Action.VIEW
    order: int = 100

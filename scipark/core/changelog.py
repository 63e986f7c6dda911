"""The change log: django-auditlog records every create/update/delete of business models (who, when,
request id, before -> after); this module decides which models that is and makes the log append-only.

Every concrete model of a scipark app is logged by inheritance: core's ``ready()`` registers it with
django-auditlog, so a new model is logged without anyone remembering to. A model that needs options, or
is not business data, says so with one class attribute::

    changelog = ChangeLog(m2m_fields={"tags"})            # logged, with its many-to-many changes
    changelog = ChangeLog(exclude_fields=("key_hash",))   # logged, without a secret
    changelog = ChangeLog.off("派生数据:由月报重算")         # not logged, and why

The migration ``core.0002_append_only`` adds the database triggers behind the append-only rule.

The audit admin reads the log to see who changed which fields of what, and when — not the business data
itself (SECURITY.md rows 4, 10, 20). A model declares the fields whose *values* are masked there, next to
the fields, and nothing else has to know about it::

    CONFIDENTIAL_FIELDS = ("revenue", "profit")         # one enterprise's statistics (统计法)
    PERSONAL_FIELDS = {"phone": "企业联络:通知送达"}      # personal data, with its purpose (PIPL inventory)

:func:`masked_fields` reads both. Unmasked values are for the business roles that keep the data, on their
own pages, where viewing them is audited (VIEW_CONFIDENTIAL / VIEW_PERSONAL).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from auditlog.registry import auditlog
from django.db.models import Model
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from .contributions import module_configs


@dataclass(frozen=True)
class ChangeLog:
    """How a model appears in the change log: declare it as the model's ``changelog`` attribute."""

    m2m_fields: Collection[str] = field(default_factory=frozenset)
    exclude_fields: Collection[str] = ()
    #: Why the model is not logged; empty for a logged model.
    reason: str = ""

    @classmethod
    def off(cls, reason: str) -> ChangeLog:
        """Not logged; ``reason`` says why (derived data, the log's own tables, deliveries …)."""
        if not reason.strip():
            raise ValueError("a model left out of the change log must say why")
        return cls(reason=reason)

    @property
    def logged(self) -> bool:
        return not self.reason


LOGGED = ChangeLog()


def declared(model: type[Model]) -> ChangeLog:
    """The model's declaration; a model that declares nothing is logged with no options."""
    value = getattr(model, "changelog", LOGGED)
    if not isinstance(value, ChangeLog):
        raise TypeError(f"{model._meta.label}.changelog must be a ChangeLog, not {type(value).__name__}")
    return value


def business_models() -> list[type[Model]]:
    """Every concrete model the scipark apps define (through tables of many-to-many fields are not)."""
    return [
        model
        for config in module_configs()
        for model in config.get_models()
        if not model._meta.proxy and not model._meta.auto_created
    ]


class Masked(StrEnum):
    """Why a field's values are masked for the audit admin."""

    CONFIDENTIAL = "confidential"  # individual statistics: 统计法
    PERSONAL = "personal"  # personal data: PIPL


def masked_fields(model: type[Model]) -> dict[str, Masked]:
    """The fields of ``model`` whose values the change log masks for the audit admin, and why: its
    ``CONFIDENTIAL_FIELDS`` and the ``PERSONAL_FIELDS`` of the personal-data inventory."""
    fields = dict.fromkeys(getattr(model, "CONFIDENTIAL_FIELDS", ()), Masked.CONFIDENTIAL)
    fields.update(dict.fromkeys(getattr(model, "PERSONAL_FIELDS", {}), Masked.PERSONAL))
    return fields


def masks_name(model: type[Model]) -> bool:
    """Whether a row of ``model`` is named in the log by its kind and key instead of its text: a model with
    masked fields may well print them in its name (a contact's name, a quantity of energy), unless it says
    its name is none of them (``NAME_SHOWS_NO_MASKED_FIELD``: an enterprise is named by its registered name,
    never by its legal representative)."""
    if getattr(model, "NAME_SHOWS_NO_MASKED_FIELD", False):
        return False
    return bool(masked_fields(model))


def register(models: Iterable[type[Model]]) -> None:
    """Register each logged model with django-auditlog under its declared options."""
    for model in models:
        declaration = declared(model)
        if declaration.logged:
            auditlog.register(
                model,
                m2m_fields=set(declaration.m2m_fields),
                exclude_fields=list(declaration.exclude_fields),
            )


@receiver(pre_save, sender="auditlog.LogEntry")
def _refuse_changelog_update(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    if not instance._state.adding:
        raise PermissionError("变更日志只能追加,不能修改。")


# Senders by label: models (core's among them) import ``ChangeLog`` from here while they load.
@receiver(pre_delete, sender="auditlog.LogEntry")
@receiver(pre_delete, sender="core.AuditEvent")
def _refuse_log_delete(sender: type[Model], instance: Any, **kwargs: Any) -> None:
    raise PermissionError("日志只能追加,不能删除。")

"""Keep the search index current: every save and delete of a library row or a registry enterprise."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models.signals import post_delete, post_save

from scipark.core import search as core_search

from . import search
from .libraries import LIBRARIES


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if raw:  # fixtures: the index is rebuilt by the command
        return
    # In the same transaction as the write: a rolled-back write leaves no entry behind.
    search.index_rows([instance])


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    search.drop_row(instance)


def connect() -> None:
    # The registry and the import pipeline reach this index through core (domain apps do not import each other).
    core_search.provide(
        core_search.Provider(
            index_rows=search.index_rows,
            index_ids=search.index_ids,
            name_candidates=search.registry_candidates,
            reindex=search.reindex,
        )
    )
    for model in [lib.model for lib in LIBRARIES] + [apps.get_model("enterprises", "Enterprise")]:
        post_save.connect(_saved, sender=model, dispatch_uid=f"innovation-index-{model._meta.label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"innovation-unindex-{model._meta.label}")

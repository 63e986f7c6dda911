"""The shared Chinese search index, as core sees it (ADR 0014): one place every app and the import pipeline
call, whichever app keeps the index.

Domain apps do not import each other, so the registry (``enterprises``) and ``core.imports`` reach the
character-bigram index through here. The app that keeps it (``innovation``: ``SearchEntry`` and its
postings) registers its functions when it is ready (:func:`provide`); without it, :func:`index_rows` does
nothing and :func:`name_candidates` answers ``None`` (callers then scan as they would without an index).

- :func:`index_rows` — write or rewrite the entries of rows just written (a bulk importer calls it with
  each chunk it wrote with ``bulk_create``, which sends no signal; single saves are indexed by signals);
- :func:`index_ids` — the same for a model and primary keys;
- :func:`name_candidates` — the enterprises within the user's reach whose name or short name may contain a
  Han word (a superset to check exactly), or ``None`` when the index cannot narrow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Provider:
    """The index keeper's functions."""

    index_rows: Callable[[Iterable[Any]], int]
    index_ids: Callable[[type[Any], Iterable[int]], int]
    name_candidates: Callable[..., list[int] | None]
    reindex: Callable[[], int]


_provider: list[Provider] = []


def provide(provider: Provider) -> None:
    """Register the index keeper (its app's ``ready``); a second call replaces the first."""
    _provider[:] = [provider]


def index_rows(rows: Iterable[Any]) -> int:
    """Index (or re-index) these rows, in a few statements per batch; rows of models not searched are skipped."""
    return _provider[0].index_rows(rows) if _provider else 0


def index_ids(model: type[Any], ids: Iterable[int]) -> int:
    """Index the rows of ``model`` with these primary keys."""
    return _provider[0].index_ids(model, ids) if _provider else 0


def name_candidates(*, user: Any, word: str) -> list[int] | None:
    """Enterprise ids within reach whose name or short name may contain ``word``; ``None``: cannot say."""
    return _provider[0].name_candidates(user=user, word=word) if _provider else None


def reindex() -> int:
    """Rebuild the whole index."""
    return _provider[0].reindex() if _provider else 0

"""One Chinese full-text search across the libraries and the registry (ADR 0014).

Index: a ``SearchEntry`` per row and its bigram postings (``searchtext``), written on every save and delete
(signals, connected in ``apps.ready``) and by imports; ``reindex`` rebuilds everything (``scipark
search_reindex``). Query: the user's reach becomes a filter on the postings' park and enterprise columns
*before* anything is ranked; a row matches when it holds every query token; the score is the sum of the
matched tokens' weights (title ×3), ties by newest row. The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Sum

from scipark.core import access

from .libraries import BY_MODEL, FACET_LABELS, LIBRARIES, REGISTRY, enterprise_model, text_of
from .models import SearchEntry, SearchPosting
from .searchtext import highlight, query_tokens, snippet, weighted

TITLE_WEIGHT = 3
LIMIT = 20


def _document(row: Any) -> tuple[str, int | None, str, str] | None:
    """(library, enterprise id, title, body) of a row, or ``None`` for a model that is not searched."""
    library = BY_MODEL.get(type(row))
    if library is not None:
        enterprise_id = getattr(row, f"{library.enterprise_field}_id") if library.enterprise_field else None
        title = text_of(row, library.title)
        if library.personal:
            # A person's name is never indexed: the search shows the field, not who.
            title = f"{library.label}:{title}"
        return library.slug, enterprise_id, title, text_of(row, library.body)
    if type(row) is enterprise_model():
        body = " ".join(filter(None, [row.short_name, row.description, row.address]))
        return REGISTRY, row.pk, row.name, body
    return None


def _postings(entry: SearchEntry) -> list[SearchPosting]:
    tokens = weighted([(entry.title, TITLE_WEIGHT), (entry.body, 1)])
    return [
        SearchPosting(
            entry=entry, token=t, weight=w, park_id=entry.park_id, enterprise_id=entry.enterprise_id
        )
        for t, w in tokens.items()
    ]


def index_rows(rows: Iterable[Any]) -> int:
    """Write (or rewrite) the entries of ``rows``; returns how many were indexed."""
    made = 0
    with transaction.atomic():
        for row in rows:
            doc = _document(row)
            if doc is None:
                continue
            library, enterprise_id, title, body = doc
            entry, _created = SearchEntry.objects.update_or_create(
                library=library, object_id=row.pk,
                defaults={"park_id": row.park_id, "enterprise_id": enterprise_id, "title": title[:300], "body": body},
            )  # fmt: skip
            SearchPosting.objects.filter(entry=entry).delete()
            SearchPosting.objects.bulk_create(_postings(entry))
            made += 1
    return made


def drop_row(row: Any) -> None:
    """Remove a deleted row from the index."""
    doc = _document(row)
    if doc is not None:
        SearchEntry.objects.filter(library=doc[0], object_id=row.pk).delete()


def reindex(*, batch: int = 2000) -> int:
    """Rebuild the whole index from the libraries and the registry."""
    with transaction.atomic():
        SearchPosting.objects.all().delete()
        SearchEntry.objects.all().delete()
        total = 0
        for model in [lib.model for lib in LIBRARIES] + [enterprise_model()]:
            rows = model._default_manager.order_by("pk")
            for start in range(0, rows.count(), batch):
                total += _bulk_index(list(rows[start : start + batch]))
    return total


def _bulk_index(rows: list[Any]) -> int:
    entries = []
    for row in rows:
        doc = _document(row)
        if doc is not None:
            library, enterprise_id, title, body = doc
            entries.append(SearchEntry(library=library, object_id=row.pk, park_id=row.park_id,
                                       enterprise_id=enterprise_id, title=title[:300], body=body))  # fmt: skip
    SearchEntry.objects.bulk_create(entries)
    # bulk_create sets primary keys on SQLite ≥ 3.35 and PostgreSQL; look them up where it does not.
    if entries and entries[0].pk is None:
        ids = dict(
            SearchEntry.objects.filter(library=entries[0].library, object_id__in=[e.object_id for e in entries]).values_list("object_id", "pk")
        )  # fmt: skip
        for e in entries:
            e.pk = ids[e.object_id]
    postings = [p for e in entries for p in _postings(e)]
    SearchPosting.objects.bulk_create(postings, batch_size=5000)
    return len(entries)


# --- the query -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    library: str
    library_label: str
    object_id: int
    title_html: str
    snippet_html: str
    score: int


@dataclass(frozen=True)
class Results:
    query: str
    hits: list[Hit]
    facets: list[tuple[str, str, int]]
    total: int


def search(*, user: Any, query: str, library: str | None = None, limit: int = LIMIT) -> Results:
    """The top ``limit`` rows matching every token of ``query`` within the user's reach, and the facets."""
    tokens = query_tokens(query)
    if not tokens:
        return Results(query, [], [], 0)
    # The access mechanism's filter on the postings' scope columns: applied before anything is ranked.
    reachable = access.restrict(SearchPosting.objects.all(), user, access.Action.VIEW)
    matching = (
        reachable.filter(token__in=tokens)
        .values("entry_id")
        .annotate(n=Count("token"), score=Sum("weight"))
        .filter(n=len(tokens))
    )
    entries = SearchEntry.objects.filter(pk__in=matching.values("entry_id"))
    facets_rows = dict(entries.values("library").annotate(n=Count("pk")).values_list("library", "n"))
    facets = [
        (slug, label, facets_rows[slug]) for slug, label in FACET_LABELS.items() if facets_rows.get(slug)
    ]
    if library:
        matching = matching.filter(entry__library=library)
    top = list(matching.order_by("-score", "-entry_id")[:limit])
    rows = {e.pk: e for e in SearchEntry.objects.filter(pk__in=[t["entry_id"] for t in top])}
    hits = []
    for t in top:
        e = rows[t["entry_id"]]
        hits.append(Hit(
            e.library, FACET_LABELS.get(e.library, e.library), e.object_id, highlight(e.title, query),
            highlight(snippet(e.body, query), query), int(t["score"]),
        ))  # fmt: skip
    return Results(
        query, hits, facets, sum(n for _s, _l, n in facets) if not library else facets_rows.get(library, 0)
    )

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

from django.db import connection, transaction
from django.db.models import Count, Sum

from scipark.core import access

from .libraries import BY_MODEL, FACET_LABELS, LIBRARIES, REGISTRY, enterprise_model, text_of
from .models import SearchEntry, SearchPosting
from .searchtext import highlight, is_han_run, query_tokens, snippet, weighted

TITLE_WEIGHT = 3
LIMIT = 20
#: rows indexed per batch of statements
BATCH = 2000


@dataclass(frozen=True)
class Document:
    """What the index keeps of one row: where it belongs, the text shown, and the weighted text searched."""

    library: str
    enterprise_id: int | None
    title: str
    body: str
    #: (text, weight) per field; the title and, for the registry, the short name weigh ``TITLE_WEIGHT``
    fields: tuple[tuple[str, int], ...]


def _document(row: Any) -> Document | None:
    """The document of a row, or ``None`` for a model that is not searched."""
    library = BY_MODEL.get(type(row))
    if library is not None:
        enterprise_id = getattr(row, f"{library.enterprise_field}_id") if library.enterprise_field else None
        title = text_of(row, library.title)
        if library.personal:
            # A person's name is never indexed: the search shows the field, not who.
            title = f"{library.label}:{title}"
        body = text_of(row, library.body)
        return Document(library.slug, enterprise_id, title, body, ((title, TITLE_WEIGHT), (body, 1)))
    if type(row) is enterprise_model():
        # The registry: name and short name weigh as a title, so that the registry's own search (names
        # only) can ask for tokens of weight ≥ TITLE_WEIGHT; description and address count once.
        rest = " ".join(filter(None, [row.description, row.address]))
        body = " ".join(filter(None, [row.short_name, rest]))
        fields = ((row.name, TITLE_WEIGHT), (row.short_name or "", TITLE_WEIGHT), (rest, 1))
        return Document(REGISTRY, row.pk, row.name, body, fields)
    return None


def _insert_postings(pairs: Iterable[tuple[SearchEntry, Document]]) -> None:
    """Insert the postings of these entries: plain tuples through ``executemany`` (a posting is a handful
    of columns, and model instances cost more than the insert itself at a million rows)."""
    table = connection.ops.quote_name(SearchPosting._meta.db_table)
    columns = "entry_id, token, weight, park_id, enterprise_id"
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s)"  # noqa: S608 -- the model's own table; values bound
    values = [
        (entry.pk, token, min(weight, 32767), entry.park_id, entry.enterprise_id)
        for entry, doc in pairs
        for token, weight in weighted(doc.fields).items()
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(values), 10_000):
            cursor.executemany(sql, values[start : start + 10_000])


def index_rows(rows: Iterable[Any]) -> int:
    """Write (or rewrite) the entries of ``rows`` in a few statements per batch; returns how many were indexed.

    The one call for every writer: the signals pass one row, an importer passes a chunk of rows it wrote
    in bulk (``bulk_create`` sends no signal). Rows of models that are not searched are skipped."""
    made = 0
    with transaction.atomic():
        batch: list[Any] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                made += _index_batch(batch)
                batch = []
        if batch:
            made += _index_batch(batch)
    return made


def index_ids(model: type[Any], ids: Iterable[int], *, batch: int = 0) -> int:
    """Index the rows of ``model`` with these primary keys (for a writer that holds ids, not rows)."""
    ids = list(ids)
    size = batch or BATCH
    made = 0
    for start in range(0, len(ids), size):
        made += index_rows(model._default_manager.filter(pk__in=ids[start : start + size]).order_by("pk"))
    return made


def _index_batch(rows: list[Any]) -> int:
    docs = [(row, doc) for row in rows if (doc := _document(row)) is not None]
    by_library: dict[str, list[int]] = {}
    for row, doc in docs:
        by_library.setdefault(doc.library, []).append(row.pk)
    existing: dict[tuple[str, int], SearchEntry] = {}
    for library, ids in by_library.items():
        for stored in SearchEntry.objects.filter(library=library, object_id__in=ids):
            existing[(library, stored.object_id)] = stored
    fresh: list[SearchEntry] = []
    changed: list[SearchEntry] = []
    pairs: list[tuple[SearchEntry, Document]] = []
    for row, doc in docs:
        found = existing.get((doc.library, row.pk))
        values = {"park_id": row.park_id, "enterprise_id": doc.enterprise_id, "title": doc.title[:300], "body": doc.body}  # fmt: skip
        if found is None:
            entry = SearchEntry(library=doc.library, object_id=row.pk, **values)
            fresh.append(entry)
        else:
            entry = found
            for name, value in values.items():
                setattr(entry, name, value)
            changed.append(entry)
        pairs.append((entry, doc))
    if changed:
        SearchPosting.objects.filter(entry__in=[e.pk for e in changed]).delete()
        SearchEntry.objects.bulk_update(changed, ["park_id", "enterprise_id", "title", "body"])
    if fresh:
        _create_entries(fresh)
    _insert_postings(pairs)
    return len(pairs)


def _create_entries(entries: list[SearchEntry]) -> None:
    SearchEntry.objects.bulk_create(entries)
    # bulk_create sets primary keys on SQLite ≥ 3.35 and PostgreSQL; look them up where it does not.
    missing = [e for e in entries if e.pk is None]
    for library in {e.library for e in missing}:
        some = [e for e in missing if e.library == library]
        ids = dict(
            SearchEntry.objects.filter(library=library, object_id__in=[e.object_id for e in some]).values_list("object_id", "pk")
        )  # fmt: skip
        for e in some:
            e.pk = ids[e.object_id]


def drop_row(row: Any) -> None:
    """Remove a deleted row from the index."""
    doc = _document(row)
    if doc is not None:
        SearchEntry.objects.filter(library=doc.library, object_id=row.pk).delete()


def reindex(*, batch: int = 2000) -> int:
    """Rebuild the whole index from the libraries and the registry (every model, read by primary key)."""
    with transaction.atomic():
        # Plain DELETEs: the collector would read every entry's key first to cascade to the postings.
        SearchPosting.objects.all()._raw_delete(SearchPosting.objects.db)
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        total = 0
        for model in [lib.model for lib in LIBRARIES] + [enterprise_model()]:
            last = 0
            while True:
                rows = list(model._default_manager.filter(pk__gt=last).order_by("pk")[:batch])
                if not rows:
                    break
                last = rows[-1].pk
                docs = [(row, doc) for row in rows if (doc := _document(row)) is not None]
                entries = [
                    SearchEntry(library=doc.library, object_id=row.pk, park_id=row.park_id,
                                enterprise_id=doc.enterprise_id, title=doc.title[:300], body=doc.body)
                    for row, doc in docs
                ]  # fmt: skip
                _create_entries(entries)
                _insert_postings((e, doc) for e, (_row, doc) in zip(entries, docs, strict=True))
                total += len(entries)
    # Fresh statistics: without them SQLite's planner walks a park's names in order instead of looking
    # the search's few candidates up by key (PostgreSQL's autovacuum would get there later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return total


# --- the registry's name search --------------------------------------------------------------------------

#: Above this many postings for every token of a word, the index does not narrow enough: the caller
#: falls back to its LIKE scan for that word (no slower than without the index).
REGISTRY_CAP = 5000


def registry_candidates(*, user: Any, word: str, cap: int = REGISTRY_CAP) -> list[int] | None:
    """Enterprises within the user's reach whose name or short name may contain the Han ``word``.

    A superset (every bigram of the word is in the name or short name, not necessarily adjacent): the
    caller checks the few candidates with its exact condition. ``None`` when the index cannot answer —
    not a run of two or more Han characters, or a word so common that every bigram has over ``cap``
    postings — and the caller scans as before. The reach (the registry's domain, on the postings' park
    and enterprise columns) is applied before anything is read."""
    if len(word) < 2 or not is_han_run(word):
        return None
    bigrams = [word[i : i + 2] for i in range(0, len(word) - 1, 2)]
    if len(word) % 2:  # the last character is covered by the last bigram
        bigrams.append(word[-2:])
    reachable = access.restrict(
        SearchPosting.objects.all(), user, access.Action.VIEW, domain=access.Domain.ENTERPRISES
    )
    found: set[int] | None = None
    for token in dict.fromkeys(bigrams):
        ids = list(
            reachable.filter(token=token, weight__gte=TITLE_WEIGHT, enterprise_id__isnull=False).values_list(
                "enterprise_id", flat=True
            )[: cap + 1]
        )
        if len(ids) > cap:
            continue  # too common to narrow: the other bigrams (or the caller's scan) decide
        found = set(ids) if found is None else found & set(ids)
        if not found:
            return []
    return None if found is None else sorted(found)


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

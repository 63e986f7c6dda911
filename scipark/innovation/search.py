"""One Chinese full-text search across the libraries and the registry (ADR 0014).

Index: a ``SearchEntry`` per row and its bigram postings (``searchtext``), written on every save and delete
(signals, connected in ``apps.ready``) and by imports; ``reindex`` rebuilds everything (``scipark
search_reindex``). Query: the user's reach becomes a filter on the postings' park and enterprise columns
*before* anything is ranked; a row matches when it holds every query token; the score is the sum of the
matched tokens' weights (title ×3), ties by newest row. The same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from scipark.core import access
from scipark.core.imports.bulk import insert_returning, insert_rows

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


POSTING_COLUMNS = ("entry_id", "token", "weight", "park_id", "enterprise_id")


def _posting_rows(
    entry_id: int, park_id: int, enterprise_id: int | None, doc: Document
) -> list[tuple[int, str, int, int, int | None]]:
    return [
        (entry_id, token, min(weight, 32767), park_id, enterprise_id)
        for token, weight in weighted(doc.fields).items()
    ]


def _insert_postings(entries: Iterable[tuple[int, int, int | None, Document]]) -> None:
    """Insert the postings of these saved entries, given as (entry id, park id, enterprise id, document).

    In entry order, as they come (new entries have the highest keys: the (entry, token) index and the table
    grow at their end); sorting by token instead made a 100,000-row import's postings slower on SQLite."""
    rows = [r for entry_id, park_id, enterprise_id, doc in entries for r in _posting_rows(entry_id, park_id, enterprise_id, doc)]  # fmt: skip
    insert_rows(SearchPosting, POSTING_COLUMNS, rows)


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
    fresh: list[tuple[Any, Document]] = []
    changed: list[SearchEntry] = []
    entries: list[tuple[int, int, int | None, Document]] = []
    for row, doc in docs:
        found = existing.get((doc.library, row.pk))
        if found is None:
            fresh.append((row, doc))
            continue
        found.park_id, found.enterprise_id, found.title, found.body = row.park_id, doc.enterprise_id, doc.title[:300], doc.body  # fmt: skip
        changed.append(found)
        entries.append((found.pk, row.park_id, doc.enterprise_id, doc))
    if changed:
        SearchPosting.objects.filter(entry__in=[e.pk for e in changed]).delete()
        SearchEntry.objects.bulk_update(changed, ["park_id", "enterprise_id", "title", "body"])
    if fresh:
        entries.extend(_create_entries(fresh))
    _insert_postings(entries)
    return len(entries)


#: A new entry's columns (the key comes back from the insert).
NEW_ENTRY_COLUMNS = ("created_at", "updated_at", "version", "park_id", "library", "object_id", "enterprise_id", "title", "body")  # fmt: skip


def _create_entries(fresh: list[tuple[Any, Document]]) -> list[tuple[int, int, int | None, Document]]:
    """Insert the entries of rows not indexed yet, as plain rows (no instance, no per-value preparation);
    returns each one's (entry id, park id, enterprise id, document), the keys read back by the insert."""
    now = SearchEntry._meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
    values = [(now, now, 1, row.park_id, doc.library, row.pk, doc.enterprise_id, doc.title[:300], doc.body) for row, doc in fresh]  # fmt: skip
    keys = {
        (library, object_id): pk
        for pk, library, object_id in insert_returning(
            SearchEntry, NEW_ENTRY_COLUMNS, values, returning=("id", "library", "object_id")
        )
    }
    return [(keys[(doc.library, row.pk)], row.park_id, doc.enterprise_id, doc) for row, doc in fresh]


def drop_row(row: Any) -> None:
    """Remove a deleted row from the index."""
    doc = _document(row)
    if doc is not None:
        SearchEntry.objects.filter(library=doc.library, object_id=row.pk).delete()


def _posting_indexes(*, create: bool) -> None:
    """Drop or create the postings' indexes (a rebuild inserts millions of rows: building an index once
    from sorted rows is several times faster than keeping it in order on every insert)."""
    editor = connection.schema_editor()
    with connection.cursor() as cursor:
        for index in SearchPosting._meta.indexes:
            if create:
                cursor.execute(str(index.create_sql(SearchPosting, editor)))
            else:
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(str(index.name))}")


ENTRY_COLUMNS = ("id", "created_at", "updated_at", "version", "park_id", "library", "object_id", "enterprise_id", "title", "body")  # fmt: skip


def reindex(*, batch: int = 2000) -> int:
    """Rebuild the whole index from the libraries and the registry (every model, read by primary key).

    In one transaction, as plain rows with the entries' keys numbered here (no ``RETURNING`` round trip,
    no model instances) and the postings' indexes built once at the end: searches meanwhile see the old
    index (on PostgreSQL they wait for the new one)."""
    with transaction.atomic():
        first = (SearchEntry.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        _posting_indexes(create=False)
        # Plain DELETEs: the collector would read every entry's key first to cascade to the postings.
        SearchPosting.objects.all()._raw_delete(SearchPosting.objects.db)
        SearchEntry.objects.all()._raw_delete(SearchEntry.objects.db)
        now = SearchEntry._meta.get_field("created_at").get_db_prep_value(timezone.now(), connection)
        next_id = first
        for model in [lib.model for lib in LIBRARIES] + [enterprise_model()]:
            last = 0
            while True:
                rows = list(model._default_manager.filter(pk__gt=last).order_by("pk")[:batch])
                if not rows:
                    break
                last = rows[-1].pk
                entries, postings = [], []
                for row in rows:
                    doc = _document(row)
                    if doc is None:
                        continue
                    entries.append((next_id, now, now, 1, row.park_id, doc.library, row.pk, doc.enterprise_id,
                                    doc.title[:300], doc.body))  # fmt: skip
                    postings.extend(_posting_rows(next_id, row.park_id, doc.enterprise_id, doc))
                    next_id += 1
                insert_rows(SearchEntry, ENTRY_COLUMNS, entries)
                insert_rows(SearchPosting, POSTING_COLUMNS, postings)
        _posting_indexes(create=True)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [SearchEntry]):
                cursor.execute(sql)
    # Fresh statistics: without them SQLite's planner walks a park's names in order instead of looking
    # the search's few candidates up by key; on PostgreSQL VACUUM also lets the ordered posting lists be
    # read from the index alone (outside a transaction only: in one, ANALYZE).
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(SearchPosting._meta.db_table)}")
            cursor.execute(f"ANALYZE {connection.ops.quote_name(SearchEntry._meta.db_table)}")
        else:
            cursor.execute("ANALYZE")
    return next_id - first


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

#: The most postings of one token read per search (ordered by weight, then newest): the top of a frequent
#: bigram is read without ranking its whole list. Results are exact whenever the query's rarest token has at
#: most this many postings within the user's reach (and always for a one-token query); above it, the ranked
#: candidates are the rarest token's ``CAP`` best-weighted newest postings, and ``total`` and the facets are
#: counts among them (``Results.capped``).
CAP = 1000


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
    #: the counts stop at ``CAP``: there may be more rows than ``total`` (show it as "1000+")
    capped: bool = False


#: The reach as SQL on the postings' own columns (``"table"."park_id" = %s OR …``) and its parameters.
Reach = tuple[str, tuple[Any, ...]]


def _reach(user: Any) -> Reach | None:
    """The access mechanism's restriction of the postings, compiled once per search (``None``: no rows)."""
    q = access.restriction(SearchPosting, user, access.Action.VIEW)
    if q is None:
        return None
    if not q:
        return "1 = 1", ()
    query = SearchPosting.objects.filter(q).query
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "1 = 1", ()
    return sql, tuple(params)


def _tables() -> tuple[str, str]:
    quote = connection.ops.quote_name
    return quote(SearchPosting._meta.db_table), quote(SearchEntry._meta.db_table)


def _capped_counts(reach: Reach, tokens: list[str], cap: int) -> list[int]:
    """Each token's postings within reach, counted up to ``cap + 1`` (one statement, index ranges only)."""
    postings, _entries = _tables()
    where, where_params = reach
    parts: list[str] = []
    params: list[Any] = []
    for i, token in enumerate(tokens):
        parts.append(
            f"SELECT {i} AS i, COUNT(*) AS n FROM (SELECT 1 AS one FROM {postings}"  # noqa: S608 -- our SQL; values bound
            f" WHERE {postings}.token = %s AND ({where}) LIMIT %s) c{i}"
        )
        params.extend([token, *where_params, cap + 1])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found = dict(cursor.fetchall())
    return [int(found[i]) for i in range(len(tokens))]


def _matches(
    reach: Reach, driver: str, others: list[str], cap: int, library: str | None
) -> list[tuple[int, int, str]]:
    """(entry, score, library) of the entries holding every token: the driver's first ``cap`` postings in
    index order (weight, newest entry), each probed by key for the other tokens."""
    postings, entries = _tables()
    where, where_params = reach
    of_library = f" JOIN {entries} le ON le.id = {postings}.entry_id AND le.library = %s" if library else ""
    lead = (
        f"SELECT {postings}.entry_id AS entry_id, {postings}.weight AS weight FROM {postings}{of_library}"  # noqa: S608 -- our SQL; values bound
        f" WHERE {postings}.token = %s AND ({where})"
        f" ORDER BY {postings}.weight DESC, {postings}.entry_id DESC LIMIT %s"
    )
    # Each probe a correlated lookup by (entry, token): a plan of key lookups on both databases, where a
    # join let PostgreSQL's planner, misjudging a common bigram, hash the whole posting list instead.
    probes = "".join(
        f", (SELECT p.weight FROM {postings} p WHERE p.entry_id = d.entry_id AND p.token = %s) AS w{i}"  # noqa: S608 -- our SQL; values bound
        for i in range(len(others))
    )
    library_of = f"(SELECT e.library FROM {entries} e WHERE e.id = d.entry_id)"  # noqa: S608 -- our SQL
    present = "".join(f" AND w{i} IS NOT NULL" for i in range(len(others)))
    sql = (
        f"SELECT * FROM (SELECT d.entry_id, {library_of} AS library, d.weight AS w{probes}"  # noqa: S608 -- our SQL; values bound
        f" FROM ({lead}) d) x WHERE 1 = 1{present}"
    )
    params = (*others, *([library] if library else []), driver, *where_params, cap)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(row[0]), sum(int(w) for w in row[2:]), str(row[1])) for row in cursor.fetchall()]


def search(
    *, user: Any, query: str, library: str | None = None, limit: int = LIMIT, cap: int = CAP
) -> Results:
    """The top ``limit`` rows matching every token of ``query`` within the user's reach, and the facets.

    The reach is a filter on the postings' own park and enterprise columns, applied inside the index scan
    that reads the candidates: nothing outside it is ranked. Score: the sum of the matched tokens'
    weights (title ×3); ties by the newest entry."""
    tokens = query_tokens(query)
    reach = _reach(user) if tokens else None
    if reach is None:
        return Results(query, [], [], 0)
    counts = _capped_counts(reach, tokens, cap) if len(tokens) > 1 else [0]
    if min(counts) == 0 and len(tokens) > 1:
        return Results(query, [], [], 0)
    # The rarest token leads: its (short) list is read in index order and the others are probed by key.
    driver = tokens[counts.index(min(counts))]
    others = [t for t in tokens if t != driver]
    found = _matches(reach, driver, others, cap, None)
    capped = (len(tokens) == 1 and len(found) >= cap) or min(counts) > cap
    per_library = Counter(lib for _e, _s, lib in found)
    facets = [
        (slug, label, per_library[slug]) for slug, label in FACET_LABELS.items() if per_library.get(slug)
    ]
    if library:
        # Read the library's own candidates: a library ranked below the cap still shows its top rows.
        found = (
            _matches(reach, driver, others, cap, library) if capped else [f for f in found if f[2] == library]
        )
    top = sorted(found, key=lambda f: (-f[1], -f[0]))[:limit]
    shown = SearchEntry.objects.filter(pk__in=[e for e, _s, _l in top])
    rows: dict[int, tuple[str, int, str, str]] = {
        pk: (slug, object_id, title, body)
        for pk, slug, object_id, title, body in shown.values_list(
            "pk", "library", "object_id", "title", "body"
        )
    }
    hits = []
    for entry_id, score, _lib in top:
        slug, object_id, title, body = rows[entry_id]
        hits.append(Hit(
            slug, FACET_LABELS.get(slug, slug), object_id, highlight(title, query),
            highlight(snippet(body, query), query), score,
        ))  # fmt: skip
    total = per_library.get(library, 0) if library else len(found)
    return Results(query, hits, facets, total, capped)

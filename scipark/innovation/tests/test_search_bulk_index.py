"""A chunk indexed in bulk (an import's ``index_rows``): the new entries' keys come back from their insert, in
batches, and every posting belongs to its own row's entry — more rows than one insert batch, with rows already
indexed among them (run with TEST_DATABASE_URL for PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.core.imports import bulk
from scipark.innovation import search
from scipark.innovation.models import SearchEntry, SearchPosting, TechDemand

pytestmark = pytest.mark.django_db


def test_a_chunk_larger_than_an_insert_batch_gets_each_row_its_own_entry(
    world: Any, inn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = TechDemand.objects.bulk_create(
        TechDemand(
            park_id=world.park.pk,
            enterprise=world.enterprise,
            title=f"需求{n}号青稞",
            description=f"描述{n}",
            published_on=dt.date(2023, 5, 1),
        )
        for n in range(7)
    )
    # One already indexed (re-indexed in place), the rest new; batches of 3 rows force three inserts.
    search.index_rows(made[:1])
    SearchEntry.objects.filter(object_id=made[0].pk).update(title="旧标题")
    real = bulk.insert_returning
    monkeypatch.setattr(search, "insert_returning", lambda *a, **kw: real(*a, **{**kw, "batch": 3}))
    assert search.index_rows(made) == 7
    entries = {e.object_id: e for e in SearchEntry.objects.filter(library="demands")}
    assert sorted(entries) == sorted(d.pk for d in made)
    for demand in made:
        entry = entries[demand.pk]
        assert entry.title == demand.title
        tokens = set(SearchPosting.objects.filter(entry_id=entry.pk).values_list("token", flat=True))
        assert {"需求", "青稞", str(int(demand.title[2:-3]))} <= tokens
    assert [h.object_id for h in search.search(user=inn.staff, query="需求5").hits] == [made[5].pk]

"""A park's evaluation read and evaluated by forked processes (``evaluate_park(processes=N)``, the command's
default) stores what the serial path stores, in the same chunks, with the same progress; where other
processes cannot see this one's rows (inside a transaction, an in-memory SQLite database) it is the serial
path."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.db import connection, transaction

from scipark.innovation import selectors, services
from scipark.innovation.models import Evaluation
from scipark.innovation.services import evaluation

from .test_cultivation_batch import YEAR, _rows, _varied_park


def _in_memory_sqlite() -> bool:
    return connection.vendor == "sqlite" and bool(connection.is_in_memory_db())  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_chunk_ranges_read_the_same_chunks_as_the_keyset_pages(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    pages = list(selectors.park_evaluees(park=world.park, year=YEAR, chunk=3))
    ranges = selectors.park_evaluee_ranges(park=world.park, year=YEAR, chunk=3)
    assert len(ranges) == len(pages) >= 4
    assert ranges[0][0] == 0 and all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    read = [
        selectors.evaluees_between(park_id=world.park.pk, year=YEAR, after=after, last=last)
        for after, last in ranges
    ]
    assert read == pages
    assert selectors.park_evaluee_ranges(park=world.park, year=YEAR - 30) == []


@pytest.mark.django_db
def test_inside_a_transaction_the_chunks_are_evaluated_here(
    world: Any, inn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _varied_park(world, inn)
    forked: list[int] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        forked.append(1)
        return iter(())

    monkeypatch.setattr(evaluation, "_evaluated_in_processes", spy)
    with transaction.atomic():
        done = services.evaluate_park(park=world.park, year=YEAR, chunk=3, processes=2)
    assert (
        not forked
        and done == Evaluation.objects.filter(is_current=True).values("enterprise").distinct().count()
    )


@pytest.mark.django_db(transaction=True)
def test_a_park_evaluated_by_forked_processes_stores_what_the_serial_path_stores(
    world: Any, inn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL (and a SQLite file) the chunks go to two forked processes; on the suite's in-memory
    SQLite database the same call stays serial. Either way the rows are the serial path's."""
    _varied_park(world, inn)
    serial_done: list[int] = []
    services.evaluate_park(park=world.park, year=YEAR, chunk=3, progress=serial_done.append)
    serial = _rows(is_current=True)

    forked: list[int] = []
    real = evaluation._evaluated_in_processes

    def spy(*args: Any, **kwargs: Any) -> Any:
        forked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(evaluation, "_evaluated_in_processes", spy)
    done: list[int] = []
    count = services.evaluate_park(park=world.park, year=YEAR, chunk=3, progress=done.append, processes=2)

    assert bool(forked) is not _in_memory_sqlite()
    assert done == serial_done and count == serial_done[-1]
    assert _rows(is_current=True) == serial
    assert _rows(is_current=False) == serial  # the serial run's evaluations stay, no longer current
    assert Evaluation.objects.count() == 2 * len(serial)
    # A rule version's own tier only, through the processes as well: the other tiers' evaluations stand.
    services.evaluate_park(park=world.park, year=YEAR, chunk=3, tiers={"tech_sme"}, processes=2)
    assert Evaluation.objects.count() == 2 * len(serial) + sum(1 for row in serial if row[3] == "tech_sme")
    assert _rows(is_current=True) == serial


@pytest.mark.django_db
def test_the_evaluations_keys_are_indexed_only_by_the_composite_indexes_that_lead_with_them() -> None:
    """Migration 0003 drops the single-column park and enterprise indexes (every index is written for each
    evaluation inserted or retired): the composite ones serve those lookups and stay (0005 made the park's
    partial, over current evaluations only, and covering for the 梯度培育测评 page)."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Evaluation._meta.db_table)
    indexes = {tuple(c["columns"]) for c in found.values() if c["index"] and not c["primary_key"]}
    assert ("park_id",) not in indexes and ("enterprise_id",) not in indexes
    assert {
        ("park_id", "tier", "qualifies", "gap_count", "is_current"),
        ("enterprise_id", "tier", "is_current"),
        ("rule_id",),
    } <= indexes

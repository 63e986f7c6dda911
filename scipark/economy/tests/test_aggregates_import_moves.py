"""An enterprise the registry import or its API moves to another industry takes its figures at once: the
registry announces the move (``enterprises.signals.enterprise_classified``) after writing it, inside the
write's transaction, and the maintained tables equal a rebuild right after; an import rolled back moves
nothing, and one that reclassifies nobody announces nothing."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from scipark.core import search
from scipark.core.imports import runner
from scipark.core.imports.runner import ImportResult, run_import
from scipark.core.testing import World, make_enterprise
from scipark.core.tests import hostile
from scipark.economy.models import MonthlyAggregate
from scipark.enterprises.importers import EnterpriseImporter
from scipark.enterprises.models import Enterprise
from scipark.enterprises.signals import enterprise_classified

from .conftest import equal_to_a_rebuild, month, snapshot, year_to_date

HEADERS = ["统一社会信用代码", "企业名称", "行业代码", "园区"]


def industrial_output(park: Any, period: Any, division: str) -> tuple[Any, Any, int]:
    """(当月, 累计, reporting) of industrial output in the park's division, all enterprises."""
    row = MonthlyAggregate.objects.get(park=park, scale_set="all", period=period, division=division)
    return row.cur_industrial_output, row.cum_industrial_output, row.reporting


def row(enterprise: Any, industry: str, park: str = "") -> list[Any]:
    return [enterprise.credit_code, enterprise.name, industry, park]


def run(world: World, tmp_path: Path, rows: list[list[Any]]) -> ImportResult:
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx([HEADERS, *rows]))
    importer = EnterpriseImporter(user=world.user("economy_staff"), park=world.park)
    return run_import(importer, path, filename="企业.xlsx")


@pytest.fixture
def announced() -> Iterator[list[int]]:
    """The enterprises announced as reclassified, in order."""
    heard: list[int] = []

    def listen(sender: Any, *, enterprise_ids: list[int], **kwargs: Any) -> None:
        heard.extend(enterprise_ids)

    enterprise_classified.connect(listen, sender=Enterprise, dispatch_uid="test.announced")
    yield heard
    enterprise_classified.disconnect(sender=Enterprise, dispatch_uid="test.announced")


@pytest.fixture
def reported(world: World, record: Any) -> tuple[Any, Any]:
    """The park's two enterprises (division 27), each with three months of industrial output in 2023."""
    a, b = world.enterprise, world.other_enterprise
    for m in (1, 2, 3):
        record(a, 2023, m, industrial_output=100)
        record(b, 2023, m, industrial_output=60)
    a.refresh_from_db()
    b.refresh_from_db()
    return a, b


def test_an_import_that_moves_an_enterprise_to_another_industry_moves_its_figures_at_once(
    world: World, tmp_path: Path, reported: tuple[Any, Any], announced: list[int]
) -> None:
    a, b = reported
    assert not MonthlyAggregate.objects.filter(division="35").exists()
    result = run(world, tmp_path, [row(a, "3511"), row(b, "2710")])
    assert result.ok and result.written and (result.updated, result.unchanged) == (1, 1)
    assert Enterprise.objects.get(pk=a.pk).industry_id == "3511"
    assert announced == [a.pk]
    # Hand-worked: a's 100 a month is now division 35's alone; b's 60 stays in 27.
    assert industrial_output(world.park, month(2023, 3), "35") == (D(100), D(300), 1)
    assert industrial_output(world.park, month(2023, 3), "27") == (D(60), D(180), 1)
    equal_to_a_rebuild()


def test_an_import_that_moves_several_enterprises_in_one_chunk_announces_each_once(
    world: World, tmp_path: Path, reported: tuple[Any, Any], announced: list[int]
) -> None:
    a, b = reported
    result = run(world, tmp_path, [row(a, "3511"), row(b, "C1492")])
    assert result.ok and result.written and result.updated == 2
    assert sorted(announced) == sorted([a.pk, b.pk])
    assert industrial_output(world.park, month(2023, 3), "35") == (D(100), D(300), 1)
    assert industrial_output(world.park, month(2023, 3), "14") == (D(60), D(180), 1)
    assert not [key for key in snapshot() if "27" in key]  # division 27 is left with nothing
    equal_to_a_rebuild()


def test_an_import_with_a_bad_row_in_a_later_chunk_moves_nothing(
    world: World,
    tmp_path: Path,
    reported: tuple[Any, Any],
    announced: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first chunk is written and its move announced, then a later row is wrong: the import's
    transaction takes the move back with the rows."""
    monkeypatch.setattr(runner, "CHUNK", 1)
    a, b = reported
    before = snapshot(), year_to_date()
    bad = row(b, "1492")
    bad[0] = bad[0][:-1] + ("0" if bad[0][-1] != "0" else "1")  # a wrong check digit
    result = run(world, tmp_path, [row(a, "3511"), bad])
    assert not result.ok and not result.written
    assert [(p.row, p.column_letter) for p in result.problems] == [(3, "A")]
    assert announced == [a.pk]  # the first chunk was written and announced before the bad row was read
    assert Enterprise.objects.get(pk=a.pk).industry_id == a.industry_id
    assert (snapshot(), year_to_date()) == before
    equal_to_a_rebuild()


def test_an_import_whose_later_chunk_fails_to_write_moves_nothing(
    world: World,
    tmp_path: Path,
    reported: tuple[Any, Any],
    announced: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both chunks move an enterprise; the second one's write fails after its move was announced."""
    monkeypatch.setattr(runner, "CHUNK", 1)
    a, b = reported
    before = snapshot(), year_to_date()
    original = search.index_rows
    calls: list[int] = []

    def fails_on_the_second_chunk(rows: Any) -> int:
        calls.append(1)
        if len(calls) == 2:
            raise DatabaseError("磁盘已满")
        return int(original(rows))

    monkeypatch.setattr(search, "index_rows", fails_on_the_second_chunk)
    result = run(world, tmp_path, [row(a, "3511"), row(b, "1492")])
    assert not result.ok and not result.written
    assert [p.row for p in result.problems] == [3] and "写入失败" in result.problems[0].message
    assert announced == [a.pk]
    assert list(Enterprise.objects.filter(pk__in=[a.pk, b.pk]).values_list("industry_id", flat=True)) == [
        "2710",
        "2710",
    ]
    assert (snapshot(), year_to_date()) == before
    equal_to_a_rebuild()


def test_an_import_that_reclassifies_nobody_announces_nothing(
    world: World, tmp_path: Path, reported: tuple[Any, Any], announced: list[int]
) -> None:
    a, b = reported
    before = snapshot()
    renamed = row(a, "C" + a.industry_id)  # the same industry, written with its section letter
    renamed[1] = "改名后的药业有限公司"
    result = run(world, tmp_path, [renamed, row(b, b.industry_id)])
    assert result.ok and result.written and (result.updated, result.unchanged) == (1, 1)
    assert Enterprise.objects.get(pk=a.pk).name == "改名后的药业有限公司"
    assert announced == []
    assert snapshot() == before


def test_an_import_cannot_move_an_enterprise_to_another_park(
    world: World, tmp_path: Path, reported: tuple[Any, Any], announced: list[int]
) -> None:
    """The only other grouping an import could change: refused, so nothing is announced or moved."""
    a, _b = reported
    before = snapshot()
    result = run(world, tmp_path, [row(a, a.industry_id, world.other_park.name)])
    assert not result.ok and not result.written
    assert Enterprise.objects.get(pk=a.pk).park_id == world.park.pk
    assert announced == []
    assert snapshot() == before


def test_the_apis_update_moves_the_figures_and_a_change_of_anything_else_announces_nothing(
    world: World, reported: tuple[Any, Any], announced: list[int]
) -> None:
    a, _b = reported
    client = APIClient()
    client.force_authenticate(world.user("economy_staff"))
    url = f"/api/v1/enterprises/{a.pk}/"
    before = snapshot()
    renamed = client.patch(url, {"short_name": "甲", "version": a.version}, format="json")
    assert renamed.status_code == 200
    assert announced == [] and snapshot() == before
    moved = client.patch(url, {"industry": "3511", "version": renamed.json()["version"]}, format="json")
    assert moved.status_code == 200 and moved.json()["industry"] == "3511"
    assert announced == [a.pk]
    assert industrial_output(world.park, month(2023, 3), "35") == (D(100), D(300), 1)
    assert industrial_output(world.park, month(2023, 3), "27") == (D(60), D(180), 1)
    equal_to_a_rebuild()


def test_an_import_that_reclassifies_nobody_costs_no_query_more_for_more_rows(
    world: World, tmp_path: Path, reported: tuple[Any, Any]
) -> None:
    """Whether a row moved its enterprise is read from the rows the import locked for its comparison."""
    more = [make_enterprise(world.park, n, f"青海第{n}家药业有限公司") for n in range(10, 14)]

    def renamed(enterprises: list[Any], name: str) -> list[list[Any]]:
        rows = [row(e, e.industry_id) for e in enterprises]
        for r in rows:
            r[1] += name
        return rows

    with CaptureQueriesContext(connection) as few:
        assert run(world, tmp_path, renamed([*reported], "甲")).updated == 2
    with CaptureQueriesContext(connection) as many:
        assert run(world, tmp_path, renamed([*reported, *more], "乙")).updated == 6
    assert len(many) == len(few)

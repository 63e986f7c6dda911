"""The one Chinese search: 2-character words match, results are restricted before ranking, the index follows
edits and deletes, and the same results come on SQLite and PostgreSQL (run with TEST_DATABASE_URL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from scipark.innovation import search
from scipark.innovation.models import Achievement, Expert, SearchEntry, TechDemand

pytestmark = pytest.mark.django_db


def _demand(enterprise: Any, title: str, description: str = "寻求合作") -> TechDemand:
    return TechDemand.objects.create(park_id=enterprise.park_id, enterprise=enterprise, title=title, description=description, published_on=dt.date(2023, 5, 1))  # fmt: skip


@pytest.fixture
def rows(world: Any, inn: Any) -> dict[str, Any]:
    return {
        "own": _demand(world.enterprise, "青稞酒糟综合利用", "青稞酒糟制饲料"),
        "other": _demand(world.other_enterprise, "藏药浸膏干燥工艺"),
        "foreign": _demand(world.foreign_enterprise, "青稞面条保鲜"),
        "achievement": Achievement.objects.create(park=world.park, title="牦牛乳清蛋白提取", holder="青海大学", summary="青稞与牦牛乳复配"),
    }  # fmt: skip


def _titles(user: Any, query: str, **kw: Any) -> list[str]:
    return [h.title_html for h in search.search(user=user, query=query, **kw).hits]


def test_two_character_words_match_and_are_highlighted(inn: Any, rows: dict) -> None:
    assert _titles(inn.staff, "藏药") == ["<mark>藏药</mark>浸膏干燥工艺"]
    assert _titles(inn.staff, "牦牛") == ["<mark>牦牛</mark>乳清蛋白提取"]
    # title hits rank before body hits: the demand's title has 青稞, the achievement only its summary
    assert _titles(inn.staff, "青稞") == ["<mark>青稞</mark>酒糟综合利用", "牦牛乳清蛋白提取"]
    assert _titles(inn.staff, "青稞酒糟") == ["<mark>青稞酒糟</mark>综合利用"]
    assert _titles(inn.staff, "青稞保鲜") == []  # every bigram must be present, in one park reached


def test_restricted_before_ranking(world: Any, inn: Any, rows: dict) -> None:
    assert _titles(world.user("enterprise_user"), "青稞") == ["<mark>青稞</mark>酒糟综合利用"]
    assert _titles(inn.other_staff, "青稞") == ["<mark>青稞</mark>面条保鲜"]
    assert _titles(world.user("zone_viewer"), "青稞") == []
    results = search.search(user=inn.staff, query="青稞")
    assert results.facets == [("achievements", "成果库", 1), ("demands", "技术需求库", 1)]
    assert _titles(inn.staff, "青稞", library="achievements") == ["牦牛乳清蛋白提取"]


def test_the_index_follows_edits_and_deletes(inn: Any, rows: dict) -> None:
    demand = rows["other"]
    demand.title = "藏红花组培技术"
    demand.save()
    assert _titles(inn.staff, "藏药") == []
    assert _titles(inn.staff, "组培") == ["藏红花<mark>组培</mark>技术"]
    demand.delete()
    assert _titles(inn.staff, "组培") == []
    count = SearchEntry.objects.count()
    assert search.reindex() == count


def test_experts_names_are_not_indexed(world: Any, inn: Any) -> None:
    Expert.objects.create(
        park=world.park, name="卓玛", organisation="青海大学", field="藏药现代化", phone="13800000000"
    )
    assert _titles(inn.staff, "卓玛") == []
    assert _titles(inn.staff, "藏药") == ["专家库:<mark>藏药</mark>现代化"]


def test_registry_candidates_narrow_by_bigrams_within_reach(world: Any, inn: Any) -> None:
    # A superset by bigrams (the caller checks exactly), within the registry's reach, None when it cannot say.
    mine = search.registry_candidates(user=world.user("enterprise_user"), word="胶囊")
    assert mine is not None and world.other_enterprise.pk not in mine
    assert world.other_enterprise.pk in (search.registry_candidates(user=inn.staff, word="胶囊") or [])
    assert search.registry_candidates(user=inn.staff, word="牦牛") == []
    assert search.registry_candidates(user=inn.staff, word="青") is None  # one character: no bigram
    assert search.registry_candidates(user=inn.staff, word="abc") is None  # not Han: the scan decides
    assert search.registry_candidates(user=inn.staff, word="胶囊", cap=0) is None  # too common to narrow

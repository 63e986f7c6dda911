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


# --- ranking by hand, and the ordered, capped posting lists -------------------------------------------------


def test_the_score_is_the_sum_of_the_matched_weights_ties_newest_first(world: Any, inn: Any) -> None:
    # 青稞: title ×3, description ×1; 青稞 in both weighs 4. Ties (two titles) by the newer row.
    both = _demand(world.enterprise, "青稞育种", "青稞种植")
    body = _demand(world.enterprise, "高原育种", "青稞种植")
    title_old = _demand(world.enterprise, "青稞饲料", "寻求合作")
    title_new = _demand(world.enterprise, "青稞面粉", "寻求合作")
    hits = search.search(user=inn.staff, query="青稞").hits
    assert [(h.object_id, h.score) for h in hits] == [
        (both.pk, 4), (title_new.pk, 3), (title_old.pk, 3), (body.pk, 1),
    ]  # fmt: skip
    # 青稞种植: 青稞 (4 or 1) + 稞种 (1) + 种植 (1); the title-only rows lack 稞种 and 种植
    hits = search.search(user=inn.staff, query="青稞种植").hits
    assert [(h.object_id, h.score) for h in hits] == [(both.pk, 6), (body.pk, 3)]


def test_a_frequent_token_is_read_in_index_order_up_to_the_cap(world: Any, inn: Any) -> None:
    rows = [_demand(world.enterprise, f"青稞饲料第{i}号", "寻求合作") for i in range(5)]
    barley_wine = _demand(world.enterprise, "青稞酒酿造", "寻求合作")
    uncapped = search.search(user=inn.staff, query="青稞")
    capped = search.search(user=inn.staff, query="青稞", cap=3)
    # one token: the top rows are the index's first ones, so the same as without the cap
    assert [h.object_id for h in capped.hits] == [h.object_id for h in uncapped.hits][:3]
    assert (uncapped.total, uncapped.capped) == (6, False)
    assert (capped.total, capped.capped) == (3, True)
    assert capped.facets == [("demands", "技术需求库", 3)]  # counted among the candidates read
    # two tokens: the rarer (稞酒, one posting) leads, so the answer is exact although 青稞 is over the cap
    exact = search.search(user=inn.staff, query="青稞酒", cap=3)
    assert [h.object_id for h in exact.hits] == [barley_wine.pk]
    assert (exact.total, exact.capped) == (1, False)
    assert rows[0].pk not in {h.object_id for h in exact.hits}


def test_a_library_below_the_cap_still_shows_its_rows(world: Any, inn: Any) -> None:
    old = Achievement.objects.create(park=world.park, title="青稞β-葡聚糖", holder="青海大学")
    for i in range(4):
        _demand(world.enterprise, f"青稞饲料第{i}号", "寻求合作")
    # the achievement was indexed first: with a cap of 2 the newest demands fill the candidates
    assert search.search(user=inn.staff, query="青稞", cap=2).facets == [("demands", "技术需求库", 2)]
    only = search.search(user=inn.staff, query="青稞", library="achievements", cap=2)
    assert [h.object_id for h in only.hits] == [old.pk]


def test_the_rebuild_puts_every_posting_index_back(inn: Any, rows: dict) -> None:
    from django.db import connection

    from scipark.innovation.models import SearchPosting

    search.reindex()
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, SearchPosting._meta.db_table)
    assert {i.name for i in SearchPosting._meta.indexes} <= set(found)
    assert _titles(inn.staff, "藏药") == ["<mark>藏药</mark>浸膏干燥工艺"]


def test_the_page_shows_capped_counts_as_at_least(
    world: Any, inn: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(5):
        _demand(world.enterprise, f"青稞饲料第{i}号", "寻求合作")
    original = search.search
    monkeypatch.setattr(search, "search", lambda **kw: original(**kw, cap=3))
    page = client_for("innovation_staff").get("/innovation/libraries/?q=青稞").content.decode()
    assert "全部 3+" in page and "技术需求库 3+" in page
    monkeypatch.setattr(search, "search", original)
    page = client_for("innovation_staff").get("/innovation/libraries/?q=青稞").content.decode()
    assert "全部 5<" in page and "3+" not in page

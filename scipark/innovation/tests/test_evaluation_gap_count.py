"""``Evaluation.gap_count``: the unmet conditions among the stored gaps (notes, 说明, are not), written by
every path that stores evaluations and filled by migration 0005 from the gaps already stored."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from scipark.innovation import services
from scipark.innovation.models import Evaluation, RuleVersion
from scipark.innovation.models.rules import unmet_count

from .test_cultivation_batch import YEAR, _varied_park
from .test_evaluation_inputs import migrate_to_latest

BEFORE = [("innovation", "0004_evaluation_profile_once_per_run")]
AFTER = [("innovation", "0005_evaluation_gap_count")]
GAPS = [
    ([], 0),
    ([{"condition": "说明", "message": "专家评分"}], 0),
    ([{"condition": "研发费用", "message": "还需 +47万元"}, {"condition": "说明", "message": "注"}], 1),
    ([{"condition": "研发费用"}, {"condition": "知识产权"}, {"message": "无条件名"}], 3),
]


def test_unmet_count_leaves_out_notes_only() -> None:
    assert [unmet_count(gaps) for gaps, _n in GAPS] == [n for _g, n in GAPS]
    assert unmet_count(None) == 0


@pytest.mark.django_db
def test_every_write_path_keeps_gap_count_with_the_gaps(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR, chunk=3)  # the park's writer
    services.evaluate_enterprise(enterprise=world.enterprise, year=YEAR)  # one by one
    rows = list(Evaluation.objects.all())
    assert rows and any(e.gap_count > 1 for e in rows) and any(e.gap_count == 0 for e in rows)
    assert all(e.gap_count == unmet_count(e.gaps) for e in rows)
    one = rows[0]
    one.gaps = GAPS[3][0]
    one.save(update_fields=["gaps"])  # the model's own save counts too, even when only gaps are saved
    one.refresh_from_db()
    assert one.gap_count == 3


@pytest.mark.django_db(transaction=True)
def test_migration_0005_fills_gap_count_from_the_stored_gaps_and_goes_back(world: Any) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    state = executor.loader.project_state(BEFORE)
    old = state.apps.get_model("innovation", "Evaluation")
    rule = state.apps.get_model("innovation", "RuleVersion").objects.create(
        park_id=world.park.pk,
        tier="tech_sme",
        name="v",
        source="s",
        valid_from=dt.date(2022, 1, 1),
        params={},
    )
    for n, (gaps, _count) in enumerate(GAPS):
        old.objects.create(
            park_id=world.park.pk, enterprise_id=world.enterprise.pk, year=2023, tier="tech_sme",
            rule_id=rule.pk, gaps=gaps, is_current=n % 2 == 0,
        )  # fmt: skip
    try:
        MigrationExecutor(connection).migrate(AFTER)
        counts = list(Evaluation.objects.order_by("pk").values_list("gap_count", flat=True))
        assert counts == [n for _g, n in GAPS]  # current and history alike
        MigrationExecutor(connection).migrate(BEFORE)
        assert state.apps.get_model("innovation", "Evaluation").objects.count() == len(GAPS)
    finally:
        migrate_to_latest()
    assert RuleVersion.objects.filter(pk=rule.pk).exists()

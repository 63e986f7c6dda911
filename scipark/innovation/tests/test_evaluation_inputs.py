"""An evaluation's inputs: the enterprise's profile stored once per run (``EvaluationProfile``, keyed by the
enterprise and the run's time) for all its tiers, read back as one document through ``Evaluation.inputs``
(the API's ``inputs`` field as before); migration 0004 moves the rows' own inputs there and back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from scipark.innovation import services
from scipark.innovation.cultivation import Profile, evaluate
from scipark.innovation.models import Evaluation, EvaluationProfile, with_inputs

from .test_cultivation_batch import YEAR, _varied_park

BEFORE = [("innovation", "0003_evaluation_keys_in_composite_indexes")]
AFTER = [("innovation", "0004_evaluation_profile_once_per_run")]


@pytest.mark.django_db
def test_a_run_stores_each_enterprise_s_profile_once_and_every_tier_reads_it(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    done = services.evaluate_park(park=world.park, year=YEAR, chunk=3)
    evaluations = with_inputs(Evaluation.objects.filter(is_current=True).select_related("rule"))
    enterprises = {e.enterprise_id for e in evaluations}
    assert EvaluationProfile.objects.count() == len(enterprises) == done
    for e in evaluations:
        assert set(e.inputs) == {"profile", "route"}
        again = evaluate(e.tier, Profile.from_json(e.inputs["profile"]), e.rule.params)  # reproducible
        assert (again.qualifies, again.route) == (e.qualifies, e.inputs["route"])
    services.evaluate_park(park=world.park, year=YEAR, chunk=3, tiers={"tech_sme"})  # a second run
    assert EvaluationProfile.objects.count() == 2 * len(enterprises)
    old = Evaluation.objects.filter(is_current=False).first()
    assert old is not None and old.inputs == next(e.inputs for e in evaluations if e.pk == old.pk)


@pytest.mark.django_db
def test_a_list_reads_its_profiles_in_one_query_and_a_row_its_own(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    rows = list(Evaluation.objects.filter(is_current=True))
    with CaptureQueriesContext(connection) as queries:
        with_inputs(rows)
        assert all(e.inputs["profile"]["year"] == YEAR for e in rows)
    assert len(queries) == 1
    one = Evaluation.objects.filter(is_current=True).first()
    assert one is not None and one.inputs == next(e.inputs for e in rows if e.pk == one.pk)


@pytest.mark.django_db
def test_the_one_by_one_path_stores_its_profile_once_for_all_tiers(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    made = services.evaluate_enterprise(enterprise=world.enterprise, year=YEAR)
    assert len(made) == 6 and len({e.evaluated_at for e in made}) == 1
    assert EvaluationProfile.objects.filter(enterprise=world.enterprise).count() == 1


@pytest.mark.django_db(transaction=True)
def test_migration_0004_moves_the_rows_inputs_to_one_profile_per_run_and_back(world: Any) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    state = executor.loader.project_state(BEFORE)
    Old = state.apps.get_model("innovation", "Evaluation")
    Rule = state.apps.get_model("innovation", "RuleVersion")
    rule = Rule.objects.create(
        park_id=world.park.pk,
        tier="tech_sme",
        name="v",
        source="s",
        valid_from=dt.date(2022, 1, 1),
        params={},
    )
    run = dt.datetime(2024, 3, 1, 8, 0, tzinfo=dt.UTC)
    profile = {"year": YEAR, "employees": 40, "held": ["tech_sme"]}
    common = {"park_id": world.park.pk, "enterprise_id": world.enterprise.pk, "year": YEAR, "rule": rule}
    for tier, route, at in (
        ("tech_sme", "", run),
        ("high_tech", "路径一", run),
        ("tech_sme", "", run + dt.timedelta(1)),
    ):
        made = Old.objects.create(tier=tier, inputs={"profile": profile, "route": route}, **common)
        Old.objects.filter(pk=made.pk).update(evaluated_at=at)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    assert EvaluationProfile.objects.filter(enterprise=world.enterprise).count() == 2  # one per run
    # The model as it is now has later columns (0005's gap_count): read only those 0004 knows.
    rows = with_inputs(
        Evaluation.objects.order_by("pk").only("park_id", "enterprise_id", "evaluated_at", "route")
    )
    assert [e.inputs for e in rows] == [
        {"profile": profile, "route": ""},
        {"profile": profile, "route": "路径一"},
        {"profile": profile, "route": ""},
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    state = executor.loader.project_state(BEFORE)
    back = (
        state.apps.get_model("innovation", "Evaluation")
        .objects.order_by("pk")
        .values_list("inputs", flat=True)
    )
    assert list(back) == [{"profile": profile, "route": r} for r in ("", "路径一", "")]
    migrate_to_latest()


def migrate_to_latest() -> None:
    """Back to the app's newest migration, where the other tests expect the schema."""
    executor = MigrationExecutor(connection)
    executor.migrate([key for key in executor.loader.graph.leaf_nodes() if key[0] == "innovation"])


@pytest.mark.django_db
def test_an_evaluation_without_a_stored_profile_reads_an_empty_profile_not_null(world: Any, inn: Any) -> None:
    """The API's ``inputs`` kept its shape through the move: ``{"profile": {}, …}``, never ``null``."""
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    EvaluationProfile.objects.all().delete()
    one = Evaluation.objects.filter(is_current=True).first()
    assert one is not None and one.inputs == {"profile": {}, "route": one.route}
    listed = with_inputs(Evaluation.objects.filter(is_current=True))
    assert listed and all(e.inputs["profile"] == {} for e in listed)

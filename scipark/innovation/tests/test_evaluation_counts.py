"""The park's kept counts of current evaluations (``models.counts.CurrentEvaluationCount``) equal a recount
after every kind of write; the 梯度培育测评 summary and the list's counts read them when the reach is the whole
park and stay equal to a recount of the rows (and of the certificates in force, which are not kept); and
migration 0006 installs them over stored evaluations and goes back."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scipark.innovation import services
from scipark.innovation.models import CurrentEvaluationCount, Evaluation, RuleVersion, TierCertificate
from scipark.innovation.models.counts import TABLE, evaluation_counts_install, outcome_of
from scipark.innovation.services import evaluation as writer
from scipark.innovation.tier_results import in_force, reaches_whole_park, tier_summary

from .test_cultivation_batch import YEAR, _varied_park
from .test_evaluation_inputs import migrate_to_latest

URL = reverse("innovation:evaluation_list")
BEFORE = [("innovation", "0005_evaluation_gap_count")]
AFTER = [("innovation", "0006_current_evaluation_counts")]

Key = tuple[int, str, int, int]


def kept() -> dict[Key, int]:
    return {
        (c.park_id, c.tier, c.outcome, c.gap_count): c.evaluations
        for c in CurrentEvaluationCount.objects.all()
        if c.evaluations
    }


def recount() -> dict[Key, int]:
    rows = Evaluation.objects.filter(is_current=True).values_list("park_id", "tier", "qualifies", "gap_count")
    return dict(Counter((park, tier, int(outcome_of(q)), gaps) for park, tier, q, gaps in rows))


def assert_kept() -> None:
    counted = recount()
    assert counted, "nothing evaluated: the test would prove nothing"
    assert kept() == counted


@pytest.mark.django_db
def test_every_write_path_keeps_the_counts_equal_to_a_recount(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR, chunk=3)  # the park's writer: insert and retire
    assert_kept()
    services.evaluate_park(park=world.park, year=YEAR, chunk=5)  # everything replaced
    services.evaluate_park(park=world.other_park, year=YEAR)
    assert_kept()
    services.evaluate_enterprise(enterprise=world.enterprise, year=YEAR)  # one by one
    assert_kept()
    one = Evaluation.objects.filter(park=world.park, is_current=True).order_by("pk").first()
    assert one is not None
    one.qualifies, one.gaps = False, [{"condition": "研发费用"}]  # the model's save: outcome and gaps move
    one.save()
    assert_kept()
    one.qualifies = None
    one.save(update_fields=["qualifies"])
    assert_kept()
    Evaluation.objects.filter(pk=one.pk).update(is_current=False)  # retired by a queryset
    assert_kept()
    Evaluation.objects.filter(pk=one.pk).update(is_current=True)
    Evaluation.objects.filter(park=world.park, tier="tech_sme", is_current=True).delete()
    assert_kept()
    with connection.cursor() as cursor:  # a write that goes around the ORM is counted too
        cursor.execute(
            "UPDATE innovation_evaluation SET gap_count = gap_count + 1 WHERE is_current = %s", [True]
        )
        cursor.execute("DELETE FROM innovation_evaluation WHERE tier = %s", ["high_tech"])
    assert_kept()
    world.foreign_enterprise.delete()  # an enterprise's evaluations go with it
    assert_kept()


@pytest.mark.django_db
def test_a_rule_version_saved_re_evaluates_its_tier_and_the_counts_follow(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    rule = RuleVersion.objects.get(park=world.park, tier="tech_sme")
    services.rule_version_save(
        user=inn.staff, park=world.park, rule=rule, expected_version=rule.version, year=YEAR,
        data={"params": {**rule.params, "pass_score": 101}},
    )  # fmt: skip
    assert_kept()


@pytest.mark.django_db
def test_the_install_rebuilds_counts_that_went_wrong(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    CurrentEvaluationCount.objects.update(evaluations=99)
    evaluation_counts_install()
    assert_kept()


def summary_recount(user: Any, park: Any, on: dt.date) -> dict[str, tuple[int, int, int, int, int]]:
    """The summary counted from the rows in ``user``'s reach, as it was before anything was kept."""
    current = list(Evaluation.objects.restrict(user, "view").filter(park=park, is_current=True))
    held = set(
        TierCertificate.objects.restrict(user, "view")
        .filter(in_force(on), park=park)
        .values_list("enterprise_id", "tier")
    )
    sums = {}
    for tier in {e.tier for e in current} | {t for _e, t in held}:
        mine = [e for e in current if e.tier == tier]
        free = [e for e in mine if (e.enterprise_id, tier) not in held]
        sums[tier] = (
            len(mine),
            len({e for e, t in held if t == tier}),
            sum(1 for e in free if e.qualifies is True),
            sum(1 for e in free if e.qualifies is False and e.gap_count == 1),
            sum(1 for e in free if e.qualifies is None),
        )
    return sums


def summary_of(user: Any, park: Any, on: dt.date) -> dict[str, tuple[int, int, int, int, int]]:
    return {
        row.tier: (row.evaluated, row.holding, row.qualifying, row.near_miss, row.open)
        for row in tier_summary(user=user, park=park, on=on)
        if row.evaluated or row.holding
    }


@pytest.mark.django_db
def test_the_summary_equals_a_recount_for_the_park_and_for_a_narrower_reach(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    today = dt.date.today()
    current = list(Evaluation.objects.filter(park=world.park, is_current=True).order_by("pk"))
    eligible = next(e for e in current if e.qualifies)
    short = next((e for e in current if e.qualifies is False and e.gap_count == 1), current[1])
    for n, (evaluation, expires) in enumerate(
        ((eligible, today + dt.timedelta(days=30)), (short, None), (current[2], today - dt.timedelta(days=1)))
    ):
        TierCertificate.objects.create(
            park=world.park, enterprise_id=evaluation.enterprise_id, tier=evaluation.tier, number=f"C-{n}",
            granted_on=today - dt.timedelta(days=400), expires_on=expires,
        )  # fmt: skip
    leader = world.user("park_leader")
    assert reaches_whole_park(inn.staff, world.park) and reaches_whole_park(leader, world.park)
    assert not reaches_whole_park(inn.other_staff, world.park)
    for user in (inn.staff, leader):
        assert summary_of(user, world.park, today) == summary_recount(user, world.park, today)
    # an enterprise user's reach is its own rows: summed from them, not from the park's kept counts
    own = world.user("enterprise_user")
    assert not reaches_whole_park(own, world.park)
    assert summary_of(own, world.park, today) == summary_recount(own, world.park, today)
    # the kept counts are what the park's summary reads: three queries, none over the evaluations' rows
    with CaptureQueriesContext(connection) as queries:
        tier_summary(user=inn.staff, park=world.park, on=today)
    summed = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] or "SUM(" in q["sql"]]
    assert len(summed) == 3
    assert any(TABLE in sql for sql in summed)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["", "tier=tech_sme", "result=eligible", "result=open", "result=not_eligible", "gaps=0", "gaps=1",
     "gaps=3", "tier=high_tech&result=not_eligible&gaps=2", "q=批量", "year=2023", "gaps=9"],
)  # fmt: skip
def test_the_lists_count_equals_its_rows_whatever_the_filters(world: Any, inn: Any, query: str) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    client = Client()
    client.force_login(inn.staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?{query}&per_page=5")
    assert response.status_code == 200
    table = response.context["table"]
    filterset = response.context["filter"]
    # a refused value (gaps=9) lists nothing, as before: no count of the rows, and none kept
    assert table.paginator.count == (filterset.qs.count() if filterset.is_valid() else 0)
    counted_rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(*)")]
    by_rows = [sql for sql in counted_rows if "innovation_evaluation" in sql]
    # the filters the counts are kept by read them; a name or a year counts the rows
    assert bool(by_rows) == any(query.startswith(f) for f in ("q=", "year="))


@pytest.mark.django_db(transaction=True)
def test_migration_0006_counts_the_stored_evaluations_and_goes_back(world: Any, inn: Any) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    stored = recount()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        assert TABLE not in connection.introspection.table_names()
        # without the triggers the evaluations are written as before (nothing refers to the dropped table)
        Evaluation.objects.filter(park=world.park, tier="tech_sme").update(is_current=False)
        Evaluation.objects.filter(park=world.park, tier="tech_sme").update(is_current=True)
        MigrationExecutor(connection).migrate(AFTER)
        assert kept() == stored
    finally:
        migrate_to_latest()
    services.evaluate_park(park=world.park, year=YEAR)
    assert_kept()


@pytest.mark.django_db(transaction=True)
def test_a_large_park_run_refreshes_the_planners_statistics(
    world: Any, inn: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Until autovacuum came, PostgreSQL planned the page from statistics of before the run (a sort of the
    # park instead of its 50 rows by name), SQLite from none on a new database; a small run leaves them.
    _varied_park(world, inn)
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 1)
    with CaptureQueriesContext(connection) as queries:
        services.evaluate_park(park=world.park, year=YEAR)
    analyzed = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]
    assert analyzed == ['ANALYZE "innovation_evaluation"']
    monkeypatch.setattr(writer, "ANALYZE_AFTER", 10_000)
    with CaptureQueriesContext(connection) as queries:
        services.evaluate_park(park=world.park, year=YEAR)  # a small park: autovacuum's
    assert not [q for q in queries.captured_queries if q["sql"].startswith("ANALYZE")]


@pytest.mark.django_db
def test_the_page_sorted_by_the_gaps_asks_its_index_condition_and_keeps_every_row(
    world: Any, inn: Any
) -> None:
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    client = Client()
    client.force_login(inn.staff)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{URL}?sort=-gap_count&per_page=100")
    rows = [row.record for row in response.context["table"].page.object_list]
    assert len(rows) == Evaluation.objects.filter(park=world.park, is_current=True).count()
    assert [e.gap_count for e in rows] == sorted((e.gap_count for e in rows), reverse=True)
    page = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"] and "gap_count" in q["sql"]]
    assert page and all('"gap_count" IS NOT NULL' in sql for sql in page)


@pytest.mark.django_db
@pytest.mark.parametrize("sort", ["-gap_count", "gap_count"])
def test_pages_sorted_by_the_gaps_show_every_row_once(world: Any, inn: Any, sort: str) -> None:
    """Rows of equal gaps follow their id: a sort by the gaps alone left them in no order, so paging through
    the list could show a row twice and another never."""
    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    client = Client()
    client.force_login(inn.staff)
    current = list(Evaluation.objects.filter(park=world.park, is_current=True).values_list("gap_count", "id"))
    assert len({gaps for gaps, _id in current}) < len(current), "no two rows of equal gaps: nothing to order"
    seen: list[int] = []
    for number in range(1, len(current) // 3 + 2):
        response = client.get(f"{URL}?sort={sort}&per_page=3&page={number}")
        seen += [row.record.pk for row in response.context["table"].page.object_list]
    expected = sorted(current, reverse=sort.startswith("-"))
    assert seen[: len(current)] == [pk for _gaps, pk in expected]

"""How many of each park's current evaluations there are per tier, outcome and number of unmet conditions,
kept by the database itself, for the 梯度培育测评 page's summary and counts.

The page's summary and its counts summed the park's current evaluations on every view: on PostgreSQL, right
after a re-evaluation (600,000 rows rewritten, the visibility map not yet set), each sum was a scan of the
park's rows, 0.4–0.7 s. :class:`CurrentEvaluationCount` holds one row per park, tier, outcome (eligible, not
eligible, open) and ``gap_count``, a few dozen per park, kept by triggers on ``innovation_evaluation`` —
insert, delete, and an update of the park, tier, ``qualifies``, ``gap_count`` or ``is_current`` — so every
write path counts: the park's writer (``COPY`` and the retiring ``UPDATE``), one enterprise's
re-evaluation, ``Evaluation.save``, a deletion, raw SQL. On SQLite they are row triggers; on PostgreSQL
statement triggers over the transition tables (one grouped statement per write, however many rows).

Whether an enterprise *holds* a tier is not kept: it depends on the certificates in force on the day asked
(a certificate lapses without any write), so ``tier_results`` still asks for it, from the certificates.

SQLite drops a table's triggers when a migration rebuilds the table, so after every ``migrate`` (and a test
database's flush) the triggers are (re)installed and the counts rebuilt from the rows
(:func:`evaluation_counts_install`, as ``core.kept`` does for the other kept tables);
``tests/test_evaluation_counts.py`` holds them equal to a recount after each kind of write.
"""

# ruff: noqa: S608 - the statements are made of this module's constant names; no value is in their text

from __future__ import annotations

from typing import ClassVar

from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from scipark.core.changelog import ChangeLog
from scipark.core.kept import execute_together, install_after_migrate, statement_trigger, trigger_function

from .common import Tier

TABLE = "innovation_currentevaluationcount"
SOURCE = "innovation_evaluation"


class Outcome(models.IntegerChoices):
    """An evaluation's outcome as counted (``Evaluation.qualifies``: False, True, None)."""

    NOT_ELIGIBLE = 0, _("尚不符合")
    ELIGIBLE = 1, _("符合条件")
    OPEN = 2, _("待专家评分")


def outcome_of(qualifies: bool | None) -> Outcome:
    """The counted outcome of ``Evaluation.qualifies``."""
    if qualifies is None:
        return Outcome.OPEN
    return Outcome.ELIGIBLE if qualifies else Outcome.NOT_ELIGIBLE


class CurrentEvaluationCount(models.Model):
    """How many of a park's current evaluations of one tier have one outcome and one number of unmet
    conditions; kept by database triggers (a row may hold 0 after its evaluations were retired)."""

    park = models.ForeignKey(
        "parks.Park",
        on_delete=models.CASCADE,
        db_constraint=False,  # a trigger writes the row; the park's deletion removes it through Django
        db_index=False,  # the unique key leads with the park
        related_name="+",
        verbose_name=_("园区"),
    )
    tier = models.CharField(_("梯次"), max_length=16, choices=Tier.choices)
    outcome = models.PositiveSmallIntegerField(_("测评结果"), choices=Outcome.choices)
    gap_count = models.PositiveSmallIntegerField(_("差距项数"))
    evaluations = models.IntegerField(_("现行评估数"), default=0)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("派生计数:由数据库触发器随梯次评估维护")

    class Meta:
        verbose_name = _("现行评估计数")
        verbose_name_plural = _("现行评估计数")
        constraints = [
            # the triggers' ON CONFLICT target (the outcome is a number: NULL would never conflict)
            models.UniqueConstraint(
                fields=["park", "tier", "outcome", "gap_count"], name="innovation_evalcount_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.park_id} {self.tier} {self.outcome} {self.gap_count}: {self.evaluations}"


def _outcome(row: str) -> str:
    return f"CASE WHEN {row}.qualifies IS NULL THEN 2 WHEN {row}.qualifies THEN 1 ELSE 0 END"


_KEY = "park_id, tier, outcome, gap_count"

_SQLITE_ADD = f"""INSERT INTO {TABLE} ({_KEY}, evaluations)
        VALUES (NEW.park_id, NEW.tier, {_outcome("NEW")}, NEW.gap_count, 1)
        ON CONFLICT ({_KEY}) DO UPDATE SET evaluations = evaluations + 1;"""
_SQLITE_TAKE = f"""UPDATE {TABLE} SET evaluations = evaluations - 1
        WHERE park_id = OLD.park_id AND tier = OLD.tier AND outcome = {_outcome("OLD")}
        AND gap_count = OLD.gap_count;"""
_SQLITE_COUNTED = "park_id, tier, qualifies, gap_count, is_current"

_SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS innovation_evalcount_insert AFTER INSERT ON {SOURCE}
    WHEN NEW.is_current BEGIN {_SQLITE_ADD} END""",
    f"""CREATE TRIGGER IF NOT EXISTS innovation_evalcount_delete AFTER DELETE ON {SOURCE}
    WHEN OLD.is_current BEGIN {_SQLITE_TAKE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS innovation_evalcount_update_old AFTER UPDATE OF {_SQLITE_COUNTED}
    ON {SOURCE} WHEN OLD.is_current BEGIN {_SQLITE_TAKE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS innovation_evalcount_update_new AFTER UPDATE OF {_SQLITE_COUNTED}
    ON {SOURCE} WHEN NEW.is_current BEGIN {_SQLITE_ADD} END""",
)
_SQLITE_DROP = tuple(
    f"DROP TRIGGER IF EXISTS innovation_evalcount_{name}"
    for name in ("insert", "delete", "update_old", "update_new")
)

_PG_GROUPED = f"""SELECT park_id, tier, {_outcome("{rows}")} AS outcome, gap_count, COUNT(*) AS n
    FROM {{rows}} WHERE is_current GROUP BY 1, 2, 3, 4"""
_PG_ADD = f"""INSERT INTO {TABLE} AS kept ({_KEY}, evaluations)
    SELECT park_id, tier, outcome, gap_count, n FROM ({_PG_GROUPED}) AS came
    ON CONFLICT ({_KEY}) DO UPDATE SET evaluations = kept.evaluations + EXCLUDED.evaluations;"""
_PG_TAKE = f"""UPDATE {TABLE} AS kept SET evaluations = kept.evaluations - gone.n
    FROM ({_PG_GROUPED}) AS gone
    WHERE kept.park_id = gone.park_id AND kept.tier = gone.tier AND kept.outcome = gone.outcome
    AND kept.gap_count = gone.gap_count;"""

_PG_TRIGGERS = (
    trigger_function("innovation_evalcount_inserted", _PG_ADD.format(rows="new_rows")),
    trigger_function("innovation_evalcount_deleted", _PG_TAKE.format(rows="old_rows")),
    trigger_function(
        "innovation_evalcount_updated",
        _PG_TAKE.format(rows="old_rows") + " " + _PG_ADD.format(rows="new_rows"),
    ),
    *(
        statement
        for event, done in (("INSERT", "inserted"), ("DELETE", "deleted"), ("UPDATE", "updated"))
        for statement in statement_trigger(
            f"innovation_evalcount_{event.lower()}",
            table=SOURCE,
            event=event,
            function=f"innovation_evalcount_{done}",
        )
    ),
)
_PG_DROP = (
    *(
        f"DROP TRIGGER IF EXISTS innovation_evalcount_{name} ON {SOURCE}"
        for name in ("insert", "delete", "update")
    ),
    *(
        f"DROP FUNCTION IF EXISTS innovation_evalcount_{name}()"
        for name in ("inserted", "deleted", "updated")
    ),
)

_REBUILD = (
    f"DELETE FROM {TABLE}",
    f"""INSERT INTO {TABLE} ({_KEY}, evaluations)
    SELECT park_id, tier, {_outcome(SOURCE)}, gap_count, COUNT(*) FROM {SOURCE}
    WHERE is_current GROUP BY park_id, tier, {_outcome(SOURCE)}, gap_count""",
)


def evaluation_counts_install(*, using: str = "default") -> None:
    """(Re)install the triggers and rebuild every count from the rows, in one transaction."""
    vendor = connections[using].vendor
    execute_together(
        (*(_PG_TRIGGERS if vendor == "postgresql" else _SQLITE_TRIGGERS), *_REBUILD), using=using
    )


def evaluation_counts_uninstall(*, using: str = "default") -> None:
    """Drop the triggers (and PostgreSQL's functions): a migration going back before the table."""
    connection = connections[using]
    statements = _PG_DROP if connection.vendor == "postgresql" else _SQLITE_DROP
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


install_after_migrate(
    app_label="innovation",
    tables=(TABLE, SOURCE),
    install=evaluation_counts_install,
    uid="innovation.counts.install",
)

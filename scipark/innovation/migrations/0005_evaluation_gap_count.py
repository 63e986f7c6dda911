"""``Evaluation.gap_count``: the unmet conditions among an evaluation's stored gaps, kept beside them, and the
park's indexes of current evaluations made partial: one covering the 梯度培育测评 page's summary and counts,
one giving its rows in the enterprises' order.

The column is added in place (``ALTER TABLE … ADD COLUMN``) instead of Django's SQLite table rebuild, which
would copy a province's evaluations (millions of rows) once more, and filled from the stored gaps by the
database (a note, ``说明``, is not a condition), as ``Evaluation.save`` and the park writer count them."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

NOTE = "说明"


def add_and_fill(apps: Any, schema_editor: Any) -> None:
    table = schema_editor.quote_name("innovation_evaluation")
    if schema_editor.connection.vendor == "sqlite":
        kind = "smallint unsigned"
        count = (
            "(SELECT COUNT(*) FROM json_each(gaps) "
            "WHERE COALESCE(json_extract(value, '$.condition'), '') <> %s)"
        )
    else:
        kind = "smallint"
        count = (
            "(SELECT COUNT(*) FROM jsonb_array_elements(gaps) AS gap "
            "WHERE COALESCE(gap ->> 'condition', '') <> %s)"
        )
    schema_editor.execute(
        f'ALTER TABLE {table} ADD COLUMN "gap_count" {kind} NOT NULL DEFAULT 0 CHECK ("gap_count" >= 0)'
    )
    if schema_editor.connection.vendor != "sqlite":
        # As Django leaves a column it adds: the value comes from the model, not a database default.
        schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN "gap_count" DROP DEFAULT')
    schema_editor.execute(
        f"UPDATE {table} SET gap_count = {count} WHERE gaps IS NOT NULL",  # noqa: S608 (our names)
        [NOTE],
    )


def drop(apps: Any, schema_editor: Any) -> None:
    table = schema_editor.quote_name("innovation_evaluation")
    schema_editor.execute(f'ALTER TABLE {table} DROP COLUMN "gap_count"')


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0005_park_enterprise_count"),
        ("innovation", "0004_evaluation_profile_once_per_run"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="evaluation", name="innovation_eval_current"),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="evaluation",
                    name="gap_count",
                    field=models.PositiveSmallIntegerField(default=0, verbose_name="差距项数"),
                ),
            ],
            database_operations=[migrations.RunPython(add_and_fill, drop)],
        ),
        migrations.AddIndex(
            model_name="evaluation",
            index=models.Index(
                condition=models.Q(("is_current", True)),
                fields=["park", "tier", "qualifies", "gap_count", "is_current"],
                name="innovation_eval_current_park",
            ),
        ),
        migrations.AddIndex(
            model_name="evaluation",
            index=models.Index(
                condition=models.Q(("is_current", True)),
                fields=["park", "enterprise", "tier"],
                name="innovation_eval_current_order",
            ),
        ),
        # Planner statistics for the new indexes (SQLite plans from them; PostgreSQL's would come later).
        migrations.RunSQL("ANALYZE innovation_evaluation", migrations.RunSQL.noop),
    ]

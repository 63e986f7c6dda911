"""The evaluations' park and enterprise keys lose their own indexes: the composite indexes
``innovation_eval_current`` (park, is_current, tier) and ``innovation_eval_enterprise`` (enterprise, tier,
is_current) lead with them, and a park's re-evaluation writes every index of hundreds of thousands of rows.

The indexes are dropped by name rather than by ``AlterField``, which on SQLite would copy the whole table
(gigabytes of evaluations) twice; Django names them the same on both back ends."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = (
    ("innovation_evaluation_enterprise_id_5f860ff8", "enterprise_id"),
    ("innovation_evaluation_park_id_7eaf7241", "park_id"),
)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0005_park_enterprise_count"),
        ("innovation", "0002_search_ordered_postings"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="evaluation",
                    name="enterprise",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                migrations.AlterField(
                    model_name="evaluation",
                    name="park",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="parks.park",
                        verbose_name="园区",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    sql=f'DROP INDEX IF EXISTS "{name}"',
                    reverse_sql=f'CREATE INDEX "{name}" ON "innovation_evaluation" ("{column}")',
                )
                for name, column in INDEXES
            ],
        ),
    ]

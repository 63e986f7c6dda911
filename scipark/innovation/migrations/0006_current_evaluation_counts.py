"""The park's current evaluations counted per tier, outcome and gap count, kept by database triggers
(``models.counts``): the table, then the triggers and the counts of the rows already there
(``evaluation_counts_install``, run again after every ``migrate``); going back drops the triggers before the
table. And an index giving the current evaluations in the order of their gaps, for the page sorted by them
(which alone asks its always-true ``gap_count IS NOT NULL``), with planner statistics for it (SQLite plans
from them)."""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def install(apps: Any, schema_editor: Any) -> None:
    from scipark.innovation.models.counts import evaluation_counts_install

    evaluation_counts_install(using=schema_editor.connection.alias)


def uninstall(apps: Any, schema_editor: Any) -> None:
    from scipark.innovation.models.counts import evaluation_counts_uninstall

    evaluation_counts_uninstall(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("innovation", "0005_evaluation_gap_count"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="CurrentEvaluationCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "park",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="parks.park",
                        verbose_name="园区",
                    ),
                ),
                (
                    "tier",
                    models.CharField(
                        choices=[
                            ("tech_sme", "科技型中小企业"),
                            ("innovative_sme", "创新型中小企业"),
                            ("specialised", "专精特新中小企业"),
                            ("high_tech", "高新技术企业"),
                            ("little_giant", "专精特新“小巨人”"),
                            ("tech_giant", "科技小巨人"),
                        ],
                        max_length=16,
                        verbose_name="梯次",
                    ),
                ),
                (
                    "outcome",
                    models.PositiveSmallIntegerField(
                        choices=[(0, "尚不符合"), (1, "符合条件"), (2, "待专家评分")], verbose_name="测评结果"
                    ),
                ),
                ("gap_count", models.PositiveSmallIntegerField(verbose_name="差距项数")),
                ("evaluations", models.IntegerField(default=0, verbose_name="现行评估数")),
            ],
            options={
                "verbose_name": "现行评估计数",
                "verbose_name_plural": "现行评估计数",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("park", "tier", "outcome", "gap_count"), name="innovation_evalcount_key"
                    )
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
        migrations.AddIndex(
            model_name="evaluation",
            index=models.Index(
                condition=models.Q(("gap_count__isnull", False), ("is_current", True)),
                fields=["park", "gap_count", "id"],
                name="innovation_eval_current_gaps",
            ),
        ),
        migrations.RunSQL("ANALYZE innovation_evaluation", migrations.RunSQL.noop),
    ]

"""An evaluation's inputs move out of its row: the enterprise's profile once per run in
``EvaluationProfile`` (keyed by the enterprise and the run's time, ``evaluated_at``, which every row of a
run shares), the tier's route in the evaluation's new ``route`` column. Each of an enterprise's six rows
carried the whole profile (2.8 KB a row on PostgreSQL), and retiring a row rewrote it whole.

Existing rows are moved: one profile per (enterprise, ``evaluated_at``) found (the one-by-one path used to
stamp each row with its own time, so its older rows get a profile each), the route copied. Reversible: the
reverse writes each row's ``inputs`` back from its profile and route."""

import django.db.models.deletion
from django.db import migrations, models

BATCH = 2000


def move_inputs(apps, schema_editor):
    Evaluation = apps.get_model("innovation", "Evaluation")
    EvaluationProfile = apps.get_model("innovation", "EvaluationProfile")
    rows = (
        Evaluation.objects.order_by("enterprise_id", "evaluated_at", "pk")
        .values_list("pk", "park_id", "enterprise_id", "evaluated_at", "year", "inputs")
        .iterator(chunk_size=BATCH)
    )
    profiles = []
    routes: dict[str, list[int]] = {}
    last = None
    for pk, park_id, enterprise_id, evaluated_at, year, inputs in rows:
        inputs = inputs if isinstance(inputs, dict) else {}
        if (enterprise_id, evaluated_at) != last:
            last = (enterprise_id, evaluated_at)
            profiles.append(
                EvaluationProfile(
                    park_id=park_id, enterprise_id=enterprise_id, evaluated_at=evaluated_at, year=year,
                    data=inputs.get("profile", {}),
                )
            )  # fmt: skip
            if len(profiles) >= BATCH:
                EvaluationProfile.objects.bulk_create(profiles)
                profiles = []
        route = inputs.get("route") or ""
        if route:
            routes.setdefault(str(route), []).append(pk)
    EvaluationProfile.objects.bulk_create(profiles)
    for route, pks in routes.items():
        for start in range(0, len(pks), 500):
            Evaluation.objects.filter(pk__in=pks[start : start + 500]).update(route=route)


def restore_inputs(apps, schema_editor):
    Evaluation = apps.get_model("innovation", "Evaluation")
    EvaluationProfile = apps.get_model("innovation", "EvaluationProfile")
    profiles = EvaluationProfile.objects.values_list("enterprise_id", "evaluated_at", "data")
    for enterprise_id, evaluated_at, data in profiles.iterator(chunk_size=BATCH):
        found = Evaluation.objects.filter(enterprise_id=enterprise_id, evaluated_at=evaluated_at)
        for route in set(found.values_list("route", flat=True)):
            found.filter(route=route).update(inputs={"profile": data, "route": route})


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0005_park_enterprise_count"),
        ("parks", "0001_initial"),
        ("innovation", "0003_evaluation_keys_in_composite_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="EvaluationProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("evaluated_at", models.DateTimeField(verbose_name="评估时间")),
                ("year", models.PositiveSmallIntegerField(verbose_name="档案年度")),
                ("data", models.JSONField(default=dict, verbose_name="企业画像")),
                (
                    "enterprise",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                (
                    "park",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="parks.park",
                        verbose_name="园区",
                    ),
                ),
            ],
            options={
                "verbose_name": "评估输入",
                "verbose_name_plural": "评估输入",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("enterprise", "evaluated_at", "park"), name="innovation_eval_profile_run"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="evaluation",
            name="route",
            field=models.CharField(blank=True, default="", max_length=200, verbose_name="认定路径"),
        ),
        migrations.RunPython(move_inputs, restore_inputs),
        migrations.RemoveField(model_name="evaluation", name="inputs"),
    ]

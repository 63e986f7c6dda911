"""Per-park enterprise counts kept by database triggers (issue 15 item 4): the table, then the triggers and
the counts of the rows already there (``counts.counts_install``, run again after every ``migrate``)."""

import django.db.models.deletion
from django.db import migrations, models


def install(apps, schema_editor):
    from scipark.enterprises.counts import counts_install

    counts_install(using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("enterprises", "0004_park_column"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ParkEnterpriseCount",
            fields=[
                (
                    "park",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="parks.park",
                        verbose_name="园区",
                    ),
                ),
                ("enterprises", models.IntegerField(default=0, verbose_name="企业数")),
            ],
            options={
                "verbose_name": "园区企业数",
                "verbose_name_plural": "园区企业数",
                "db_table": "enterprises_parkenterprisecount",
            },
        ),
        migrations.RunPython(install, migrations.RunPython.noop),
    ]

"""Chains carry the day they were set up, so that a year's S3 counts only the chains that existed.

Existing chains take their alliance's founding date, or the day they were recorded when the
alliance has none.
"""

import datetime

from django.db import migrations, models
from django.utils import timezone


def backfill(apps, schema_editor):
    chain = apps.get_model("alliance", "Chain")
    for row in chain.objects.select_related("alliance").iterator():
        row.founded_on = row.alliance.founded_on or timezone.localtime(row.created_at).date()
        row.save(update_fields=["founded_on"])


class Migration(migrations.Migration):
    dependencies = [("alliance", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="chain",
            name="founded_on",
            field=models.DateField(null=True, verbose_name="成立日期"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="chain",
            name="founded_on",
            field=models.DateField(default=datetime.date.today, verbose_name="成立日期"),
        ),
    ]

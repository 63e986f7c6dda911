"""Every open311 row carries its park itself (issue 15 item 8): the column is added, filled from each row's
parent with one UPDATE per table, then made NOT NULL (``scipark.core.tenancy``)."""

import django.db.models.deletion
from django.db import migrations, models

from scipark.core.tenancy import copy_park_from_parents


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_initial"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="serviceattribute",
            name="park",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parks.park",
                verbose_name="园区",
            ),
        ),
        migrations.AddField(
            model_name="submission",
            name="park",
            field=models.ForeignKey(
                null=True,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parks.park",
                verbose_name="园区",
            ),
        ),
        migrations.RunPython(
            copy_park_from_parents(
                ("open311.ServiceAttribute", "category"),
                ("open311.Submission", "client"),
            ),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            model_name="serviceattribute",
            name="park",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parks.park",
                verbose_name="园区",
            ),
        ),
        migrations.AlterField(
            model_name="submission",
            name="park",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="parks.park",
                verbose_name="园区",
            ),
        ),
    ]

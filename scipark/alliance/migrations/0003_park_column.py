"""Every alliance row carries its park itself (issue 15 item 8): the column is added, filled from each row's
parent with one UPDATE per table, then made NOT NULL (``scipark.core.tenancy``)."""

import django.db.models.deletion
from django.db import migrations, models

from scipark.core.tenancy import copy_park_from_parents


class Migration(migrations.Migration):
    dependencies = [
        ("alliance", "0002_chain_founded_on"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="chain",
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
            model_name="partyorganization",
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
            model_name="chainmember",
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
            model_name="need",
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
            model_name="resource",
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
            model_name="jointaction",
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
            model_name="milestone",
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
                ("alliance.Chain", "alliance"),
                ("alliance.PartyOrganization", "alliance"),
                ("alliance.ChainMember", "chain"),
                ("alliance.Need", "alliance"),
                ("alliance.Resource", "alliance"),
                ("alliance.JointAction", "alliance"),
                ("alliance.Milestone", "action"),
            ),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            model_name="chain",
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
            model_name="partyorganization",
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
            model_name="chainmember",
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
            model_name="need",
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
            model_name="resource",
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
            model_name="jointaction",
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
            model_name="milestone",
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

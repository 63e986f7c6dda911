"""Every investment row carries its park itself (issue 15 item 8): the column is added, filled from each row's
parent with one UPDATE per table, then made NOT NULL (``scipark.core.tenancy``)."""

import django.db.models.deletion
from django.db import migrations, models

from scipark.core.tenancy import copy_park_from_parents


class Migration(migrations.Migration):
    dependencies = [
        ("investment", "0002_loan_contract_no"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="stagechange",
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
            model_name="approval",
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
            model_name="contract",
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
            model_name="fundsinplace",
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
            model_name="loan",
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
            model_name="listing",
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
            model_name="equityround",
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
            model_name="fundpartner",
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
            model_name="fundinvestment",
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
                ("investment.StageChange", "project"),
                ("investment.Approval", "project"),
                ("investment.Contract", "project"),
                ("investment.FundsInPlace", "project"),
                ("investment.Loan", "enterprise"),
                ("investment.Listing", "enterprise"),
                ("investment.EquityRound", "enterprise"),
                ("investment.FundPartner", "fund"),
                ("investment.FundInvestment", "fund"),
            ),
            migrations.RunPython.noop,
        ),
        migrations.AlterField(
            model_name="stagechange",
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
            model_name="approval",
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
            model_name="contract",
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
            model_name="fundsinplace",
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
            model_name="loan",
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
            model_name="listing",
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
            model_name="equityround",
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
            model_name="fundpartner",
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
            model_name="fundinvestment",
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

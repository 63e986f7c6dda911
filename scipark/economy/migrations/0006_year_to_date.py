"""Each enterprise's year to date beside its returns (issue 15 item 5): a new month moves the aggregates by
difference instead of reading the year's returns; filled from the returns already stored."""

from decimal import Decimal
from typing import Any

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("economy", "0005_park_column"),
        ("enterprises", "0005_park_enterprise_count"),
        ("parks", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="EnterpriseYearToDate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="创建时间")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="更新时间")),
                ("version", models.PositiveIntegerField(default=1, editable=False, verbose_name="版本")),
                ("division", models.CharField(blank=True, max_length=2, verbose_name="行业大类")),
                ("section", models.CharField(blank=True, max_length=1, verbose_name="行业门类")),
                ("period", models.DateField(verbose_name="月份")),
                ("reported", models.IntegerField(default=0, verbose_name="当月已报送")),
                ("returns", models.IntegerField(default=0, verbose_name="年初至今报表数")),
                (
                    "cur_industrial_output",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="工业总产值(当月)"
                    ),
                ),
                (
                    "cum_industrial_output",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="工业总产值(累计)"
                    ),
                ),
                (
                    "cur_revenue",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="营业收入(当月)"
                    ),
                ),
                (
                    "cum_revenue",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="营业收入(累计)"
                    ),
                ),
                (
                    "cur_value_added",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="工业增加值(当月)"
                    ),
                ),
                (
                    "cum_value_added",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="工业增加值(累计)"
                    ),
                ),
                (
                    "cur_profit",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="利润总额(当月)"
                    ),
                ),
                (
                    "cum_profit",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="利润总额(累计)"
                    ),
                ),
                (
                    "cur_sales",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="销售额(当月)"
                    ),
                ),
                (
                    "cum_sales",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="销售额(累计)"
                    ),
                ),
                (
                    "cur_energy_tce",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="综合能耗(当月)"
                    ),
                ),
                (
                    "cum_energy_tce",
                    models.DecimalField(
                        decimal_places=4, default=Decimal("0"), max_digits=24, verbose_name="综合能耗(累计)"
                    ),
                ),
                (
                    "enterprise",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="enterprises.enterprise",
                        verbose_name="企业",
                    ),
                ),
                (
                    "park",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="parks.park",
                        verbose_name="园区",
                    ),
                ),
            ],
            options={
                "verbose_name": "企业年初至今累计",
                "verbose_name_plural": "企业年初至今累计",
                "ordering": ["park", "period", "enterprise"],
                "indexes": [
                    models.Index(fields=["park", "division", "period"], name="economy_yeartodate_cell")
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("enterprise", "period"), name="economy_yeartodate_key")
                ],
            },
        ),
    ]


def fill(apps: Any, schema_editor: Any) -> None:
    """Each enterprise's year to date from the returns already stored (and the maintained tables from it):
    an empty table would move the next month's aggregates from nothing."""
    if not apps.get_model("economy", "MonthlyReturn").objects.exists():
        return
    from scipark.economy import aggregates

    aggregates.rebuild()


Migration.operations.append(migrations.RunPython(fill, migrations.RunPython.noop))

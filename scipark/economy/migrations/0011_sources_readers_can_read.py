"""The indicators' and energy factors' 依据 name the statistical system and the standard: 0002 had written our
repository's file ("DOMAIN.md §2"), which the targets page showed to the park's staff as the basis."""

from __future__ import annotations

from typing import Any

from django.db import migrations

INDICATOR_SOURCE = "国家统计局统计报表制度;增速按同口径(本期在统企业与其上年同期)计算"
FACTOR_SOURCE = "GB/T 2589-2020《综合能耗计算通则》附录A"


def forwards(apps: Any, schema_editor: Any) -> None:
    indicator = apps.get_model("economy", "Indicator")
    carrier = apps.get_model("economy", "EnergyCarrier")
    indicator.objects.filter(source="DOMAIN.md §2").update(source=INDICATOR_SOURCE)
    carrier.objects.filter(source="GB/T 2589-2020《综合能耗计算通则》附录A(DOMAIN.md §2)").update(
        source=FACTOR_SOURCE
    )


class Migration(migrations.Migration):
    dependencies = [("economy", "0010_constraint_messages")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

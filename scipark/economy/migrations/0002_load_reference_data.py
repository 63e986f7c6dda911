"""Load the GB/T 2589 standard-coal factors and the indicator catalogue (scipark/economy/reference.py)."""

from typing import Any

from django.db import migrations

from scipark.economy.reference import ENERGY_CARRIERS, FACTOR_SOURCE, FACTOR_VERSION, INDICATORS


def load(apps: Any, schema_editor: Any) -> None:
    carrier = apps.get_model("economy", "EnergyCarrier")
    for order, (code, name, unit, factor, basis) in enumerate(ENERGY_CARRIERS, start=1):
        carrier.objects.get_or_create(
            code=code,
            version=FACTOR_VERSION,
            defaults={
                "name": name,
                "unit": unit,
                "factor_kgce": factor,
                "basis": basis,
                "source": FACTOR_SOURCE,
                "is_current": True,
                "order": order,
            },
        )
    indicator = apps.get_model("economy", "Indicator")
    for code, name, definition, unit, measure, scale_set, target_kind, frequency, order in INDICATORS:
        indicator.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "definition": definition,
                "unit": unit,
                "measure": measure,
                "scale_set": scale_set,
                "target_kind": target_kind,
                "frequency": frequency,
                "order": order,
                "source": "DOMAIN.md §2",
            },
        )


class Migration(migrations.Migration):
    dependencies = [("economy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

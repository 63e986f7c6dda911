"""Load China's public holidays and adjusted working weekends (2020-2026) from ``chinesecalendar``."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def load(apps: Any, schema_editor: Any) -> None:
    from scipark.appeals.calendar import package_days

    day_model = apps.get_model("appeals", "CalendarDay")
    existing = set(day_model.objects.values_list("date", flat=True))
    day_model.objects.bulk_create(
        [
            day_model(date=day, kind=kind, name=name, source="chinesecalendar")
            for day, kind, name in package_days()
            if day not in existing
        ]
    )


def unload(apps: Any, schema_editor: Any) -> None:
    apps.get_model("appeals", "CalendarDay").objects.filter(source="chinesecalendar").delete()


class Migration(migrations.Migration):
    dependencies = [("appeals", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]

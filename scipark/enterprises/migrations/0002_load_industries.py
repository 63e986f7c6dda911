"""Load the GB/T 4754-2017 industry table (scipark/enterprises/data/gbt4754_2017.csv)."""

import csv
from pathlib import Path
from typing import Any

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "gbt4754_2017.csv"


def load(apps: Any, schema_editor: Any) -> None:
    industry = apps.get_model("enterprises", "Industry")
    with DATA.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = set(industry.objects.values_list("code", flat=True))
    # Parents come before children in the file; creating level by level keeps foreign keys valid.
    for level in (1, 2, 3, 4):
        batch = []
        for row in rows:
            if int(row["level"]) != level or row["code"] in existing:
                continue
            batch.append(
                industry(
                    code=row["code"],
                    name=row["name"],
                    level=level,
                    parent_id=row["parent"] or None,
                    section=row["code"] if level == 1 else "",
                )
            )
        industry.objects.bulk_create(batch, batch_size=500)
    # The section letter of every row, from its level-1 ancestor.
    by_code = {row["code"]: row for row in rows}
    sections: dict[str, list[str]] = {}
    for row in rows:
        code = row["code"]
        node = row
        while node["parent"]:
            node = by_code[node["parent"]]
        section = node["code"]
        sections.setdefault(section, []).append(code)
    for section, codes in sections.items():
        industry.objects.filter(code__in=codes).update(section=section)


def unload(apps: Any, schema_editor: Any) -> None:
    industry = apps.get_model("enterprises", "Industry")
    for level in (4, 3, 2, 1):
        industry.objects.filter(level=level).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]

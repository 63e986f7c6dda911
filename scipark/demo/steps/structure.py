"""Step 1: the zone, its three parks and each park's departments."""

from __future__ import annotations

from typing import ClassVar

from django.apps import apps

from scipark.core.roles import DepartmentKind

from .. import seed
from ..builder import DemoContext


class StructureStep:
    """西宁经济技术开发区 with 生物科技产业园区 (the reference park), 南川 and 甘河, and their departments."""

    name: ClassVar[str] = "structure"
    order: ClassVar[int] = 10

    def build(self, ctx: DemoContext) -> None:
        zone_model = apps.get_model("parks", "Zone")
        park_model = apps.get_model("parks", "Park")
        department_model = apps.get_model("parks", "Department")
        ctx.zone = zone_model.objects.create(
            name=seed.ZONE.name, short_name=seed.ZONE.short_name, region_code=seed.ZONE.region_code
        )
        for park_seed in seed.PARKS:
            ctx.parks[park_seed.code] = park_model.objects.create(
                zone=ctx.zone,
                name=park_seed.name,
                short_name=park_seed.short_name,
                code=park_seed.code,
                address=f"青海省西宁市{park_seed.district}{park_seed.roads[0]}",
                area_km2=park_seed.area_km2,
                latitude=park_seed.latitude,
                longitude=park_seed.longitude,
            )
        departments = [
            department_model(park=park, kind=kind, name=seed.DEPARTMENT_NAMES[kind])
            for park in ctx.parks.values()
            for kind in DepartmentKind
        ]
        department_model.objects.bulk_create(departments)
        for department in department_model.objects.filter(park__zone=ctx.zone).select_related("park"):
            ctx.departments[(department.park.code, department.kind)] = department

    def wipe(self, ctx: DemoContext) -> None:
        park_codes = [p.code for p in seed.PARKS]
        apps.get_model("parks", "Department").objects.filter(park__code__in=park_codes).delete()
        apps.get_model("parks", "Park").objects.filter(code__in=park_codes).delete()
        apps.get_model("parks", "Zone").objects.filter(name=seed.ZONE.name).delete()

"""Zones (开发区), parks (园区, the tenant) and the administration's departments."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ScopedModel
from scipark.core.roles import DepartmentKind


class Zone(ScopedModel):
    """A development zone (开发区) that contains parks; zone viewers compare its parks."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    region_code = models.CharField(_("行政区划代码"), max_length=6, help_text=_("GB/T 2260 六位代码"))

    access_domain: ClassVar[Domain] = Domain.PARKS
    scope_park_field: ClassVar[str | None] = "parks"
    scope_zone_field: ClassVar[str | None] = "pk"
    scope_distinct: ClassVar[bool] = True

    class Meta:
        verbose_name = _("开发区")
        verbose_name_plural = _("开发区")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Park(ScopedModel):
    """A park (园区): the tenant that every business row belongs to."""

    zone = models.ForeignKey(Zone, on_delete=models.PROTECT, related_name="parks", verbose_name=_("开发区"))
    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=50, blank=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    area_km2 = models.DecimalField(_("面积(平方公里)"), max_digits=8, decimal_places=2, null=True, blank=True)
    latitude = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("经度"), max_digits=9, decimal_places=6, null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.PARKS
    scope_park_field: ClassVar[str | None] = "pk"
    scope_zone_field: ClassVar[str | None] = "zone"

    class Meta:
        verbose_name = _("园区")
        verbose_name_plural = _("园区")
        ordering = ["zone__name", "name"]
        constraints = [models.UniqueConstraint(fields=["zone", "name"], name="park_name_unique_in_zone")]

    def __str__(self) -> str:
        return self.name


class Department(ScopedModel):
    """A department of a park's administration (经济发展, 招商, 科技创新, 生态环保, 企业服务 …)."""

    park = models.ForeignKey(
        Park, on_delete=models.CASCADE, related_name="departments", verbose_name=_("园区")
    )
    kind = models.CharField(_("类别"), max_length=20, choices=DepartmentKind.choices)
    name = models.CharField(_("名称"), max_length=100)

    access_domain: ClassVar[Domain] = Domain.PARKS

    class Meta:
        verbose_name = _("部门")
        verbose_name_plural = _("部门")
        ordering = ["park", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["park", "kind"], name="department_kind_unique_in_park")
        ]

    def __str__(self) -> str:
        return f"{self.park.short_name or self.park.name} · {self.name}"

"""地下管网: pipe segments and points, stored as WGS-84 GeoJSON with a bounding box per feature.

No GeoDjango: the geometry is a JSON LineString, and four indexed columns hold its bounding box so that a
map's viewport is one range query on any back end (ADR 0015). ``geometry_lite`` is the same line simplified
for small zoom levels, computed once on write.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel


class Network(models.TextChoices):
    RAIN = "rain", _("雨水")
    SEWAGE = "sewage", _("污水")
    WATER_SUPPLY = "water_supply", _("给水")


#: Degrees of longitude or latitude (about 2 km) beyond which a segment's box counts as wide.
WIDE_DEG = 0.02


def box_fields(coords: list[tuple[float, float]] | list[list[float]]) -> dict[str, Any]:
    """A line's bounding-box columns and whether it is wide, for a new ``PipeSegment``."""
    lngs, lats = [float(c[0]) for c in coords], [float(c[1]) for c in coords]
    min_lng, max_lng, min_lat, max_lat = min(lngs), max(lngs), min(lats), max(lats)
    return {
        "min_lng": min_lng,
        "min_lat": min_lat,
        "max_lng": max_lng,
        "max_lat": max_lat,
        "wide": max_lng - min_lng > WIDE_DEG or max_lat - min_lat > WIDE_DEG,
    }


class PipeSegment(ParkScopedModel):
    """A pipe segment between two points, with its computed length and the year it was built or rebuilt."""

    class Work(models.TextChoices):
        EXISTING = "existing", _("现状")
        NEW = "new", _("新建")
        REBUILT = "rebuilt", _("改造")

    network = models.CharField(_("管网"), max_length=14, choices=Network.choices)
    code = models.CharField(_("管段编号"), max_length=40)
    diameter_mm = models.PositiveIntegerField(_("管径(mm)"), null=True, blank=True)
    material = models.CharField(_("材质"), max_length=30, blank=True)
    is_main = models.BooleanField(_("主管网"), default=False)
    work = models.CharField(_("建设类型"), max_length=10, choices=Work.choices, default=Work.EXISTING)
    completed_on = models.DateField(_("建成或改造日期"), null=True, blank=True)
    geometry = models.JSONField(_("几何(WGS-84)"))
    geometry_lite = models.JSONField(_("简化几何"), default=list)
    length_m = models.DecimalField(_("长度(米)"), max_digits=10, decimal_places=2, default=Decimal(0))
    min_lng = models.FloatField(db_index=True)
    min_lat = models.FloatField()
    max_lng = models.FloatField()
    max_lat = models.FloatField()
    #: The box is wider or taller than ``WIDE_DEG``: a viewport query looks for such a segment apart (the
    #: others start at most ``WIDE_DEG`` west of the viewport, so their ``min_lng`` range is bounded).
    wide = models.BooleanField(default=False)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("管段")
        verbose_name_plural = _("地下管网管段")
        ordering = ["network", "code"]
        indexes = [
            models.Index(fields=["park", "network", "min_lng", "max_lng", "min_lat", "max_lat"]),
            models.Index(fields=["park", "completed_on"]),
            models.Index(fields=["wide", "min_lng"], name="environment_wide_min_lng_idx"),
        ]
        constraints = [models.UniqueConstraint(fields=["park", "network", "code"], name="pipe_code_once")]

    def __str__(self) -> str:
        return f"{self.get_network_display()}{self.code}"

    def get_absolute_url(self) -> str:
        return reverse("environment:segment_detail", args=[self.pk])


class NetworkPoint(ParkScopedModel):
    """A point of the network or of supervision: manhole, outfall, misconnection, monitoring point."""

    class Kind(models.TextChoices):
        MANHOLE = "manhole", _("检查井")
        OUTFALL = "outfall", _("排放口")
        MISCONNECTION = "misconnection", _("混接错接点")
        MONITORING = "monitoring", _("监测点位")
        ENTERPRISE = "enterprise", _("企业厂区")

    kind = models.CharField(_("类型"), max_length=14, choices=Kind.choices)
    network = models.CharField(_("管网"), max_length=14, choices=Network.choices, blank=True)
    code = models.CharField(_("编号"), max_length=40)
    name = models.CharField(_("名称"), max_length=100, blank=True)
    longitude = models.FloatField(_("经度"))
    latitude = models.FloatField(_("纬度"), db_index=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("相关企业"),
    )
    found_on = models.DateField(_("发现日期"), null=True, blank=True)
    fixed_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    notes = models.CharField(_("说明"), max_length=300, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("管网点位")
        verbose_name_plural = _("管网点位")
        ordering = ["kind", "code"]
        indexes = [models.Index(fields=["park", "kind", "longitude", "latitude"])]
        constraints = [models.UniqueConstraint(fields=["park", "kind", "code"], name="network_point_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}{self.code}"

    def get_absolute_url(self) -> str:
        return reverse("environment:point_detail", args=[self.pk])

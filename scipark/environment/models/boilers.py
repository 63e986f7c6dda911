"""Boilers and their low-NOx retrofits (低氮改造), with the assumptions of the NOx method as data."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel

from .base import DepartmentKeptModel

#: The hours of a leap year: no boiler runs longer in one year.
HOURS_IN_YEAR = 8784


class NoxAssumption(ParkScopedModel):
    """The factors of the NOx method (DOMAIN.md §5), valid from a date: shown on every result, editable."""

    valid_from = models.DateField(_("启用日期"))
    gas_per_steam_tonne = models.DecimalField(
        _("每蒸吨耗气量(m³/h)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    flue_gas_per_m3 = models.DecimalField(
        _("每立方米天然气干烟气量(Nm³)"),
        max_digits=6,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    reference_o2 = models.DecimalField(
        _("基准氧含量(%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("20.9"))],
    )
    source = models.CharField(_("依据"), max_length=300)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("氮氧化物核算参数")
        verbose_name_plural = _("氮氧化物核算参数")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["park", "valid_from"], name="nox_assumption_once_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%Y-%m-%d} {self.source}"

    def get_absolute_url(self) -> str:
        return reverse("environment:boiler_list")


class Boiler(DepartmentKeptModel):
    """A boiler of an enterprise, with NOx measured before and after its retrofit (at the measured O₂)."""

    class Fuel(models.TextChoices):
        NATURAL_GAS = "natural_gas", _("天然气")
        COAL = "coal", _("燃煤")
        OIL = "oil", _("燃油")
        BIOMASS = "biomass", _("生物质")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    name = models.CharField(_("锅炉编号"), max_length=60)
    # 特种设备使用登记证编号 (TSG 08-2017): unique in the country, so an import recognises the boiler by it.
    registration_no = models.CharField(_("使用登记证编号"), max_length=40, blank=True)
    capacity_tph = models.DecimalField(
        _("额定蒸发量(蒸吨/小时)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    fuel = models.CharField(_("燃料"), max_length=12, choices=Fuel.choices, default=Fuel.NATURAL_GAS)
    installed_year = models.PositiveSmallIntegerField(_("投运年份"), null=True, blank=True)
    operating_hours = models.PositiveIntegerField(
        _("年运行小时"), validators=[MaxValueValidator(HOURS_IN_YEAR)]
    )
    load_factor = models.DecimalField(
        _("平均负荷率"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(1))],
    )
    nox_before = models.DecimalField(_("改造前实测NOx(mg/m³)"), max_digits=7, decimal_places=1)
    o2_before = models.DecimalField(_("改造前实测氧含量(%)"), max_digits=4, decimal_places=1)
    nox_after = models.DecimalField(
        _("改造后实测NOx(mg/m³)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    o2_after = models.DecimalField(
        _("改造后实测氧含量(%)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    after_note = models.CharField(_("改造后浓度说明"), max_length=300, blank=True)
    retrofit_started_on = models.DateField(_("改造开始日期"), null=True, blank=True)
    retrofit_completed_on = models.DateField(_("改造完成日期"), null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("锅炉")
        verbose_name_plural = _("锅炉与低氮改造")
        ordering = ["enterprise__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "name"], name="boiler_name_per_enterprise"),
            models.UniqueConstraint(
                fields=["park", "registration_no"],
                condition=~models.Q(registration_no=""),
                name="boiler_registration_once",
                violation_error_message=_("该使用登记证编号已在本园区登记。"),
            ),
            models.CheckConstraint(
                name="boiler_hours_in_year",
                violation_error_message=_("年运行小时不能超过 8784 小时。"),
                condition=models.Q(operating_hours__lte=HOURS_IN_YEAR),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("environment:boiler_detail", args=[self.pk])

"""Hazardous waste (危险废物): the producers of a park and their yearly tonnage by HW category."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain

from .base import DepartmentKeptModel


class WasteProducer(DepartmentKeptModel):
    """An enterprise registered as a hazardous-waste producer, key (重点) or not, from a date."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    is_key = models.BooleanField(_("重点产废单位"), default=False)
    registered_on = models.DateField(_("登记日期"))
    deregistered_on = models.DateField(_("注销日期"), null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("产废单位")
        verbose_name_plural = _("产废单位")
        ordering = ["-is_key", "enterprise__name"]
        constraints = [models.UniqueConstraint(fields=["park", "enterprise"], name="waste_producer_once")]

    def __str__(self) -> str:
        return str(self.enterprise)

    def get_absolute_url(self) -> str:
        return reverse("environment:waste_list")


class WasteRecord(DepartmentKeptModel):
    """One producer's year for one HW category: generated, treated and stored at the year end (tonnes)."""

    class Route(models.TextChoices):
        LICENSED_DISPOSAL = "licensed", _("委托持证单位处置")
        SELF_UTILISATION = "self", _("自行利用处置")
        COLLECTION = "collection", _("收集单位转运")

    producer = models.ForeignKey(
        WasteProducer, on_delete=models.CASCADE, related_name="records", verbose_name=_("产废单位")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    category = models.CharField(_("废物类别"), max_length=8, help_text=_("如 HW02、HW49"))
    generated_t = models.DecimalField(
        _("产生量(吨)"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal(0))]
    )
    treated_t = models.DecimalField(
        _("处置利用量(吨)"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal(0))]
    )
    stored_t = models.DecimalField(
        _("年末贮存量(吨)"), max_digits=10, decimal_places=3, validators=[MinValueValidator(Decimal(0))]
    )
    route = models.CharField(_("处置方式"), max_length=12, choices=Route.choices)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "producer__enterprise"

    class Meta:
        verbose_name = _("危险废物年度台账")
        verbose_name_plural = _("危险废物年度台账")
        ordering = ["-year", "producer", "category"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "year", "category"], name="waste_record_once")
        ]

    def __str__(self) -> str:
        return f"{self.producer} {self.year} {self.category}"

    def get_absolute_url(self) -> str:
        return reverse("environment:waste_list")

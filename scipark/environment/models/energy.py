"""Industry energy benchmarks (单位工业增加值能耗, tce/万元) as data: each value with the date it applies
from and the source it was taken from; a new value is a new row (the old one keeps what it said)."""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain

from .base import DepartmentKeptModel


class EnergyBenchmark(DepartmentKeptModel):
    """The benchmark intensity of one GB/T 4754 category (门类, 大类, 中类 or 小类) in a park."""

    industry = models.ForeignKey(
        "enterprises.Industry", on_delete=models.PROTECT, related_name="+", verbose_name=_("行业")
    )
    intensity = models.DecimalField(
        _("基准值(吨标准煤/万元)"),
        max_digits=8,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )
    valid_from = models.DateField(_("启用日期"))
    source = models.CharField(_("依据"), max_length=300, help_text=_("发布机关、文号或标准编号"))
    # DOMAIN.md: a value from practice or memory is marked (?) until someone checks it against its source.
    confirmed = models.BooleanField(_("已核对出处"), default=False)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("行业能耗基准值")
        verbose_name_plural = _("行业能耗基准值")
        ordering = ["industry_id", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["park", "industry", "valid_from"], name="energy_benchmark_once")
        ]

    def __str__(self) -> str:
        return f"{self.industry_id} {self.intensity} ({self.valid_from:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("environment:energy")

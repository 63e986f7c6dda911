"""Certifications of enterprises: water-saving enterprise, green factory, zero-carbon factory …"""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain

from .base import DepartmentKeptModel


class Certification(DepartmentKeptModel):
    """One certification granted to an enterprise, with its level, issuer, date and validity."""

    class Kind(models.TextChoices):
        WATER_SAVING = "water_saving", _("节水型企业")
        GREEN_FACTORY = "green_factory", _("绿色工厂")
        ZERO_CARBON = "zero_carbon", _("零碳工厂")
        CLEAN_PRODUCTION = "clean_production", _("清洁生产企业")

    class Level(models.TextChoices):
        NATIONAL = "national", _("国家级")
        PROVINCIAL = "provincial", _("省级")
        MUNICIPAL = "municipal", _("市级")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices)
    standard = models.CharField(_("评价标准"), max_length=60, blank=True)
    issuer = models.CharField(_("认定机构"), max_length=100)
    document_no = models.CharField(_("文号"), max_length=60, blank=True)
    granted_on = models.DateField(_("认定日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    distinction = models.CharField(_("特别说明"), max_length=100, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("绿色认证")
        verbose_name_plural = _("绿色认证")
        ordering = ["-granted_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="certification_valid_after_grant",
                violation_error_message=_("有效期不能早于认定日期。"),
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("granted_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.get_level_display()}{self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("environment:certification_list")

"""Incubators (孵化载体) and the stays of their incubatees; a stay is a date range (T1, DOMAIN.md §4)."""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel

from .common import Level, money_field


class Incubator(ParkScopedModel):
    """An incubator or maker space of the park, with what the provincial criteria ask of it."""

    class Kind(models.TextChoices):
        SPECIALISED = "specialised", _("专业型")
        COMPREHENSIVE = "comprehensive", _("综合型")

    name = models.CharField(_("名称"), max_length=200)
    operator = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("运营单位"),
        null=True,
        blank=True,
    )
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices, default=Kind.SPECIALISED)
    level = models.CharField(_("级别"), max_length=12, choices=Level.choices, blank=True)
    recognised_on = models.DateField(_("认定日期"), null=True, blank=True)
    opened_on = models.DateField(_("运营起始日期"))
    area_m2 = models.DecimalField(
        _("孵化场地面积(m²)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    incubatee_area_m2 = models.DecimalField(
        _("在孵企业使用面积(m²)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    seed_fund = money_field(_("种子资金(元)"), default=0)
    staff = models.PositiveIntegerField(_("管理机构人员数"), default=0)
    professional_staff = models.PositiveIntegerField(_("专业孵化服务人员数"), default=0)

    access_domain: ClassVar[Domain] = Domain.INNOVATION

    class Meta:
        verbose_name = _("孵化载体")
        verbose_name_plural = _("孵化载体")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="innovation_incubator_area_share",
                violation_error_message=_("在孵企业使用面积不能大于孵化场地面积。"),
                condition=Q(incubatee_area_m2__lte=F("area_m2")),
            ),
            models.CheckConstraint(
                name="innovation_incubator_professionals",
                violation_error_message=_("专业孵化服务人员数不能多于管理机构人员数。"),
                condition=Q(professional_staff__lte=F("staff")),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("innovation:incubator_detail", args=[self.pk])


class Incubation(ParkScopedModel):
    """One stay of an enterprise in an incubator: entered, then graduated or left (or still in)."""

    class Outcome(models.TextChoices):
        GRADUATED = "graduated", _("毕业")
        EXITED = "exited", pgettext_lazy("incubation", "退出")

    incubator = models.ForeignKey(
        Incubator, on_delete=models.PROTECT, related_name="stays", verbose_name=_("孵化载体")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("在孵企业")
    )
    entered_on = models.DateField(_("入孵日期"))
    left_on = models.DateField(_("离孵日期"), null=True, blank=True, help_text=_("空表示仍在孵"))
    outcome = models.CharField(_("离孵方式"), max_length=12, choices=Outcome.choices, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    access_domain: ClassVar[Domain] = Domain.INNOVATION
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("在孵记录")
        verbose_name_plural = _("在孵记录")
        ordering = ["-entered_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="innovation_stay_range",
                violation_error_message=_("离孵日期不能早于入孵日期。"),
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("entered_on")),
            ),
            models.CheckConstraint(
                name="innovation_stay_outcome",
                violation_error_message=_("离孵时请同时填写离孵日期和离孵方式(毕业或退出)。"),
                condition=(Q(left_on__isnull=True) & Q(outcome=""))
                | (Q(left_on__isnull=False) & ~Q(outcome="")),
            ),
        ]
        indexes = [models.Index(fields=["park", "entered_on", "left_on"], name="innovation_stay_range_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise} @ {self.incubator}"

    def get_absolute_url(self) -> str:
        return reverse("innovation:incubator_detail", args=[self.incubator_id])

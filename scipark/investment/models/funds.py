"""Fund-led attraction (基金招商): the industrial investment funds the park helped set up, the park's own
tech-growth equity fund, their partners, and their investments in projects and enterprises.

A fund brings a project when the project names it (``Project.fund``); its leverage is the investment of
the projects it brought ÷ the fund's money in them (``computations.leverage``).
"""

from __future__ import annotations

from typing import ClassVar

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Domain
from scipark.core.models import ParkScopedModel
from scipark.core.tenancy import ParkCopiedScopedModel

from .projects import MONEY

PERCENT = {
    "max_digits": 5,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class Fund(ParkScopedModel):
    """An investment fund the park works with."""

    class Kind(models.TextChoices):
        INDUSTRIAL = "industrial", _("产业投资基金")
        PARK_GROWTH = "park_growth", _("园区科技成长股权投资基金")

    class Status(models.TextChoices):
        PREPARING = "preparing", _("筹建中")
        OPERATING = "operating", _("运行中")
        EXITED = "exited", _("已清算")

    name = models.CharField(_("基金名称"), max_length=150)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, default=Kind.INDUSTRIAL)
    manager = models.CharField(_("管理人(GP)"), max_length=150)
    size = models.DecimalField(_("基金规模(元)"), **MONEY)  # type: ignore[arg-type]
    guidance_share = models.DecimalField(_("政府引导基金出资比例(%)"), null=True, blank=True, **PERCENT)  # type: ignore[arg-type]
    set_up_on = models.DateField(_("设立日期"))
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OPERATING)
    description = models.TextField(_("简介"), blank=True)

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("投资基金")
        verbose_name_plural = _("投资基金")
        ordering = ["set_up_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["park", "name"], name="fund_name_unique_in_park"),
            models.CheckConstraint(
                name="fund_size_positive",
                violation_error_message=_("基金规模须大于 0。"),
                condition=Q(size__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("investment:fund_detail", args=[self.pk])


class FundScopedModel(ParkCopiedScopedModel):
    """A row that belongs to one fund: its reach is the fund's."""

    access_domain: ClassVar[Domain] = Domain.INVESTMENT
    park_parent: ClassVar[str] = "fund"

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse("investment:fund_detail", args=[self.fund_id])  # type: ignore[attr-defined]


class FundPartner(FundScopedModel):
    """A partner (LP) of a fund and its commitment; the shares of one fund add up to at most 100 %."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="partners", verbose_name=_("基金"))
    name = models.CharField(_("合伙人"), max_length=150)
    commitment = models.DecimalField(_("认缴出资(元)"), **MONEY)  # type: ignore[arg-type]
    share = models.DecimalField(_("出资比例(%)"), **PERCENT)  # type: ignore[arg-type]
    is_guidance_fund = models.BooleanField(_("政府引导基金"), default=False)

    class Meta:
        verbose_name = _("基金合伙人")
        verbose_name_plural = _("基金合伙人")
        ordering = ["fund", "-share", "id"]
        constraints = [models.UniqueConstraint(fields=["fund", "name"], name="fund_partner_unique")]

    def __str__(self) -> str:
        return f"{self.fund} · {self.name}"


class FundInvestment(FundScopedModel):
    """The fund's money put into a project of the park or an enterprise, on a date."""

    fund = models.ForeignKey(
        Fund, on_delete=models.CASCADE, related_name="investments", verbose_name=_("基金")
    )
    project = models.ForeignKey(
        "investment.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fund_investments",
        verbose_name=_("项目"),
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("企业"),
    )
    amount = models.DecimalField(_("投资金额(元)"), **MONEY)  # type: ignore[arg-type]
    invested_on = models.DateField(_("投资日期"))
    note = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("基金投资")
        verbose_name_plural = _("基金投资")
        ordering = ["fund", "invested_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="fund_investment_has_target",
                violation_error_message=_("请选择基金投资的项目或企业。"),
                condition=Q(project__isnull=False) | Q(enterprise__isnull=False),
            ),
            models.CheckConstraint(
                name="fund_investment_positive",
                violation_error_message=_("投资金额须大于 0。"),
                condition=Q(amount__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fund} → {self.project or self.enterprise}"

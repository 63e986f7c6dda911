"""Enterprise financing (企业融资): loans by product, listings on exchanges and boards, equity rounds.

Enterprises record their own in the portal; a record counts (figures F2, F3) once the investment
department has confirmed it (DOMAIN.md §7). Loan products are the park's data, not choices in code.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Action, Domain, Grant
from scipark.core.models import ParkScopedModel
from scipark.core.roles import Role
from scipark.core.tenancy import ParkCopiedScopedModel
from scipark.enterprises.models import Enterprise

from .projects import MONEY


class Confirmation(models.TextChoices):
    REPORTED = "reported", _("待确认")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已退回")


class LoanProduct(ParkScopedModel):
    """A loan product the park promotes (科创贷, 专精特新贷, 知识产权质押贷, 人才贷 …)."""

    name = models.CharField(_("产品名称"), max_length=50)
    description = models.CharField(_("说明"), max_length=300, blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    access_domain: ClassVar[Domain] = Domain.INVESTMENT

    class Meta:
        verbose_name = _("贷款产品")
        verbose_name_plural = _("贷款产品")
        ordering = ["park", "name"]
        constraints = [models.UniqueConstraint(fields=["park", "name"], name="loan_product_unique")]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Enterprise users read the products of their own park: they choose one when reporting a loan."""
        if action != Action.VIEW or grant.role != Role.ENTERPRISE_USER or grant.enterprise_id is None:
            return clause
        if Action.VIEW not in grant.actions(Domain.INVESTMENT):
            return clause
        own_park = Q(park_id__in=Enterprise.objects.filter(pk=grant.enterprise_id).values("park_id"))
        return own_park if clause is None else clause | own_park


class FinancingRecord(ParkCopiedScopedModel):
    """What loans, listings and rounds share: the enterprise, who reported it, its confirmation."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    status = models.CharField(
        _("确认状态"), max_length=12, choices=Confirmation.choices, default=Confirmation.REPORTED
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("填报人"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("确认人"),
    )
    confirmed_on = models.DateField(_("确认日期"), null=True, blank=True)
    reject_reason = models.CharField(_("退回原因"), max_length=300, blank=True)

    access_domain: ClassVar[Domain] = Domain.INVESTMENT
    park_parent: ClassVar[str] = "enterprise"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        abstract = True


class Loan(FinancingRecord):
    """A loan granted to an enterprise."""

    product = models.ForeignKey(
        LoanProduct, on_delete=models.PROTECT, related_name="loans", verbose_name=_("产品")
    )
    bank = models.CharField(_("贷款银行"), max_length=100)
    amount = models.DecimalField(_("贷款金额(元)"), **MONEY)  # type: ignore[arg-type]
    rate = models.DecimalField(
        _("年利率(%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    granted_on = models.DateField(_("放款日期"))
    term_months = models.PositiveSmallIntegerField(_("期限(月)"), validators=[MinValueValidator(1)])
    # The bank's number for the loan: what an imported ledger row is recognised by (idempotent imports).
    contract_no = models.CharField(_("借款合同编号"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("贷款")
        verbose_name_plural = _("贷款")
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="loan_amount_positive",
                violation_error_message=_("贷款金额须大于 0。"),
                condition=Q(amount__gt=0),
            ),
            models.UniqueConstraint(
                fields=["bank", "contract_no"],
                condition=~Q(contract_no=""),
                name="loan_contract_no_unique",
                violation_error_message=_("该银行的这一借款合同编号已经登记。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.product} · {self.granted_on}"

    def get_absolute_url(self) -> str:
        return reverse("investment:loan_list")


class Listing(FinancingRecord):
    """An enterprise listed on an exchange or one of its boards (挂牌/上市)."""

    exchange = models.CharField(_("交易场所"), max_length=60)
    board = models.CharField(_("板块"), max_length=60, blank=True)
    listed_on = models.DateField(_("挂牌日期"))
    code = models.CharField(_("挂牌代码"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("挂牌上市")
        verbose_name_plural = _("挂牌上市")
        ordering = ["-listed_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "exchange", "board"], name="listing_once_per_board")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.exchange} {self.board}"

    def get_absolute_url(self) -> str:
        return reverse("investment:listing_list")


class EquityRound(FinancingRecord):
    """An equity financing round of an enterprise."""

    round_name = models.CharField(_("轮次"), max_length=20)
    amount = models.DecimalField(_("融资金额(元)"), **MONEY)  # type: ignore[arg-type]
    investors = models.CharField(_("投资方"), max_length=300)
    closed_on = models.DateField(_("完成日期"))

    class Meta:
        verbose_name = _("股权融资")
        verbose_name_plural = _("股权融资")
        ordering = ["-closed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="equity_round_positive",
                violation_error_message=_("融资金额须大于 0。"),
                condition=Q(amount__gt=0),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.round_name}"

    def get_absolute_url(self) -> str:
        return reverse("investment:round_list")

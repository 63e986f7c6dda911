"""全覆盖 campaigns: a target set of enterprises, rounds, and per enterprise and round a result."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Action, Domain, Grant
from scipark.core.models import ParkScopedModel
from scipark.core.roles import Role

from .base import DepartmentKeptModel


class Campaign(ParkScopedModel):
    """One coverage campaign of a year: water monitoring rounds, hazardous-waste inspections, soil …"""

    class Kind(models.TextChoices):
        WATER_MONITORING = "water_monitoring", _("涉水企业监督性监测")
        WASTE_INSPECTION = "waste_inspection", _("危险废物规范化检查")
        SOIL_MONITORING = "soil_monitoring", _("土壤监测")
        AIR_MONITORING = "air_monitoring", _("废气监督性监测")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=150)
    description = models.TextField(_("说明"), blank=True)
    #: The target set by rule (``targeting.TargetRule``); empty: the set is the typed list of targets.
    target_rule = models.JSONField(_("对象规则"), default=dict, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("全覆盖行动")
        verbose_name_plural = _("全覆盖行动")
        ordering = ["-year", "kind", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("environment:campaign_detail", args=[self.pk])

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """An enterprise reads the campaigns it is a target of: there it finds and answers its own results
        (the campaign has no enterprise of its own, so the core rule alone would hide it)."""
        if grant.role == Role.ENTERPRISE_USER and action == Action.VIEW and grant.enterprise_id:
            targeted = CampaignTarget.objects.filter(enterprise_id=grant.enterprise_id).values("campaign_id")
            return Q(pk__in=targeted)  # a subquery: no duplicate rows from the join
        return clause


class CampaignRound(ParkScopedModel):
    """A round of a campaign (第一轮 …) with its period."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("行动")
    )
    number = models.PositiveSmallIntegerField(_("轮次"))
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT

    class Meta:
        verbose_name = _("行动轮次")
        verbose_name_plural = _("行动轮次")
        ordering = ["campaign", "number"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "number"], name="campaign_round_once"),
            models.CheckConstraint(
                name="campaign_round_ordered",
                violation_error_message=_("结束日期不能早于开始日期。"),
                condition=Q(ends_on__gte=F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return _("%(campaign)s 第%(number)s轮") % {"campaign": self.campaign, "number": self.number}

    def get_absolute_url(self) -> str:
        return reverse("environment:campaign_detail", args=[self.campaign_id])


class CampaignTarget(DepartmentKeptModel):
    """An enterprise in a campaign's target set, from the day it joined until the day it left (if it did)."""

    class Category(models.TextChoices):
        KEY = "key", _("重点")
        NON_KEY = "non_key", _("非重点")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("行动")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    category = models.CharField(_("类别"), max_length=10, choices=Category.choices, default=Category.NON_KEY)
    joined_on = models.DateField(_("纳入日期"))
    left_on = models.DateField(_("移出日期"), null=True, blank=True)
    left_reason = models.CharField(_("移出原因"), max_length=200, blank=True)

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("行动对象")
        verbose_name_plural = _("行动对象")
        ordering = ["campaign", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "enterprise"], name="campaign_target_once"),
            models.CheckConstraint(
                name="campaign_target_ordered",
                violation_error_message=_("移出日期不能早于纳入日期。"),
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("environment:campaign_detail", args=[self.campaign_id])


class CampaignResult(ParkScopedModel):
    """What one round found at one enterprise: the outcome, the checklist (waste inspections), evidence."""

    class Outcome(models.TextChoices):
        COMPLIANT = "compliant", _("达标")
        BASICALLY = "basically", _("基本达标")
        NON_COMPLIANT = "non_compliant", _("不达标")

    target = models.ForeignKey(
        CampaignTarget, on_delete=models.CASCADE, related_name="results", verbose_name=_("行动对象")
    )
    round = models.ForeignKey(
        CampaignRound, on_delete=models.PROTECT, related_name="results", verbose_name=_("轮次")
    )
    done_on = models.DateField(_("完成日期"))
    outcome = models.CharField(_("结论"), max_length=14, choices=Outcome.choices)
    checklist = models.JSONField(_("检查项"), default=dict, blank=True)
    notes = models.TextField(_("说明"), blank=True)
    evidence = models.FileField(_("证明材料"), upload_to="environment/results/", blank=True, max_length=300)
    evidence_name = models.CharField(_("证明材料文件名"), max_length=200, blank=True)
    evidence_type = models.CharField(_("证明材料类型"), max_length=100, blank=True)
    response = models.TextField(_("企业说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    access_domain: ClassVar[Domain] = Domain.ENVIRONMENT
    scope_enterprise_field: ClassVar[str | None] = "target__enterprise"

    class Meta:
        verbose_name = _("行动结果")
        verbose_name_plural = _("行动结果")
        ordering = ["round", "target"]
        constraints = [models.UniqueConstraint(fields=["target", "round"], name="campaign_result_once")]

    def __str__(self) -> str:
        return _("%(target)s 第%(number)s轮") % {"target": self.target, "number": self.round.number}

    def get_absolute_url(self) -> str:
        return reverse("environment:campaign_detail", args=[self.target.campaign_id])

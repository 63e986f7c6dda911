"""The industry-chain party-building alliance (产业链党建联盟) and its three lists (三张清单).

An alliance belongs to a park; its chains (传统医药, 新型医药 …) hold member enterprises placed up-,
mid- or downstream, member party organisations and participating departments. Members raise needs
(需求清单), members and departments offer resources (资源清单), and staff run joint actions
(项目清单) that match needs to resources.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core.access import Action, Domain, Grant
from scipark.core.changelog import ChangeLog
from scipark.core.models import ScopedModel
from scipark.core.tenancy import ParkCopiedScopedModel

from .membership import MemberClause, open_to_members, partner_action_ids


class Segment(models.TextChoices):
    """Where a member enterprise sits in its chain."""

    UPSTREAM = "upstream", _("上游")
    MIDSTREAM = "midstream", _("中游")
    DOWNSTREAM = "downstream", _("下游")


class Category(models.TextChoices):
    """What a need asks for, or a resource offers (shared, so that matching can compare them)."""

    LABOUR = "labour", _("用工")
    FINANCE = "finance", _("融资")
    TECHNOLOGY = "technology", _("技术")
    MARKET = "market", _("市场")
    POLICY = "policy", _("政策")
    SUPPORTING = "supporting", _("配套")
    LOGISTICS = "logistics", _("物流")
    OTHER = "other", _("其他")


class Alliance(ScopedModel):
    """A park's industry-chain party-building alliance (one per park)."""

    park = models.OneToOneField(
        "parks.Park", on_delete=models.PROTECT, related_name="alliance", verbose_name=_("园区")
    )
    name = models.CharField(_("名称"), max_length=100)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    lead_department = models.ForeignKey(
        "parks.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("牵头部门"),
    )
    description = models.TextField(_("简介"), blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE

    class Meta:
        verbose_name = _("产业链党建联盟")
        verbose_name_plural = _("产业链党建联盟")
        ordering = ["park"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Members read their alliance."""
        return open_to_members(grant, action, clause, _in_alliances("pk"))


class Chain(ParkCopiedScopedModel):
    """One industry chain of the alliance (传统医药, 新型医药, 康养医疗 …)."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="chains", verbose_name=_("联盟")
    )
    name = models.CharField(_("产业链"), max_length=50)
    description = models.TextField(_("说明"), blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0)
    # A chain counts in a year's figures (S3) only from the day it was set up.
    founded_on = models.DateField(_("成立日期"), default=dt.date.today)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "alliance"

    class Meta:
        verbose_name = _("产业链")
        verbose_name_plural = _("产业链")
        ordering = ["alliance", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["alliance", "name"], name="chain_name_unique")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliance:chain_detail", args=[self.pk])

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Members read every chain of their alliance."""
        return open_to_members(grant, action, clause, _in_alliances("alliance_id"))


class PartyOrganization(ParkCopiedScopedModel):
    """A party organisation in the alliance: of a member enterprise, a department, or an outside unit."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"secretary": "党建联盟:联系党组织书记、组织联建活动"}

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("党委")
        GENERAL_BRANCH = "general_branch", _("党总支")
        BRANCH = "branch", _("党支部")
        JOINT_BRANCH = "joint_branch", _("联合党支部")

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, related_name="party_orgs", verbose_name=_("联盟")
    )
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("组织类型"), max_length=20, choices=Kind.choices, default=Kind.BRANCH)
    secretary = models.CharField(_("书记"), max_length=50, blank=True)
    member_count = models.PositiveIntegerField(_("党员人数"), default=0)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属企业"),
    )
    department = models.ForeignKey(
        "parks.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所属部门"),
    )
    unit_name = models.CharField(
        _("所属单位(园区外)"), max_length=100, blank=True, help_text=_("如通信运营商、高校等园区外单位")
    )

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "alliance"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        ordering = ["alliance", "name"]
        constraints = [
            models.CheckConstraint(
                name="party_org_one_owner",
                violation_error_message=_("所属企业和所属部门不能同时填写。"),
                condition=~(Q(enterprise__isnull=False) & Q(department__isnull=False)),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def belongs_to(self) -> str:
        """The enterprise, department or outside unit the organisation belongs to."""
        if self.enterprise_id:
            return str(self.enterprise)
        if self.department_id:
            return self.department.name if self.department else ""
        return self.unit_name


class ChainMember(ParkCopiedScopedModel):
    """A member of a chain: an enterprise (with segment and role), a party organisation or a department."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("成员企业")
        PARTY_ORG = "party_org", _("党组织")
        DEPARTMENT = "department", _("园区部门")

    chain = models.ForeignKey(
        Chain, on_delete=models.CASCADE, related_name="members", verbose_name=_("产业链")
    )
    kind = models.CharField(_("成员类型"), max_length=20, choices=Kind.choices)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("企业"),
    )
    party_org = models.ForeignKey(
        PartyOrganization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="chain_memberships",
        verbose_name=_("党组织"),
    )
    department = models.ForeignKey(
        "parks.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )
    segment = models.CharField(_("链上位置"), max_length=20, choices=Segment.choices, blank=True)
    role = models.CharField(
        _("链上角色"), max_length=100, blank=True, help_text=_("如:藏药材种植、中成药生产")
    )
    joined_on = models.DateField(_("加入日期"), null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "chain"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("联盟成员")
        verbose_name_plural = _("联盟成员")
        ordering = ["chain", "kind", "segment", "id"]
        constraints = [
            models.CheckConstraint(
                name="chain_member_matches_kind",
                violation_error_message=_("请选择且只选择一个企业、党组织或部门。"),
                condition=(
                    Q(
                        kind="enterprise",
                        enterprise__isnull=False,
                        party_org__isnull=True,
                        department__isnull=True,
                    )
                    | Q(
                        kind="party_org",
                        enterprise__isnull=True,
                        party_org__isnull=False,
                        department__isnull=True,
                    )
                    | Q(
                        kind="department",
                        enterprise__isnull=True,
                        party_org__isnull=True,
                        department__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["chain", "enterprise"],
                name="chain_member_enterprise_once",
                violation_error_message=_("该企业已在这条产业链中。"),
                condition=Q(kind="enterprise"),
            ),
            models.UniqueConstraint(
                fields=["chain", "party_org"],
                name="chain_member_party_org_once",
                violation_error_message=_("该党组织已在这条产业链中。"),
                condition=Q(kind="party_org"),
            ),
            models.UniqueConstraint(
                fields=["chain", "department"],
                name="chain_member_department_once",
                violation_error_message=_("该部门已在这条产业链中。"),
                condition=Q(kind="department"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.chain} · {self.member_name}"

    @property
    def member_name(self) -> str:
        target = self.enterprise or self.party_org or self.department
        return getattr(target, "name", "") if target else ""


class ListItem(ParkCopiedScopedModel):
    """What needs and resources share: the alliance, a chain, a category, keywords and publication."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+", verbose_name=_("联盟"))
    chain = models.ForeignKey(
        Chain, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("产业链")
    )
    title = models.CharField(_("标题"), max_length=120)
    category = models.CharField(_("类别"), max_length=20, choices=Category.choices)
    keywords = models.CharField(
        _("关键词"), max_length=200, blank=True, help_text=_("用顿号、逗号或空格分隔")
    )
    description = models.TextField(_("说明"), blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("企业"),
    )
    party_org = models.ForeignKey(
        PartyOrganization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("党组织"),
    )
    published = models.BooleanField(_("在联盟内公开"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "alliance"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Members read what their alliance publishes."""
        return open_to_members(grant, action, clause, _published_in_alliances("published", "alliance_id"))


class Need(ListItem):
    """A need (需求清单) raised by a member enterprise or party organisation."""

    class Urgency(models.TextChoices):
        LOW = "low", _("一般")
        NORMAL = "normal", _("较急")
        HIGH = "high", _("紧急")

    class Status(models.TextChoices):
        OPEN = "open", _("待对接")
        MATCHED = "matched", _("已对接")
        MET = "met", _("已解决")
        CLOSED = "closed", _("已关闭")

    urgency = models.CharField(_("紧急程度"), max_length=10, choices=Urgency.choices, default=Urgency.LOW)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    raised_on = models.DateField(_("提出日期"))
    met_on = models.DateField(_("解决日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("需求")
        verbose_name_plural = _("需求清单")
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["alliance", "status"])]

    def get_absolute_url(self) -> str:
        return reverse("alliance:need_detail", args=[self.pk])


class Resource(ListItem):
    """A resource (资源清单) offered by a member enterprise, party organisation or department."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("可提供")
        WITHDRAWN = "withdrawn", _("已撤回")

    department = models.ForeignKey(
        "parks.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )
    capacity = models.CharField(
        _("可提供能力"), max_length=200, blank=True, help_text=_("如:每月 200 吨冷链运力")
    )
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期止"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.AVAILABLE)

    class Meta:
        verbose_name = _("资源")
        verbose_name_plural = _("资源清单")
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                name="resource_validity_ordered",
                violation_error_message=_("有效期止不能早于有效期起。"),
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("alliance:resource_detail", args=[self.pk])


class JointAction(ParkCopiedScopedModel):
    """A joint action (项目清单): a project that meets one or more needs with resources."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"owner_person": "联合项目:联系责任人、督办进度"}

    class Status(models.TextChoices):
        PLANNED = "planned", _("未开始")
        IN_PROGRESS = "in_progress", _("推进中")
        DONE = "done", _("已完成")
        CANCELLED = "cancelled", _("已取消")

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="+", verbose_name=_("联盟"))
    chain = models.ForeignKey(
        Chain, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("产业链")
    )
    title = models.CharField(pgettext_lazy("joint action", "项目名称"), max_length=120)
    needs = models.ManyToManyField(Need, related_name="actions", verbose_name=_("对接需求"))
    resources = models.ManyToManyField(
        Resource, blank=True, related_name="actions", verbose_name=_("对接资源")
    )
    owner_department = models.ForeignKey(
        "parks.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("责任部门")
    )
    owner_person = models.CharField(_("责任人"), max_length=50)
    partners = models.ManyToManyField(
        "enterprises.Enterprise", blank=True, related_name="+", verbose_name=_("参与企业")
    )
    partner_orgs = models.ManyToManyField(
        PartyOrganization, blank=True, related_name="+", verbose_name=_("参与党组织")
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    start_on = models.DateField(_("开始日期"))
    due_on = models.DateField(_("计划完成日期"))
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    outcome = models.TextField(_("成效"), blank=True)
    published = models.BooleanField(_("在联盟内公开"), default=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "alliance"

    changelog: ClassVar[ChangeLog] = ChangeLog(m2m_fields={"needs", "resources", "partners", "partner_orgs"})

    class Meta:
        verbose_name = _("联合项目")
        verbose_name_plural = _("项目清单")
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="action_due_after_start",
                violation_error_message=_("计划完成日期不能早于开始日期。"),
                condition=Q(due_on__gte=models.F("start_on")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.pk])

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Members read the published joint actions of their alliance and those they take part in."""
        return open_to_members(grant, action, clause, _published_or_partnered(""))


class Milestone(ParkCopiedScopedModel):
    """A step of a joint action; done milestones make up its progress."""

    action = models.ForeignKey(
        JointAction,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=pgettext_lazy("joint action", "项目"),
    )
    title = models.CharField(_("节点"), max_length=120)
    weight = models.PositiveSmallIntegerField(
        _("权重"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    due_on = models.DateField(_("计划日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "action"

    class Meta:
        verbose_name = _("项目节点")
        verbose_name_plural = _("项目节点")
        ordering = ["action", "due_on", "id"]

    def __str__(self) -> str:
        return f"{self.action} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("alliance:action_detail", args=[self.action_id])

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """A joint action's milestones are read with the action."""
        return open_to_members(grant, action, clause, _published_or_partnered("action__"))


# --- member clauses (see membership.py) -----------------------------------------------------------


def _in_alliances(field: str) -> MemberClause:
    def clause(alliances: QuerySet[Any], enterprise_id: int) -> Q:
        return Q(**{f"{field}__in": alliances})

    return clause


def _published_in_alliances(published: str, alliance: str) -> MemberClause:
    def clause(alliances: QuerySet[Any], enterprise_id: int) -> Q:
        return Q(**{published: True, f"{alliance}__in": alliances})

    return clause


def _published_or_partnered(prefix: str) -> MemberClause:
    """A joint action (reached through ``prefix``) its alliance publishes, or one the member is in."""
    published = _published_in_alliances(f"{prefix}published", f"{prefix}alliance_id")

    def clause(alliances: QuerySet[Any], enterprise_id: int) -> Q:
        pk = f"{prefix}id" if prefix else "pk"
        return published(alliances, enterprise_id) | Q(**{f"{pk}__in": partner_action_ids(enterprise_id)})

    return clause

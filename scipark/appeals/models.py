"""Enterprise appeals (诉求): categories, the appeal and its timeline, attachments, ratings, visits and
the working-day calendar that deadlines are counted in.

The workflow's states and allowed transitions live in ``workflow.py``; every write is a service in
``services/``; who sees which appeal is ``core.access`` narrowed by ``Appeal.scope_grant_clause`` (the
department narrowing of ADR 0007).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.access import Action, Domain, Grant
from scipark.core.changelog import ChangeLog
from scipark.core.models import ParkScopedModel
from scipark.core.querysets import RestrictedQuerySet
from scipark.core.roles import DepartmentKind, Role
from scipark.core.tenancy import ParkCopied, ParkCopiedRestrictedQuerySet
from scipark.core.validators import validate_phone
from scipark.enterprises.models import Enterprise

DESCRIPTION_MAX = 4000


class AppealState(models.TextChoices):
    """Where an appeal stands (受理 → 转办 → 办理中 → 办结 → 回访/评价 → 归档, with 退回 and reopen).

    已退回 is ``sent_back``, not "returned": a monthly return (月报) is a "return" in the economy module.
    """

    SUBMITTED = "submitted", _("待受理")
    ACCEPTED = "accepted", _("已受理")
    ASSIGNED = "assigned", _("已转办")
    IN_PROGRESS = "in_progress", _("办理中")
    SENT_BACK = "sent_back", _("已退回")
    CONCLUDED = "concluded", _("已办结")
    RATED = "rated", _("已回访")
    ARCHIVED = "archived", _("已归档")


#: States in which the appeal is still being worked on (the deadline runs).
OPEN_STATES = frozenset(
    {
        AppealState.SUBMITTED,
        AppealState.ACCEPTED,
        AppealState.ASSIGNED,
        AppealState.IN_PROGRESS,
        AppealState.SENT_BACK,
    }
)
CLOSED_STATES = frozenset({AppealState.CONCLUDED, AppealState.RATED, AppealState.ARCHIVED})


class AppealChannel(models.TextChoices):
    """How the appeal reached the park."""

    PORTAL = "portal", _("企业门户")
    WORK_GROUP = "work_group", _("工作群")
    PHONE = "phone", _("电话")
    VISIT = "visit", _("走访")
    LETTER = "letter", _("来信")
    OPEN311 = "open311", _("Open311 客户端")


#: What staff edit of a category (the form, the API's fields and the services share the list).
CATEGORY_FIELDS = (
    "code",
    "name",
    "description",
    "group",
    "keywords",
    "default_department",
    "time_limit_days",
    "is_active",
    "order",
)


class AppealCategory(ParkScopedModel):
    """A park's kind of appeal, with the department that handles it and its time limit in working days."""

    code = models.SlugField(
        _("代码"), max_length=50, help_text=_("字母、数字、连字符;也是 Open311 的 service_code")
    )
    name = models.CharField(_("名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    group = models.CharField(_("分组"), max_length=50, blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True, help_text=_("以逗号或空格分隔"))
    default_department = models.ForeignKey(
        "parks.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("默认承办部门")
    )
    time_limit_days = models.PositiveSmallIntegerField(
        _("办理时限(工作日)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    access_domain: ClassVar[Domain] = Domain.SERVICE

    class Meta:
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        ordering = ["park", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["park", "code"], name="appeal_category_code_unique")]

    def __str__(self) -> str:
        return self.name

    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.replace(",", " ").replace(",", " ").split() if k]

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Staff per ``core.access``; enterprise users also read their park's active categories (they
        choose one when filing)."""
        if grant.role == Role.ENTERPRISE_USER and action == Action.VIEW and grant.enterprise_id is not None:
            park = Enterprise.objects.filter(pk=grant.enterprise_id).values("park_id")
            widened = Q(park_id__in=park, is_active=True)
            return widened if clause is None else clause | widened
        return clause


class AppealQuerySet(RestrictedQuerySet):
    """Appeals, with the inbox's "past the deadline" question."""

    def overdue(self, now: Any = None) -> Self:
        """Open appeals past their deadline."""
        return self.filter(state__in=OPEN_STATES, due_at__lt=now or timezone.now())


class Appeal(ParkScopedModel):
    """One appeal (诉求) of an enterprise or a member of the public, from intake to archive."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {
        "requester_name": "办理诉求:联系诉求人、回访",
        "requester_phone": "办理诉求:联系诉求人、回访",
        "requester_email": "办理诉求:通知办理结果",
    }

    number = models.CharField(_("编号"), max_length=20, unique=True, editable=False)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
        verbose_name=_("企业"),
    )
    #: The enterprise an outside requester (Open311) named: kept for the 企业服务 dispatcher, who confirms
    #: or corrects it when accepting the appeal; only then is ``enterprise`` set (SECURITY.md row 2).
    claimed_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("诉求人所称企业"),
        help_text=_("外部诉求人指明的企业,受理时由企业服务部门确认或更正后才关联"),
    )
    category = models.ForeignKey(
        AppealCategory, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("类别")
    )
    title = models.CharField(_("标题"), max_length=200)
    description = models.TextField(_("诉求内容"), validators=[MaxLengthValidator(DESCRIPTION_MAX)])
    channel = models.CharField(_("渠道"), max_length=20, choices=AppealChannel.choices)
    state = models.CharField(
        _("状态"), max_length=20, choices=AppealState.choices, default=AppealState.SUBMITTED, db_index=True
    )
    lead_department = models.ForeignKey(
        "parks.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("牵头部门"),
    )
    co_handlers = models.ManyToManyField(
        "parks.Department",
        through="AppealDepartment",
        related_name="+",
        blank=True,
        verbose_name=_("协办部门"),
    )
    requester_name = models.CharField(_("诉求人"), max_length=50, blank=True)
    requester_phone = models.CharField(_("联系电话"), max_length=20, blank=True, validators=[validate_phone])
    requester_email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("地点"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    attributes = models.JSONField(_("附加属性"), default=dict, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("提交人"),
    )
    received_at = models.DateTimeField(_("受理时间"), default=timezone.now, db_index=True)
    due_at = models.DateTimeField(_("办理期限"), db_index=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True, db_index=True)
    resolved = models.BooleanField(_("已解决"), default=False)
    reply = models.TextField(_("答复"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)])
    overdue = models.BooleanField(_("已超期"), default=False, db_index=True)
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    deadline_reminded_at = models.DateTimeField(_("临期提醒时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    objects = AppealQuerySet.as_manager()  # type: ignore[misc]  # narrower restricting queryset

    changelog: ClassVar[ChangeLog] = ChangeLog(m2m_fields={"co_handlers"})

    class Meta:
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["park", "state", "due_at"], name="appeal_park_state_due")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("appeals:appeal_detail", kwargs={"pk": self.pk})

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """``core.access`` decides park and enterprise; then a department other than 企业服务 reaches only
        what it leads or co-handles (ADR 0007), while leaders and 企业服务 reach the whole park."""
        if (
            clause is None
            or grant.role != Role.DEPARTMENT_STAFF
            or grant.department == DepartmentKind.SERVICE
        ):
            return clause
        handled = AppealDepartment.objects.filter(
            department__park_id=grant.park_id or 0, department__kind=grant.department
        ).values("appeal_id")
        return clause & (Q(lead_department__kind=grant.department) | Q(pk__in=handled))

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        """Past the deadline while open, or closed after it (shown as 超期 everywhere)."""
        if self.is_open:
            return self.overdue or timezone.now() > self.due_at
        return self.closed_at is not None and self.closed_at > self.due_at

    @property
    def on_time(self) -> bool | None:
        if self.closed_at is None:
            return None
        return self.closed_at <= self.due_at


class AppealDepartment(ParkCopied):
    """A co-handling department of an appeal (the lead is ``Appeal.lead_department``)."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="co_handling")
    department = models.ForeignKey("parks.Department", on_delete=models.PROTECT, related_name="+")

    park_parent: ClassVar[str] = "appeal"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("协办部门的增减记在诉求的协办部门变更与办理记录里")

    class Meta:
        verbose_name = _("协办部门")
        verbose_name_plural = _("协办部门")
        constraints = [
            models.UniqueConstraint(fields=["appeal", "department"], name="appeal_department_unique")
        ]

    def __str__(self) -> str:
        return f"{self.appeal_id} · {self.department}"


class AppealStep(ParkCopied):
    """One entry of an appeal's timeline: who did what when, from which state to which, with notes."""

    PERSONAL_FIELDS: ClassVar[dict[str, str]] = {"actor_name": "诉求办理:记录办理人、追溯办理过程"}

    class Action(models.TextChoices):
        SUBMIT = "submit", _("提交")
        ACCEPT = "accept", _("受理")
        ASSIGN = "assign", _("转办")
        START = "start", _("开始办理")
        SEND_BACK = "send_back", _("退回")
        CONCLUDE = "conclude", _("办结")
        RATE = "rate", _("回访评价")
        REOPEN = "reopen", _("重办")
        ARCHIVE = "archive", _("归档")
        NOTE = "note", _("备注")
        ESCALATE = "escalate", _("超期督办")

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="steps", verbose_name=_("诉求"))
    action = models.CharField(_("操作"), max_length=20, choices=Action.choices)
    from_state = models.CharField(_("原状态"), max_length=20, choices=AppealState.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=20, choices=AppealState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("操作人"),
    )
    actor_name = models.CharField(_("操作人姓名"), max_length=100, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    notes = models.TextField(_("说明"), blank=True, validators=[MaxLengthValidator(DESCRIPTION_MAX)])
    internal = models.BooleanField(_("仅工作人员可见"), default=False)
    detail = models.JSONField(_("详情"), default=dict, blank=True)

    park_parent: ClassVar[str] = "appeal"
    changelog: ClassVar[ChangeLog] = ChangeLog.off("办理记录本身就是诉求只追加的过程记录")

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.get_action_display()}"


def attachment_path(instance: AppealAttachment, filename: str) -> str:
    now = timezone.now()
    return f"appeals/{now:%Y/%m}/{filename}"


class AppealAttachment(ParkCopied):
    """A file attached to an appeal (at intake or at a step); type and size are checked by the service."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("诉求")
    )
    step = models.ForeignKey(
        AppealStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
        verbose_name=_("办理记录"),
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=300)
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "appeal"
    objects = ParkCopiedRestrictedQuerySet.as_manager()  # type: ignore[misc]

    changelog: ClassVar[ChangeLog] = ChangeLog.off("附件上传后不修改,上传记在所属的办理记录里")

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """An attachment is within reach when its appeal is (its park column is a copy of the appeal's)."""
        reach = Appeal.scope_grant_clause(
            grant, action, access.grant_clause(Appeal, grant, Domain.SERVICE, action)
        )
        return None if reach is None else Q(appeal__in=Appeal.objects.filter(reach).values("pk"))


class AppealRating(ParkCopied):
    """The requester's rating of a concluded appeal (回访/评价); a score below 3 reopens it."""

    SATISFIED_FROM: ClassVar[int] = 3

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("诉求")
    )
    score = models.PositiveSmallIntegerField(
        _("满意度"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.CharField(_("评价"), max_length=1000, blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rated_at = models.DateTimeField(_("评价时间"), default=timezone.now)

    park_parent: ClassVar[str] = "appeal"

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")
        ordering = ["rated_at", "id"]

    def __str__(self) -> str:
        return f"{self.appeal_id}: {self.score}"

    @property
    def satisfied(self) -> bool:
        return self.score >= self.SATISFIED_FROM


class CalendarDay(models.Model):
    """A day that breaks the Monday-Friday rule: a public holiday on a weekday, or a working weekend day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=50, blank=True, default="")

    class Meta:
        verbose_name = _("节假日与调休")
        verbose_name_plural = _("节假日与调休")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Visit(ParkScopedModel):
    """A staff visit (走访) to an enterprise; issues raised become appeals with channel 走访."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="visits", verbose_name=_("企业")
    )
    visited_on = models.DateField(_("走访日期"))
    department = models.ForeignKey(
        "parks.Department",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("走访部门"),
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("走访人员")
    )
    participants = models.CharField(
        _("参加人员"), max_length=300, blank=True, help_text=_("企业方及其他参加人员")
    )
    notes = models.TextField(_("走访记录"), validators=[MaxLengthValidator(DESCRIPTION_MAX)])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("记录人"),
    )
    appeals = models.ManyToManyField(Appeal, blank=True, related_name="visits", verbose_name=_("形成诉求"))

    access_domain: ClassVar[Domain] = Domain.SERVICE
    #: No enterprise path: visit records are the staff's notes, enterprise users do not read them.
    scope_enterprise_field: ClassVar[str | None] = None

    changelog: ClassVar[ChangeLog] = ChangeLog(m2m_fields={"appeals", "staff"})

    class Meta:
        verbose_name = _("走访")
        verbose_name_plural = _("走访")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("appeals:visit_detail", kwargs={"pk": self.pk})


__all__ = [
    "Appeal",
    "AppealAttachment",
    "AppealCategory",
    "AppealChannel",
    "AppealDepartment",
    "AppealRating",
    "AppealState",
    "AppealStep",
    "CalendarDay",
    "Visit",
]

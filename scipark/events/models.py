"""Events the park organises for its enterprises: job fairs (招聘会), policy briefings, trainings, matchmaking.

An event has participating enterprises; at a job fair each offers posts (岗位), and after the event
staff record the résumés each received and the hires it made.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.access import Action, Domain, Grant
from scipark.core.models import ParkScopedModel
from scipark.core.roles import Role
from scipark.core.tenancy import ParkCopiedScopedModel
from scipark.enterprises.models import Enterprise


class Event(ParkScopedModel):
    """An event organised by a department of the park."""

    class Kind(models.TextChoices):
        JOB_FAIR = "job_fair", _("招聘会")
        POLICY_BRIEFING = "policy_briefing", _("政策宣讲")
        TRAINING = "training", _("培训")
        MATCHMAKING = "matchmaking", _("对接会")
        OTHER = "other", _("其他")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("筹备中")
        HELD = "held", _("已举办")
        CANCELLED = "cancelled", _("已取消")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=150)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    place = models.CharField(_("地点"), max_length=200)
    organiser = models.ForeignKey(
        "parks.Department", on_delete=models.PROTECT, related_name="+", verbose_name=_("主办部门")
    )
    description = models.TextField(_("说明"), blank=True)
    registration_open = models.BooleanField(_("接受企业报名"), default=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    attendees = models.PositiveIntegerField(_("到场人数"), null=True, blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE

    class Meta:
        verbose_name = _("活动")
        verbose_name_plural = _("活动与招聘会")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["park", "kind", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start",
                violation_error_message=_("结束时间不能早于开始时间。"),
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.pk])

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Enterprise users read the events of their own park (they are announced) and may add to them
        (register their participation: ``ADD`` on an event means that)."""
        opened = (
            action in (Action.VIEW, Action.ADD)
            and grant.role == Role.ENTERPRISE_USER
            and Action.VIEW in grant.actions(Domain.SERVICE)
        )
        if not opened or grant.enterprise_id is None or (clause is not None and not clause):
            return clause
        own_park = Q(park_id__in=Enterprise.objects.filter(pk=grant.enterprise_id).values("park_id"))
        return own_park if clause is None else clause | own_park


class Participation(ParkCopiedScopedModel):
    """An enterprise taking part in an event; résumés and hires are recorded after the event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participations", verbose_name=_("活动")
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.PROTECT, related_name="+", verbose_name=_("企业")
    )
    contact_note = models.CharField(_("备注"), max_length=200, blank=True)
    resumes = models.PositiveIntegerField(_("收到简历"), null=True, blank=True)
    hires = models.PositiveIntegerField(_("达成录用"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("报名人"),
    )

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "event"
    scope_enterprise_field: ClassVar[str | None] = "enterprise"

    class Meta:
        verbose_name = _("参会企业")
        verbose_name_plural = _("参会企业")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "enterprise"], name="participation_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.event_id])


class Post(ParkCopiedScopedModel):
    """A post (岗位) an enterprise offers at an event."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="posts", verbose_name=_("参会企业")
    )
    title = models.CharField(_("岗位"), max_length=100)
    headcount = models.PositiveIntegerField(_("招聘人数"), validators=[MinValueValidator(1)])
    salary_min = models.DecimalField(
        _("月薪下限(元)"),
        max_digits=9,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    salary_max = models.DecimalField(
        _("月薪上限(元)"),
        max_digits=9,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    requirements = models.CharField(_("任职要求"), max_length=300, blank=True)

    access_domain: ClassVar[Domain] = Domain.SERVICE
    park_parent: ClassVar[str] = "participation"
    scope_enterprise_field: ClassVar[str | None] = "participation__enterprise"

    class Meta:
        verbose_name = _("岗位")
        verbose_name_plural = _("岗位")
        ordering = ["participation", "id"]
        constraints = [
            models.CheckConstraint(
                name="post_salary_ordered",
                violation_error_message=_("月薪上限不能低于月薪下限。"),
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_max__gte=models.F("salary_min")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event_detail", args=[self.participation.event_id])

    @property
    def salary_range(self) -> str:
        if self.salary_min is None and self.salary_max is None:
            return str(_("面议"))
        low = f"{self.salary_min:,.0f}" if self.salary_min is not None else ""
        high = f"{self.salary_max:,.0f}" if self.salary_max is not None else ""
        return f"{low}–{high}"

"""What the reports app keeps: the annual summary's narrative per park, year and section, every summary
document generated, with the values and source counts it printed, and the indicator alerts of the daily
evaluation.

Both belong to one park. Zone viewers do not reach them (the narrative and the document may name
enterprises); the park's department staff write the narrative, staff and the park leader generate documents.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from scipark.core import access
from scipark.core.access import Action, Domain, Grant
from scipark.core.changelog import ChangeLog
from scipark.core.messages import shown
from scipark.core.models import ParkScopedModel
from scipark.core.roles import DepartmentKind, Role
from scipark.core.terms import data_term

from .catalogue import SECTIONS

WRITE_ACTIONS = frozenset({Action.ADD, Action.CHANGE})


class SummaryRecord(ParkScopedModel):
    """A row of the annual summary: read by the park's people, written by ``writer_roles`` of that park."""

    access_domain: ClassVar[Domain] = Domain.REPORTS
    writer_roles: ClassVar[frozenset[Role]] = frozenset()

    class Meta:
        abstract = True

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Reports are read-only to every role by the core table; the summary is written by the park's own
        staff (``writer_roles``), and zone viewers, who see aggregates only, do not read it."""
        if grant.role == Role.ZONE_VIEWER:
            return None
        if action in WRITE_ACTIONS and grant.role in cls.writer_roles and grant.park_id is not None:
            return Q(park=grant.park_id)
        return clause

    @classmethod
    def may_write_in(cls, user: Any, park_id: int) -> bool:
        """Whether the user may write this kind of row in the park (the same rule as the hook above)."""
        return any(g.role in cls.writer_roles and g.park_id == park_id for g in access.scope_for(user).grants)


class Narrative(SummaryRecord):
    """The words of one section of a park's annual summary; figures appear as ``{E1}`` placeholders."""

    writer_roles: ClassVar[frozenset[Role]] = frozenset({Role.DEPARTMENT_STAFF})

    year = models.PositiveSmallIntegerField(_("年份"))
    section = models.CharField(_("章节"), max_length=20, choices=[(s.key, s.heading) for s in SECTIONS])
    text = models.TextField(_("文字"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("修改人")
    )

    class Meta:
        verbose_name = _("年度总结文字")
        verbose_name_plural = _("年度总结文字")
        ordering = ["park", "-year", "section"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "year", "section"], name="reports_narrative_one_per_section"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_section_display()}"


class SummaryIssue(SummaryRecord):
    """One generated annual summary: the file, and the values and source counts it printed (to trace a
    published number and to flag a later change of the records)."""

    writer_roles: ClassVar[frozenset[Role]] = frozenset({Role.DEPARTMENT_STAFF, Role.PARK_LEADER})
    # The snapshot is the document's own record; the log keeps who generated which, not the numbers twice.
    changelog = ChangeLog(exclude_fields=("figures", "narrative"))

    year = models.PositiveSmallIntegerField(_("年份"))
    number = models.PositiveIntegerField(_("版次"))
    file = models.FileField(_("文件"), upload_to="reports/summaries/%Y/", max_length=300)
    sha256 = models.CharField(_("文件摘要"), max_length=64)
    figures = models.JSONField(_("所印数据"), default=dict)  # row → value, unit, text, sources count …
    narrative = models.JSONField(_("所用文字"), default=dict)  # section → text as stored then
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("生成人"),
    )

    class Meta:
        verbose_name = _("年度工作总结文档")
        verbose_name_plural = _("年度工作总结文档")
        ordering = ["park", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["park", "year", "number"], name="reports_issue_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.year}年度工作总结(第{self.number}版)"

    def get_absolute_url(self) -> str:
        return reverse("reports:summary_download", args=[self.pk])

    @property
    def filename(self) -> str:
        return f"{self.park.code}-{self.year}-annual-summary-v{self.number}.docx"


class Alert(ParkScopedModel):
    """An indicator alert the daily evaluation keeps (``alert_services.alerts_evaluate``): one annual
    target of the park behind, open until the records clear it or a person resolves it.

    Read by the park's leader and staff (not zone viewers: the list is the park's work); acknowledged and
    resolved by the park's leader and by the staff of the indicator's owner department.
    """

    class Kind(models.TextChoices):
        TARGET_BEHIND = "target_behind", _("完成进度落后于时间进度")
        GROWTH_SHORT = "growth_short", _("累计增速低于年度目标")

    class Level(models.TextChoices):
        # In context: the cockpit's heading 预警 is “Alerts”, a level is “Warning”.
        WARNING = "warning", pgettext_lazy("alert level", "预警")
        ALARM = "alarm", pgettext_lazy("alert level", "告警")

    access_domain: ClassVar[Domain] = Domain.REPORTS

    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    subject = models.CharField(_("指标代码"), max_length=50)
    subject_name = models.CharField(_("指标"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年份"))
    department = models.CharField(_("责任部门"), max_length=20, choices=DepartmentKind.choices)
    level = models.CharField(_("级别"), max_length=10, choices=Level.choices)
    message = models.CharField(_("情况"), max_length=300)  # in the site's language (Chinese), as kept
    message_msg = models.CharField(_("情况原文"), max_length=200, blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    period = models.DateField(_("数据月份"))
    first_seen = models.DateField(_("首次发现"))
    last_seen = models.DateField(_("最近发现"))
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("alert", "确认人"),
    )
    resolved_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解除人"),
    )  # None with ``resolved_at``: the records no longer show the condition
    cleared_on = models.DateField(_("记录恢复正常日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("指标预警")
        verbose_name_plural = _("指标预警")
        ordering = ["park", "-last_seen", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["park", "kind", "subject", "year"],
                condition=Q(resolved_at__isnull=True),
                name="reports_alert_one_open_per_subject",
                violation_error_message=_("该园区这一年度的同一指标已有一条未解除的预警。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.subject_name}:{self.get_level_display()}"

    def get_absolute_url(self) -> str:
        return f"{reverse('reports:alerts')}?park={self.park.code}#alert-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    @property
    def message_text(self) -> str:
        """The sentence in the active language: ``message_msg`` worded with ``params`` (``core.messages``),
        or the stored ``message`` for a row kept without them."""
        return shown(self.message_msg, self.params or {}, self.message, row=f"alert {self.pk}")

    @property
    def subject_text(self) -> str:
        """The indicator's name in the active language (a data term)."""
        return data_term(self.subject_name)

    @property
    def resolved_by_records(self) -> bool:
        return self.resolved_at is not None and self.resolved_by_id is None

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        """Zone viewers read aggregates only; the park's leader and the owner department's staff
        acknowledge and resolve (reports is read-only in the core table)."""
        if grant.role == Role.ZONE_VIEWER:
            return None
        if action == Action.CHANGE and grant.park_id is not None:
            if grant.role == Role.PARK_LEADER:
                return Q(park=grant.park_id)
            if grant.role == Role.DEPARTMENT_STAFF and grant.department:
                return Q(park=grant.park_id, department=grant.department)
        return clause

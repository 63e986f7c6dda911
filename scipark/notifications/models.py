"""In-app notifications and each user's choice of channels per kind of event."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core.changelog import ChangeLog
from scipark.core.messages import shown


class EventKind(models.TextChoices):
    """What a notification is about; preferences are kept per kind."""

    APPEAL_SUBMITTED = "appeal_submitted", _("新诉求待受理")
    APPEAL_ASSIGNED = "appeal_assigned", _("诉求转办给我的部门")
    APPEAL_DEADLINE = "appeal_deadline", _("诉求临近办理期限")
    APPEAL_OVERDUE = "appeal_overdue", _("诉求超期督办")
    APPEAL_REPLY = "appeal_reply", _("诉求答复与进展")
    APPEAL_RATED = "appeal_rated", _("诉求评价")
    RETURN_REMINDER = "return_reminder", _("月报催报")
    RETURN_SUBMITTED = "return_submitted", _("月报待审核")
    RETURN_REVIEWED = "return_reviewed", _("月报审核结果")
    INDICATOR_ALERT = "indicator_alert", _("指标预警")
    CERTIFICATE_EXPIRING = "certificate_expiring", _("资质认定到期提醒")


class Channel(models.TextChoices):
    IN_APP = "in_app", _("站内消息")
    EMAIL = "email", _("电子邮件")


#: What a user gets when they have not chosen: in-app for everything, e-mail for what needs action.
DEFAULT_CHANNELS: dict[str, frozenset[str]] = {
    EventKind.APPEAL_SUBMITTED: frozenset({Channel.IN_APP}),
    EventKind.APPEAL_ASSIGNED: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.APPEAL_DEADLINE: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.APPEAL_OVERDUE: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.APPEAL_REPLY: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.APPEAL_RATED: frozenset({Channel.IN_APP}),
    EventKind.RETURN_REMINDER: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.RETURN_SUBMITTED: frozenset({Channel.IN_APP}),
    EventKind.RETURN_REVIEWED: frozenset({Channel.IN_APP, Channel.EMAIL}),
    EventKind.INDICATOR_ALERT: frozenset({Channel.IN_APP}),
    EventKind.CERTIFICATE_EXPIRING: frozenset({Channel.IN_APP, Channel.EMAIL}),
}


class Notification(models.Model):
    """One message to one user; unread until ``read_at`` is set.

    ``title``/``body`` are the message worded in the site's language (Chinese) when it was sent, for e-mail,
    search and anything that reads them. ``title_msg``/``body_msg`` are its catalogue strings and ``params``
    their values (typed as ``core.messages`` describes); pages show ``title_text``/``body_text``, worded in
    the reader's language. A row without them (sent before they existed) shows its stored text.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("接收人"),
    )
    kind = models.CharField(_("类别"), max_length=40, choices=EventKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    title_msg = models.CharField(_("标题原文"), max_length=200, blank=True)
    body_msg = models.TextField(_("内容原文"), blank=True)
    params = models.JSONField(_("参数"), default=dict, blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("发给个人的消息,不是业务数据;触发它的业务变更已记入日志")

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None

    @property
    def title_text(self) -> str:
        """The title in the active language (the stored title for a row without its catalogue string)."""
        return self._worded(self.title_msg, self.title)

    @property
    def body_text(self) -> str:
        """The body in the active language (the stored body for a row without its catalogue string)."""
        return self._worded(self.body_msg, self.body)

    def _worded(self, msg: str, stored: str) -> str:
        return shown(msg, self.params or {}, stored, row=f"notification {self.pk}")


class NotificationPreference(models.Model):
    """A user's choice for one kind of event and one channel (absent: ``DEFAULT_CHANNELS``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("类别"), max_length=40, choices=EventKind.choices)
    channel = models.CharField(_("渠道"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("接收"), default=True)

    changelog: ClassVar[ChangeLog] = ChangeLog.off("个人的通知偏好设置,不是业务数据")

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "channel"], name="notification_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind} {self.channel}: {self.enabled}"

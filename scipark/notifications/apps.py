from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class NotificationsConfig(contributions.ModuleConfig):
    name = "scipark.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    testing = "scipark.notifications.testing"
    workbench_todos = ("scipark.notifications.workbench.todos",)

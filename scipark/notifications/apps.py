from django.utils.translation import gettext_lazy as _

from scipark.core.contributions import ModuleConfig


class NotificationsConfig(ModuleConfig):
    name = "scipark.notifications"
    label = "notifications"
    verbose_name = _("消息通知")
    testing = "scipark.notifications.testing"

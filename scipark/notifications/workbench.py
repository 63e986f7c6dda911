"""The notifications' line on the workbench: unread messages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core.workbench import Todo, Urgency

from .selectors import unread_count


def todos(user: Any) -> list[Todo]:
    url = reverse("notifications:notification_list")
    return [Todo(_("消息通知"), _("未读消息"), unread_count(user), url, Urgency.INFO)]

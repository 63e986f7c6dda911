"""Reads of notifications: a user's own messages only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def notification_list(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient_id=getattr(user, "pk", None))


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return notification_list(user).filter(read_at__isnull=True).count()

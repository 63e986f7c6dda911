"""Where the Open311 layer gets appeals to read: the one place this app touches ``appeals`` reads.

``appeals.selectors.appeal_list(user)`` restricts by a signed-in user's reach; an Open311 client has no
user, its reach is "its park's appeals filed through Open311" (ADR 0008), which the appeals app's
user-less selectors give.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from scipark.appeals.models import Appeal, AppealCategory, AppealChannel
from scipark.appeals.selectors import active_categories, channel_appeals


def client_appeals(park: Any) -> QuerySet[Appeal]:
    """The appeals of ``park`` that came in through Open311, newest first."""
    return channel_appeals(park, AppealChannel.OPEN311)


def park_services(park: Any) -> QuerySet[AppealCategory]:
    """The park's active appeal categories: the Open311 services."""
    return active_categories(park)

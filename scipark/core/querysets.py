"""The restricting queryset that every scoped model's default manager returns."""

from __future__ import annotations

from typing import Any, Self, cast

from django.db import models

from . import access


class RestrictedQuerySet(models.QuerySet[Any]):
    """``Model.objects.restrict(user, action)``: the rows within the user's reach (NetBox's pattern)."""

    def restrict(self, user: Any, action: access.Action | str = access.Action.VIEW) -> Self:
        return cast(Self, access.restrict(self, user, action))

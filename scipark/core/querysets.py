"""The restricting queryset that every scoped model's default manager returns."""

from __future__ import annotations

from typing import Any, Self, cast

from django.db import models

from . import access


class RestrictedQuerySet(models.QuerySet[Any]):
    """``Model.objects.restrict(user, action)``: the rows within the user's reach (NetBox's pattern)."""

    def restrict(
        self,
        user: Any,
        action: access.Action | str = access.Action.VIEW,
        *,
        domain: access.Domain | str | None = None,
    ) -> Self:
        """The rows ``user`` may ``action``; ``domain`` asks about another domain's use of these rows."""
        return cast(Self, access.restrict(self, user, action, domain=domain))

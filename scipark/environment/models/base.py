"""What an enterprise user may do with the environment rows about it (core.access's one hook).

The role table lets an enterprise user change its own ENVIRONMENT rows, because it answers its own findings
and uploads evidence on its own inspection results. Every other row about it (boilers, certifications,
waste ledgers, campaign targets) is the department's record: the enterprise reads it and nothing more.
"""

from __future__ import annotations

from django.db.models import Q

from scipark.core.access import Action, Grant
from scipark.core.models import ParkScopedModel
from scipark.core.roles import Role


class DepartmentKeptModel(ParkScopedModel):
    """A row the environment department keeps: an enterprise user's grant opens it for reading only."""

    class Meta:
        abstract = True

    @classmethod
    def scope_grant_clause(cls, grant: Grant, action: Action, clause: Q | None) -> Q | None:
        if grant.role == Role.ENTERPRISE_USER and action != Action.VIEW:
            return None
        return clause

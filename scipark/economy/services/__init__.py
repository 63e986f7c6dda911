"""Writes of the economy module: one function per business action, called by pages, API, CLI and importer.

One module per concern: ``common`` (the reporting month; who keeps the economy domain), ``returns``
(monthly returns: the one write path, ``returns_write``, and its one-row entry points), ``revisions``
(how that path stores revisions in bulk), ``periods`` (closing a month, 关账, and reopening it,
重新开放), ``scale`` (scale decisions), ``projects`` (fixed-asset projects and annual targets).
Callers use ``from scipark.economy import services`` and the names below.
"""

from .common import check_period, current_period, ensure_economy_staff, is_economy_staff, month_ended
from .periods import period_close, period_reopen
from .projects import PROJECT_FIELDS, project_create, project_investment_set, project_update, target_set
from .returns import (
    CleanReturn,
    ReturnInput,
    comparison_values,
    energy_carriers,
    return_accept,
    return_clean,
    return_record,
    return_reject,
    return_submit,
    returns_write,
)
from .revisions import OPEN_STATUSES, RETURN_FIELDS
from .scale import scale_decision_record

__all__ = [
    "OPEN_STATUSES",
    "PROJECT_FIELDS",
    "RETURN_FIELDS",
    "CleanReturn",
    "ReturnInput",
    "check_period",
    "comparison_values",
    "current_period",
    "energy_carriers",
    "ensure_economy_staff",
    "is_economy_staff",
    "month_ended",
    "period_close",
    "period_reopen",
    "project_create",
    "project_investment_set",
    "project_update",
    "return_accept",
    "return_clean",
    "return_record",
    "return_reject",
    "return_submit",
    "returns_write",
    "scale_decision_record",
    "target_set",
]

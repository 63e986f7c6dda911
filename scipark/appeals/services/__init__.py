"""Writes of the appeals workflow, one concern per module; each write is one transaction.

- ``intake``: an appeal is filed (portal, staff on someone's behalf, Open311 with ``user=None``);
- ``steps``: :func:`appeal_step`, the one way a workflow step is taken (ADR 0007);
- ``deadlines``: working-day deadlines, reminders and escalation (the daily command);
- ``visits``, ``attachments``, ``configuration`` (categories and the holiday calendar).

Pages, the API, Open311 and the commands import from here.
"""

from scipark.core.services import ConflictError
from scipark.core.workflow import TransitionError

from .attachments import validate_attachments
from .configuration import (
    calendar_day_delete,
    calendar_day_save,
    category_create,
    category_update,
)
from .deadlines import appeals_escalate, appeals_remind_deadlines, due_at_for
from .intake import appeal_number, appeal_submit
from .steps import appeal_step, step_data
from .visits import visit_record

__all__ = [
    "ConflictError",
    "TransitionError",
    "appeal_number",
    "appeal_step",
    "appeal_submit",
    "appeals_escalate",
    "appeals_remind_deadlines",
    "calendar_day_delete",
    "calendar_day_save",
    "category_create",
    "category_update",
    "due_at_for",
    "step_data",
    "validate_attachments",
    "visit_record",
]

"""The appeal state machine as data: which action moves which states to which, and who may take it.

``FLOW`` is the one table (ADR 0007): the detail page shows the buttons it allows, ``services.appeal_step``
runs the step registered for each of its actions (``FLOW.run``) after ``FLOW.begin`` checked the stored
state, and the tests walk every (action, state) pair of it.
"""

from __future__ import annotations

from enum import StrEnum

from scipark.core.workflow import Transition, Workflow

from .models import AppealState as S
from .models import AppealStep


class Actor(StrEnum):
    """The parts a user can play on one appeal (worked out in ``selectors.appeal_actors``)."""

    DISPATCHER = "dispatcher"  # staff of the park's 企业服务 department: accepts, assigns, closes the loop
    HANDLER = "handler"  # staff of the lead department
    CO_HANDLER = "co_handler"  # staff of a co-handling department
    REQUESTER = "requester"  # the enterprise's users (or whoever filed it)


A = AppealStep.Action
D, H, C, R = Actor.DISPATCHER, Actor.HANDLER, Actor.CO_HANDLER, Actor.REQUESTER
ALL_BUT_ARCHIVED = frozenset(s for s in S if s != S.ARCHIVED)

#: The one table of allowed transitions (ADR 0007); ``None`` as target: the state stays (a note).
TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.ACCEPT, {S.SUBMITTED, S.SENT_BACK}, S.ACCEPTED, {D}),
    Transition(A.ASSIGN, {S.ACCEPTED, S.ASSIGNED, S.SENT_BACK}, S.ASSIGNED, {D}),
    Transition(A.START, {S.ASSIGNED}, S.IN_PROGRESS, {H, D}),
    Transition(A.SEND_BACK, {S.SUBMITTED, S.ASSIGNED, S.IN_PROGRESS}, S.SENT_BACK, {H, D}),
    Transition(A.CONCLUDE, {S.IN_PROGRESS, S.SENT_BACK}, S.CONCLUDED, {H, D}),
    Transition(A.RATE, {S.CONCLUDED}, S.RATED, {R, D}),
    Transition(A.REOPEN, {S.CONCLUDED, S.RATED}, S.IN_PROGRESS, {D}),
    Transition(A.ARCHIVE, {S.CONCLUDED, S.RATED}, S.ARCHIVED, {D}),
    Transition(A.NOTE, ALL_BUT_ARCHIVED, None, {D, H, C, R}),
)

FLOW = Workflow(
    TRANSITIONS,
    states=S,
    actions=AppealStep.Action,
    # The order the action buttons appear in on the detail page.
    buttons=(A.ACCEPT, A.ASSIGN, A.START, A.CONCLUDE, A.SEND_BACK, A.RATE, A.REOPEN, A.ARCHIVE, A.NOTE),
)

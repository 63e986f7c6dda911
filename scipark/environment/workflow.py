"""The findings ledger's state machine as data (ADR 0007's pattern): one table read by the buttons, the
services, the API and the tests.

登记 → 开始整改 → (报告进展 …) → 提交复核 → 复核通过 → 销号; 复核退回 goes back to 整改中, and a closed
item whose recheck fails is reopened (复查不合格重新整改).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from scipark.core import access
from scipark.core.workflow import Transition, Workflow

from .models import Finding, FindingState, FindingStep


class Actor(StrEnum):
    """The parts a user plays on one finding."""

    STAFF = "staff"  # who may change environment rows of the finding's park (the environment department)
    ENTERPRISE = "enterprise"  # a user of the responsible enterprise


S = FindingState
A = FindingStep.Action
STAFF, ENTERPRISE = Actor.STAFF, Actor.ENTERPRISE

TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.START, {S.REGISTERED}, S.RECTIFYING, {STAFF}),
    Transition(A.PROGRESS, {S.RECTIFYING}, None, {STAFF, ENTERPRISE}),
    Transition(A.SUBMIT, {S.RECTIFYING}, S.REVIEW, {STAFF, ENTERPRISE}),
    Transition(A.APPROVE, {S.REVIEW}, S.RECTIFIED, {STAFF}),
    Transition(A.REJECT, {S.REVIEW}, S.RECTIFYING, {STAFF}),
    Transition(A.CLOSE, {S.RECTIFIED}, S.CLOSED, {STAFF}),
    Transition(A.REOPEN, {S.RECTIFIED, S.CLOSED}, S.RECTIFYING, {STAFF}),
)

FLOW = Workflow(
    TRANSITIONS,
    states=FindingState,
    actions=FindingStep.Action,
    buttons=(A.START, A.PROGRESS, A.SUBMIT, A.APPROVE, A.REJECT, A.CLOSE, A.REOPEN),
)


def finding_actors(user: Any, finding: Finding) -> set[str]:
    """The parts ``user`` plays on ``finding`` as stored."""
    parts: set[str] = set()
    # Staff: who may add environment rows in the finding's park (the department); an enterprise user may
    # change its own findings' rows too, but plays only its own part.
    if access.can_add_in(user, access.Domain.ENVIRONMENT, park_id=finding.park_id):
        parts.add(STAFF)
    if finding.enterprise_id is not None and finding.enterprise_id in access.scope_for(user).enterprise_ids():
        parts.add(ENTERPRISE)
    return parts

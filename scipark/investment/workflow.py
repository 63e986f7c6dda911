"""The project stage machine as data (DOMAIN.md §7): 线索 → 接洽 → 签约 → 落地 → 开工 → 投产, or 终止/流失.

``FLOW`` is the one table: the detail page shows the buttons it allows, ``services.project_step`` runs the
step registered for each action (``FLOW.run``) after ``FLOW.begin`` checked the stored stage, and the
tests walk every (action, stage) pair of it. A jump that skips a stage is not in the table, so it is
refused before any step function runs.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.roles import Role
from scipark.core.workflow import Transition, Workflow

from .models import Project
from .models import Stage as S


class StepAction(models.TextChoices):
    """What a project's timeline entry records."""

    CREATE = "create", _("录入线索")
    ENGAGE = "engage", _("开始接洽")
    APPROVE = "approve", _("签约审批")
    SIGN = "sign", _("签约")
    AMEND = "amend", _("合同变更")
    LAND = "land", _("落地")
    START = "start", _("开工")
    PRODUCE = "produce", _("投产")
    TERMINATE = "terminate", _("终止/流失")


class Actor(StrEnum):
    """The parts a user can play on one project (``project_actors``)."""

    STAFF = "staff"  # keeps the investment domain in the project's park (招商部门)
    LEADER = "leader"  # a leader of the project's park: approves a signing at the levels set for leaders


A = StepAction
OPEN = frozenset({S.LEAD, S.TALKS, S.SIGNED, S.LANDED, S.STARTED})
CONTRACTED = frozenset({S.SIGNED, S.LANDED, S.STARTED, S.PRODUCING})

#: The one table of allowed transitions; ``None`` as target: the stage stays (an approval, an amendment).
TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.ENGAGE, {S.LEAD}, S.TALKS, {Actor.STAFF}),
    Transition(A.APPROVE, {S.TALKS}, None, {Actor.STAFF, Actor.LEADER}),
    Transition(A.SIGN, {S.TALKS}, S.SIGNED, {Actor.STAFF}),
    Transition(A.AMEND, CONTRACTED, None, {Actor.STAFF}),
    Transition(A.LAND, {S.SIGNED}, S.LANDED, {Actor.STAFF}),
    Transition(A.START, {S.LANDED}, S.STARTED, {Actor.STAFF}),
    Transition(A.PRODUCE, {S.STARTED}, S.PRODUCING, {Actor.STAFF}),
    Transition(A.TERMINATE, OPEN, S.TERMINATED, {Actor.STAFF}),
)

FLOW = Workflow(
    TRANSITIONS,
    states=S,
    actions=StepAction,
    state_field="stage",
    buttons=(A.ENGAGE, A.APPROVE, A.SIGN, A.LAND, A.START, A.PRODUCE, A.AMEND, A.TERMINATE),
)


def project_actors(user: Any, project: Project) -> set[str]:
    """The parts ``user`` plays on ``project``: staff if they may change it, leader of its park."""
    parts: set[str] = set()
    if access.can_reach(user, project, access.Action.CHANGE):
        parts.add(Actor.STAFF)
    if any(
        g.role == Role.PARK_LEADER and g.park_id == project.park_id for g in access.scope_for(user).grants
    ):
        parts.add(Actor.LEADER)
    return parts

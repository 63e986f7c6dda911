"""The tech archive's review as one transition table (ADR 0007's pattern): 填报中 → 待审核 → 已审核,
退回 back to the enterprise, and 重新打开 of an accepted archive by staff."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.workflow import Transition, Workflow

from .models import TechArchive


class ArchiveAction(models.TextChoices):
    SUBMIT = "submit", _("提交审核")
    ACCEPT = "accept", _("审核通过")
    SEND_BACK = "send_back", _("退回修改")
    REOPEN = "reopen", _("重新打开")


class Actor(StrEnum):
    STAFF = "staff"  # who may change innovation rows of the park (the innovation department)
    ENTERPRISE = "enterprise"  # a user of the archive's enterprise


S = TechArchive.State
A = ArchiveAction
STAFF, ENTERPRISE = Actor.STAFF, Actor.ENTERPRISE

TRANSITIONS: tuple[Transition, ...] = (
    Transition(A.SUBMIT, {S.DRAFT, S.RETURNED}, S.SUBMITTED, {STAFF, ENTERPRISE}),
    Transition(A.ACCEPT, {S.SUBMITTED}, S.ACCEPTED, {STAFF}),
    Transition(A.SEND_BACK, {S.SUBMITTED}, S.RETURNED, {STAFF}),
    Transition(A.REOPEN, {S.ACCEPTED}, S.DRAFT, {STAFF}),
)

FLOW = Workflow(TRANSITIONS, states=TechArchive.State, actions=ArchiveAction)

#: The states in which the archive's figures may be edited.
EDITABLE = frozenset({S.DRAFT, S.RETURNED})


def archive_actors(user: Any, archive: TechArchive) -> set[str]:
    """The parts ``user`` plays on ``archive`` as stored."""
    scope = access.scope_for(user)
    parts: set[str] = set()
    if archive.enterprise_id in scope.enterprise_ids():
        parts.add(ENTERPRISE)
    if archive.park_id in scope.park_ids(access.Domain.INNOVATION, access.Action.CHANGE):
        parts.add(STAFF)
    return parts

"""Writes of projects: create (with the duplicate check), edit, and the one stage dispatch.

``project_step`` is what the page, the API and the tests call for every stage action: inside one
transaction ``FLOW.begin`` locks the stored project, re-checks the user's reach and the caller's
``version`` (stale → ``ConflictError``) and the table against the stored stage and the user's part, then
``FLOW.run`` hands the locked project (a :class:`~.steps.Take`) to the step registered for the action.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Project, Stage, StageChange
from ..workflow import FLOW, StepAction, project_actors
from .common import past_date
from .steps import Take

#: What a project's edit form may change; the stage, its date and the site move only through steps.
PROJECT_FIELDS: tuple[str, ...] = (
    "name",
    "investor",
    "origin",
    "origin_province",
    "industry",
    "chain",
    "is_industrial",
    "planned_investment",
    "expected_output",
    "expected_tax",
    "land_need",
    "space_need",
    "channel",
    "source_event",
    "fund",
    "tracker",
    "introducer",
    "description",
)


def _duplicate(park_id: int, investor: str, name: str, exclude: int | None = None) -> Project | None:
    """A project of the park with the same investor and name (case and spaces ignored)."""
    queryset = Project.objects.filter(
        park_id=park_id, investor__iexact=investor.strip(), name__iexact=name.strip()
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    return queryset.first()


def check_project(project: Project) -> None:
    """The rules a project's fields must meet (the duplicate check included); the import checks its rows
    with them before writing anything."""
    project.name = project.name.strip()
    project.investor = project.investor.strip()
    if project.fund is not None and project.fund.park_id != project.park_id:
        raise ValidationError({"fund": _("引进基金须属于该项目所在园区。")})
    if project.origin != "in_province" and not project.origin_province.strip():
        raise ValidationError({"origin_province": _("省外或境外投资方请填写来源省份/国家。")})
    if _duplicate(project.park_id, project.investor, project.name, exclude=project.pk):
        raise ValidationError(
            {
                "name": _("该园区已有投资方「%(investor)s」的同名项目「%(name)s」。")
                % {"investor": project.investor, "name": project.name}
            }
        )
    project.full_clean(exclude=["park", "version"], validate_unique=False, validate_constraints=False)


def project_create(*, user: Any, park: Any, data: Mapping[str, Any], found_on: Any = None) -> Project:
    """Record a new lead (线索) in ``park``; ``found_on`` is the day it came in (today by default)."""
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.INVESTMENT, park_id=park.pk)
        since = past_date(found_on or timezone.localdate(), "found_on", _("线索日期"))
        values = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
        project = Project(park=park, stage=Stage.LEAD, stage_since=since, **values)
        check_project(project)
        try:
            with transaction.atomic():
                project.save()
        except IntegrityError as exc:  # the same project saved by someone else since the check
            raise ValidationError(
                {
                    "name": _("该园区已有投资方「%(investor)s」的同名项目「%(name)s」。")
                    % {"investor": project.investor, "name": project.name}
                }
            ) from exc
        StageChange.objects.create(
            project=project,
            action=StepAction.CREATE,
            to_stage=Stage.LEAD,
            happened_on=since,
            by=user,
            note="",
        )
    return project


def project_update(
    *, user: Any, project: Project | int, version: int | None, data: Mapping[str, Any]
) -> Project:
    """Change a project's descriptive fields (not its stage) with the version the caller read."""
    with transaction.atomic():
        locked = lock_for_change(Project, project, user=user, expected_version=version)
        changes = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
        for name, value in changes.items():
            setattr(locked, name, value)
        check_project(locked)
        save_changes(locked, **{name: getattr(locked, name) for name in changes})
    return locked


def project_step(
    *,
    user: Any,
    project: Project | int,
    action: str,
    version: int | None,
    note: str = "",
    evidence: UploadedFile | None = None,
    **data: Any,
) -> Project:
    """Take one stage action on ``project`` with the ``version`` the caller read; returns the project."""
    with transaction.atomic():
        locked, old_stage = FLOW.begin(
            Project, project, user=user, action=action, version=version, actors=project_actors
        )
        FLOW.run(action, take=Take(str(action), user, locked, old_stage, note.strip(), evidence), **data)
    return locked

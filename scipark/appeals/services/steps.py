"""The workflow's steps: one function per action of ``workflow.FLOW``, and :func:`appeal_step`, the one way in.

The page, the API and the tests call ``appeal_step``, which dispatches through ``FLOW.run``; none of them
knows the step functions. Every step is the same sequence, in one transaction:

1. ``FLOW.begin``: lock the stored appeal, re-check the user's reach and the caller's ``version`` (stale →
   ``ConflictError``, SECURITY.md row 14), then the table against the *stored* state and the user's part;
2. checks of the step's data against the locked row (e.g. the departments belong to the appeal's park);
3. ``save_changes``: the new state with a compare-and-swap on ``version``, saved through the ORM so that
   the change log records it (a note changes no field and does not move the version);
4. an ``AppealStep`` on the timeline, with the attachments that came with the step;
5. notifications.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from scipark.core.services import save_changes
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify
from scipark.parks.models import Department

from ..models import Appeal, AppealRating, AppealState, AppealStep
from ..selectors import appeal_actors
from ..workflow import FLOW, Actor
from .attachments import save_attachments, validate_attachments
from .common import (
    actor_name,
    appeal_url,
    check_text,
    department_users,
    dispatchers,
    handlers,
    record_step,
    requesters,
)
from .deadlines import due_at_for

Step = AppealStep.Action

#: What each step reads besides ``notes`` and ``attachments``: the page's form and the API's serializer
#: hand exactly these fields over (``step_data``).
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    Step.ASSIGN: ("lead_department", "co_departments"),
    Step.CONCLUDE: ("resolved",),
    Step.RATE: ("score",),
    Step.NOTE: ("internal",),
}
#: What a step's ``notes`` are (the reply of 办结, the reason of 退回 …), whether required, how long.
NOTES: dict[str, tuple[str, bool, int]] = {
    Step.SEND_BACK: ("退回理由", True, 4000),
    Step.CONCLUDE: ("答复内容", True, 4000),
    Step.REOPEN: ("重办理由", True, 4000),
    Step.RATE: ("评价", False, 1000),
    Step.NOTE: ("内容", True, 4000),
}
DEFAULT_NOTES = ("办理说明", False, 4000)


def step_data(action: str, source: Mapping[str, Any]) -> dict[str, Any]:
    """The data ``action`` takes, picked from a form's or a serializer's cleaned data (``None`` left out)."""
    names = ("notes", "attachments", *STEP_FIELDS.get(str(action), ()))
    return {name: source[name] for name in names if source.get(name) is not None}


def appeal_step(*, user: Any, appeal: Appeal | int, action: str, version: int | None, **data: Any) -> Appeal:
    """Take one workflow step on ``appeal`` with the ``version`` the caller read; returns the appeal.

    ``data`` is what the step takes (``step_data``): ``notes`` and ``attachments`` for every step, and
    ``lead_department``/``co_departments`` (objects or ids) for 转办, ``resolved`` for 办结, ``score`` for
    评价, ``internal`` for 备注. Only a note may leave out ``version``.
    """
    with transaction.atomic():
        return FLOW.run(action, user=user, appeal=appeal, version=version, **data)


# --- the shared parts of a step --------------------------------------------------------------------


def _prepare(action: str, notes: str, attachments: Sequence[UploadedFile]) -> str:
    """Check the step's text and files before anything is locked; returns the cleaned text."""
    label, required, limit = NOTES.get(str(action), DEFAULT_NOTES)
    notes = check_text("notes", notes, label, required=required, limit=limit)
    validate_attachments(attachments)
    return notes


def _begin(action: str, *, user: Any, appeal: Appeal | int, version: int | None) -> tuple[Appeal, str]:
    """Lock the stored appeal; check reach, version, state and the user's part (``FLOW.begin``)."""
    if version is None and action != Step.NOTE:
        raise ValidationError({"version": "请提供读取时的版本号,刷新页面后重试。"})
    return FLOW.begin(
        Appeal, appeal, user=user, action=action, version=version, actors=appeal_actors, related=("category",)
    )


def _move(
    locked: Appeal,
    old_state: str,
    action: str,
    *,
    user: Any,
    notes: str = "",
    attachments: Sequence[UploadedFile] = (),
    changes: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
    internal: bool = False,
) -> AppealStep:
    """Write the step: the table's target state and ``changes`` (version moved on), then the timeline."""
    if FLOW.transitions[action].target is not None:
        save_changes(locked, state=FLOW.target_state(action, old_state), **(changes or {}))
    step = record_step(
        locked, action=action, from_state=old_state, user=user, notes=notes, internal=internal, detail=detail
    )
    save_attachments(locked, step, attachments, user)
    return step


def _tell(recipients: Iterable[Any], kind: str, title: str, body: str, appeal: Appeal, user: Any) -> None:
    notify(recipients=recipients, kind=kind, title=title, body=body, url=appeal_url(appeal), exclude=user)


def _due(appeal: Appeal) -> str:
    return f"{timezone.localtime(appeal.due_at):%Y-%m-%d}"


# --- the steps, one per action of FLOW -------------------------------------------------------------


@FLOW.step(Step.ACCEPT)
def accept(
    *, user: Any, appeal: Appeal | int, version: int | None, notes: str = "", attachments: Sequence[Any] = ()
) -> Appeal:
    """受理: the 企业服务 department takes the appeal in."""
    notes = _prepare(Step.ACCEPT, notes, attachments)
    locked, old = _begin(Step.ACCEPT, user=user, appeal=appeal, version=version)
    _move(locked, old, Step.ACCEPT, user=user, notes=notes, attachments=attachments)
    title = f"您的诉求已受理:{locked.title}"
    body = f"{locked.number} 已受理,办理期限 {_due(locked)}。"
    _tell(requesters(locked), EventKind.APPEAL_REPLY, title, body, locked, user)
    return locked


def _departments(locked: Appeal, lead: Any, co: Iterable[Any]) -> tuple[Department, list[Department]]:
    """The lead and co-handling departments named by objects or ids, all of the locked appeal's park."""
    try:
        lead_id = int(getattr(lead, "pk", lead))
        co_ids = [int(getattr(d, "pk", d)) for d in co]
    except (TypeError, ValueError):
        raise ValidationError({"lead_department": "承办部门编号无效。"}) from None
    found = Department.objects.filter(park_id=locked.park_id).in_bulk([lead_id, *co_ids])
    if lead_id not in found:
        raise ValidationError({"lead_department": "牵头部门须属于诉求所在园区。"})
    if any(pk not in found for pk in co_ids):
        raise ValidationError({"co_departments": "协办部门须属于诉求所在园区。"})
    co_handling = [found[pk] for pk in dict.fromkeys(co_ids) if pk != lead_id]
    return found[lead_id], co_handling


@FLOW.step(Step.ASSIGN)
def assign(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int | None,
    lead_department: Any = None,
    co_departments: Iterable[Any] = (),
    notes: str = "",
    attachments: Sequence[Any] = (),
) -> Appeal:
    """转办: name the lead department and any co-handling departments (replacing earlier ones)."""
    notes = _prepare(Step.ASSIGN, notes, attachments)
    if lead_department is None:
        raise ValidationError({"lead_department": "请选择牵头部门。"})
    locked, old = _begin(Step.ASSIGN, user=user, appeal=appeal, version=version)
    lead, co = _departments(locked, lead_department, co_departments)
    _move(
        locked,
        old,
        Step.ASSIGN,
        user=user,
        notes=notes,
        attachments=attachments,
        changes={"lead_department": lead},
        detail={"lead": lead.name, "co": [d.name for d in co]},
    )
    locked.co_handlers.set(co)  # through the M2M manager, so the change log records the departments
    co_text = f";协办:{'、'.join(d.name for d in co)}" if co else ""
    title = f"诉求转办至您的部门:{locked.title}"
    body = f"{locked.number} 牵头:{lead.name}{co_text}。办理期限 {_due(locked)}。\n{notes}"
    _tell(
        department_users([lead.pk, *(d.pk for d in co)]), EventKind.APPEAL_ASSIGNED, title, body, locked, user
    )
    return locked


@FLOW.step(Step.START)
def start(
    *, user: Any, appeal: Appeal | int, version: int | None, notes: str = "", attachments: Sequence[Any] = ()
) -> Appeal:
    """办理中: the lead department starts work."""
    notes = _prepare(Step.START, notes, attachments)
    locked, old = _begin(Step.START, user=user, appeal=appeal, version=version)
    _move(locked, old, Step.START, user=user, notes=notes, attachments=attachments)
    title = f"您的诉求正在办理:{locked.title}"
    body = f"{locked.number} 由{locked.lead_department}办理。{notes}"
    _tell(requesters(locked), EventKind.APPEAL_REPLY, title, body, locked, user)
    return locked


@FLOW.step(Step.SEND_BACK)
def send_back(
    *, user: Any, appeal: Appeal | int, version: int | None, notes: str = "", attachments: Sequence[Any] = ()
) -> Appeal:
    """退回: before acceptance, back to the requester (incomplete, not the park's remit); after assignment,
    the department hands it back to 企业服务 for a new assignment. A reason is required."""
    notes = _prepare(Step.SEND_BACK, notes, attachments)
    locked, old = _begin(Step.SEND_BACK, user=user, appeal=appeal, version=version)
    _move(locked, old, Step.SEND_BACK, user=user, notes=notes, attachments=attachments)
    recipients = requesters(locked) if old == AppealState.SUBMITTED else dispatchers(locked.park_id)
    title = f"诉求被退回:{locked.title}"
    _tell(recipients, EventKind.APPEAL_REPLY, title, f"{locked.number} 退回理由:{notes}", locked, user)
    return locked


@FLOW.step(Step.CONCLUDE)
def conclude(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int | None,
    notes: str = "",
    resolved: bool = False,
    attachments: Sequence[Any] = (),
) -> Appeal:
    """办结: the reply to the requester concludes the appeal, whether or not the problem was solved
    (``resolved`` says which; S1 counts the solved ones)."""
    notes = _prepare(Step.CONCLUDE, notes, attachments)
    resolved = bool(resolved)
    locked, old = _begin(Step.CONCLUDE, user=user, appeal=appeal, version=version)
    _move(
        locked,
        old,
        Step.CONCLUDE,
        user=user,
        notes=notes,
        attachments=attachments,
        changes={"resolved": resolved, "reply": notes, "closed_at": timezone.now()},
        detail={"resolved": resolved},
    )
    outcome = "已解决" if resolved else "未能解决"
    title = f"您的诉求已办结:{locked.title}"
    body = f"{locked.number} {outcome}。答复:{notes[:1000]}\n请对办理结果进行评价。"
    _tell(requesters(locked), EventKind.APPEAL_REPLY, title, body, locked, user)
    return locked


@FLOW.step(Step.RATE)
def rate(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int | None,
    score: Any = None,
    notes: str = "",
    attachments: Sequence[Any] = (),
) -> Appeal:
    """回访/评价: the requester (or 企业服务 by phone) rates the result 1-5; below 3 reopens the appeal."""
    if score is None or score == "":
        raise ValidationError({"score": "请选择满意度(1 到 5 分)。"})
    try:
        score = int(score)
    except (TypeError, ValueError):
        raise ValidationError({"score": f"满意度须为 1 到 5 分(收到 {score})。"}) from None
    if not 1 <= score <= 5:
        raise ValidationError({"score": f"满意度须为 1 到 5 分(收到 {score})。"})
    notes = _prepare(Step.RATE, notes, attachments)
    locked, old = _begin(Step.RATE, user=user, appeal=appeal, version=version)
    _move(locked, old, Step.RATE, user=user, notes=notes, attachments=attachments, detail={"score": score})
    rating = AppealRating.objects.create(appeal=locked, score=score, comment=notes, rated_by=user)
    if not rating.satisfied:
        _reopen(locked, user=user, notes=f"评价不满意({rating.score} 分):{notes}".rstrip(":"))
    reopened = "" if rating.satisfied else "(不满意,已重办)"
    title = f"诉求评价 {rating.score} 分{reopened}:{locked.title}"
    recipients = dispatchers(locked.park_id) + handlers(locked)
    _tell(recipients, EventKind.APPEAL_RATED, title, f"{locked.number} {notes}", locked, user)
    return locked


def _reopen(locked: Appeal, *, user: Any, notes: str, attachments: Sequence[Any] = ()) -> None:
    """Back to 办理中 with a fresh deadline; the departments keep it."""
    _move(
        locked,
        locked.state,
        Step.REOPEN,
        user=user,
        notes=notes,
        attachments=attachments,
        changes={
            "closed_at": None,
            "resolved": False,
            "overdue": False,
            "escalated_at": None,
            "deadline_reminded_at": None,
            "reopen_count": locked.reopen_count + 1,
            "due_at": due_at_for(timezone.now(), locked.category.time_limit_days),
        },
    )
    title = f"诉求重办:{locked.title}"
    _tell(handlers(locked), EventKind.APPEAL_ASSIGNED, title, f"{locked.number} {notes}", locked, user)


@FLOW.step(Step.REOPEN)
def reopen(
    *, user: Any, appeal: Appeal | int, version: int | None, notes: str = "", attachments: Sequence[Any] = ()
) -> Appeal:
    """重办: 企业服务 sends a concluded appeal back to the departments (a reason is required)."""
    notes = _prepare(Step.REOPEN, notes, attachments)
    locked, _old = _begin(Step.REOPEN, user=user, appeal=appeal, version=version)
    _reopen(locked, user=user, notes=notes, attachments=attachments)
    return locked


@FLOW.step(Step.ARCHIVE)
def archive(
    *, user: Any, appeal: Appeal | int, version: int | None, notes: str = "", attachments: Sequence[Any] = ()
) -> Appeal:
    """归档: the file is closed; nothing more happens to it."""
    notes = _prepare(Step.ARCHIVE, notes, attachments)
    locked, old = _begin(Step.ARCHIVE, user=user, appeal=appeal, version=version)
    _move(locked, old, Step.ARCHIVE, user=user, notes=notes, attachments=attachments)
    return locked


@FLOW.step(Step.NOTE)
def note(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int | None = None,
    notes: str = "",
    internal: bool = False,
    attachments: Sequence[Any] = (),
) -> Appeal:
    """备注 / 答复: a message on the timeline (internal notes only for staff). It changes no field of the
    appeal, so it does not move ``version`` (a colleague's step never conflicts with a note); a given
    ``version`` is still checked."""
    notes = _prepare(Step.NOTE, notes, attachments)
    locked, state = _begin(Step.NOTE, user=user, appeal=appeal, version=version)
    actors = appeal_actors(user, locked) if user is not None else frozenset()
    is_requester = actors == {Actor.REQUESTER}
    internal = bool(internal) and not is_requester
    _move(locked, state, Step.NOTE, user=user, notes=notes, attachments=attachments, internal=internal)
    if is_requester:
        recipients = dispatchers(locked.park_id) + handlers(locked)
    elif internal:
        recipients = handlers(locked) + dispatchers(locked.park_id)
    else:
        recipients = requesters(locked)
    title = f"诉求有新留言:{locked.title}"
    body = f"{locked.number} {actor_name(user)}:{notes[:1000]}"
    _tell(recipients, EventKind.APPEAL_REPLY, title, body, locked, user)
    return locked

"""The workflow's steps: :func:`appeal_step`, the one way in, and one function per action of ``FLOW``.

The page, the API and the tests call ``appeal_step``; it checks the step's text and files, then, in one
transaction, ``FLOW.begin`` locks the stored appeal and re-checks the user's reach, the caller's
``version`` (stale → ``ConflictError``, SECURITY.md row 14) and the table against the *stored* state and
the user's part, and ``FLOW.run`` hands the locked appeal (a :class:`Take`) to the step registered for the
action. The step checks its data on the locked row (e.g. the departments belong to the appeal's park),
then ``Take.move`` writes the new state with ``save_changes`` (a compare-and-swap on ``version``, saved
through the ORM so that the change log records it; a note changes no field and keeps the version) and
the ``AppealStep`` with its attachments, and ``Take.tell`` sends the notifications.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from scipark.core.access import Action, Domain
from scipark.core.messages import Message, Param, listing, phrase
from scipark.core.services import save_changes
from scipark.enterprises.models import Enterprise
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify
from scipark.parks.models import Department

from ..models import Appeal, AppealChannel, AppealRating, AppealState, AppealStep
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
    Step.ACCEPT: ("enterprise",),
    Step.ASSIGN: ("lead_department", "co_departments"),
    Step.CONCLUDE: ("resolved",),
    Step.RATE: ("score",),
    Step.NOTE: ("internal",),
}
#: What a step's ``notes`` are (the reply of 办结, the reason of 退回 …), whether required, how long.
NOTES: dict[str, tuple[str | Promise, bool, int]] = {
    Step.SEND_BACK: (gettext_lazy("退回理由"), True, 4000),
    Step.CONCLUDE: (gettext_lazy("答复内容"), True, 4000),
    Step.REOPEN: (gettext_lazy("重办理由"), True, 4000),
    Step.RATE: (gettext_lazy("评价"), False, 1000),
    Step.NOTE: (gettext_lazy("内容"), True, 4000),
}
DEFAULT_NOTES = (gettext_lazy("办理说明"), False, 4000)


def step_data(action: str, source: Mapping[str, Any]) -> dict[str, Any]:
    """The data ``action`` takes, picked from a form's or a serializer's cleaned data (``None`` left out)."""
    names = ("notes", "attachments", *STEP_FIELDS.get(str(action), ()))
    return {name: source[name] for name in names if source.get(name) is not None}


def appeal_step(
    *,
    user: Any,
    appeal: Appeal | int,
    action: str,
    version: int | None,
    notes: str = "",
    attachments: Sequence[UploadedFile] = (),
    **data: Any,
) -> Appeal:
    """Take one workflow step on ``appeal`` with the ``version`` the caller read; returns the appeal.

    Every step takes ``notes`` (the reply of 办结, the reason of 退回 …) and ``attachments``; ``data`` is
    what the step takes besides (``STEP_FIELDS``): ``enterprise`` (object or id) for 受理 of an Open311
    appeal, ``lead_department``/``co_departments`` (objects or ids) for 转办, ``resolved`` for 办结, ``score`` for 评价, ``internal`` for 备注. Only a note may
    leave out ``version``.
    """
    label, required, limit = NOTES.get(str(action), DEFAULT_NOTES)
    notes = check_text("notes", notes, label, required=required, limit=limit)
    validate_attachments(attachments)
    if version is None and action != Step.NOTE:
        raise ValidationError({"version": _("请提供读取时的版本号,刷新页面后重试。")})
    with transaction.atomic():
        locked, old_state = FLOW.begin(
            Appeal,
            appeal,
            user=user,
            action=action,
            version=version,
            actors=appeal_actors,
            related=("category",),
        )
        FLOW.run(action, take=Take(str(action), user, locked, old_state, notes, attachments), **data)
    return locked


@dataclass
class Take:
    """One step being taken: the locked appeal, the state it was in, who takes it, its text and files."""

    action: str
    user: Any
    appeal: Appeal
    old_state: str
    notes: str
    attachments: Sequence[UploadedFile]

    def move(
        self,
        *,
        changes: dict[str, Any] | None = None,
        detail: dict[str, Any] | None = None,
        internal: bool = False,
    ) -> AppealStep:
        """Write the step: the table's target state and ``changes`` (version moved on), then the timeline."""
        if FLOW.transitions[self.action].target is not None:
            target = FLOW.target_state(self.action, self.old_state)
            save_changes(self.appeal, state=target, **(changes or {}))
        step = record_step(
            self.appeal,
            action=self.action,
            from_state=self.old_state,
            user=self.user,
            notes=self.notes,
            internal=internal,
            detail=detail,
        )
        save_attachments(self.appeal, step, self.attachments, self.user)
        return step

    def tell(self, recipients: Iterable[Any], kind: str, title: str, body: str, **params: Param) -> None:
        """Notify ``recipients`` (not the one who took the step) with a link to the appeal: ``title`` and
        ``body`` are ``gettext_noop`` source strings; ``title`` and ``number`` (the appeal's) are among
        their values, ``params`` the rest."""
        values = {"title": self.appeal.title, "number": self.appeal.number, **params}
        notify(
            recipients=recipients,
            kind=kind,
            title=Message(title, values),
            body=Message(body, values),
            url=appeal_url(self.appeal),
            exclude=self.user,
        )


def _due(appeal: Appeal) -> str:
    return f"{timezone.localtime(appeal.due_at):%Y-%m-%d}"


# --- the steps, one per action of FLOW -------------------------------------------------------------


@FLOW.step(Step.ACCEPT)
def accept(take: Take, *, enterprise: Any = None) -> None:
    """受理: the 企业服务 department takes the appeal in.

    An Open311 appeal is linked to an enterprise here and nowhere else: the dispatcher confirms the
    enterprise the requester named (``claimed_enterprise``) or corrects it; ``enterprise`` is the one
    confirmed (none given: the appeal belongs to no enterprise). Other appeals keep their enterprise.
    """
    a = take.appeal
    confirmed = _accepted_enterprise(take, enterprise)
    if confirmed != a.enterprise:
        detail = {"enterprise": confirmed.name if confirmed else ""}
        take.move(changes={"enterprise": confirmed}, detail=detail)
    else:
        take.move()
    take.tell(
        requesters(a),
        EventKind.APPEAL_REPLY,
        gettext_noop("您的诉求已受理:%(title)s"),
        gettext_noop("%(number)s 已受理,办理期限 %(due)s。"),
        due=_due(a),
    )


def _accepted_enterprise(take: Take, enterprise: Any) -> Enterprise | None:
    """The enterprise the accepted appeal belongs to: for Open311, the one the dispatcher confirmed,
    which must be an enterprise of the appeal's park they serve; otherwise the one it was filed for."""
    a = take.appeal
    wanted = None if enterprise in (None, "") else getattr(enterprise, "pk", enterprise)
    if a.channel != AppealChannel.OPEN311:
        if wanted is not None and str(wanted) != str(a.enterprise_id):
            raise ValidationError(
                {"enterprise": _("只有 Open311 诉求在受理时确认企业;其他诉求属于提交时的企业。")}
            )
        return a.enterprise
    if wanted is None:
        return None
    served = Enterprise.objects.restrict(take.user, Action.ADD, domain=Domain.SERVICE)
    try:
        found = served.filter(park_id=a.park_id, pk=int(wanted)).first()
    except (TypeError, ValueError):
        found = None
    if found is None:
        raise ValidationError({"enterprise": _("所选企业须是诉求所在园区的企业。")})
    return found


def _departments(locked: Appeal, lead: Any, co: Iterable[Any]) -> tuple[Department, list[Department]]:
    """The lead and co-handling departments named by objects or ids, all of the locked appeal's park."""
    if lead is None:
        raise ValidationError({"lead_department": _("请选择牵头部门。")})
    try:
        lead_id = int(getattr(lead, "pk", lead))
        co_ids = [int(getattr(d, "pk", d)) for d in co]
    except (TypeError, ValueError):
        raise ValidationError({"lead_department": _("承办部门编号无效。")}) from None
    found = Department.objects.filter(park_id=locked.park_id).in_bulk([lead_id, *co_ids])
    if lead_id not in found:
        raise ValidationError({"lead_department": _("牵头部门须属于诉求所在园区。")})
    if any(pk not in found for pk in co_ids):
        raise ValidationError({"co_departments": _("协办部门须属于诉求所在园区。")})
    co_handling = [found[pk] for pk in dict.fromkeys(co_ids) if pk != lead_id]
    return found[lead_id], co_handling


@FLOW.step(Step.ASSIGN)
def assign(take: Take, *, lead_department: Any = None, co_departments: Iterable[Any] = ()) -> None:
    """转办: name the lead department and any co-handling departments (replacing earlier ones)."""
    a = take.appeal
    lead, co = _departments(a, lead_department, co_departments)
    take.move(changes={"lead_department": lead}, detail={"lead": lead.name, "co": [d.name for d in co]})
    a.co_handlers.set(co)  # through the M2M manager, so the change log records the departments
    co_text = phrase(gettext_noop(";协办:%(names)s"), names=listing(d.name for d in co)) if co else ""
    recipients = department_users([lead.pk, *(d.pk for d in co)])
    take.tell(
        recipients,
        EventKind.APPEAL_ASSIGNED,
        gettext_noop("诉求转办至您的部门:%(title)s"),
        gettext_noop("%(number)s 牵头:%(lead)s%(co)s。办理期限 %(due)s。\n%(notes)s"),
        lead=lead.name,
        co=co_text,
        due=_due(a),
        notes=take.notes,
    )


@FLOW.step(Step.START)
def start(take: Take) -> None:
    """办理中: the lead department starts work."""
    take.move()
    a = take.appeal
    take.tell(
        requesters(a),
        EventKind.APPEAL_REPLY,
        gettext_noop("您的诉求正在办理:%(title)s"),
        gettext_noop("%(number)s 由%(department)s办理。%(notes)s"),
        department=str(a.lead_department),
        notes=take.notes,
    )


@FLOW.step(Step.SEND_BACK)
def send_back(take: Take) -> None:
    """退回: before acceptance, back to the requester (incomplete, not the park's remit); after assignment,
    the department hands it back to 企业服务 for a new assignment. A reason is required."""
    take.move()
    a = take.appeal
    to_requester = take.old_state == AppealState.SUBMITTED
    recipients = requesters(a) if to_requester else dispatchers(a.park_id)
    take.tell(
        recipients,
        EventKind.APPEAL_REPLY,
        gettext_noop("诉求被退回:%(title)s"),
        gettext_noop("%(number)s 退回理由:%(notes)s"),
        notes=take.notes,
    )


@FLOW.step(Step.CONCLUDE)
def conclude(take: Take, *, resolved: bool = False) -> None:
    """办结: the reply to the requester concludes the appeal, whether or not the problem was solved
    (``resolved`` says which; S1 counts the solved ones)."""
    resolved = bool(resolved)
    changes = {"resolved": resolved, "reply": take.notes, "closed_at": timezone.now()}
    take.move(changes=changes, detail={"resolved": resolved})
    a = take.appeal
    body = (
        gettext_noop("%(number)s 已解决。答复:%(reply)s\n请对办理结果进行评价。")
        if resolved
        else gettext_noop("%(number)s 未能解决。答复:%(reply)s\n请对办理结果进行评价。")
    )
    take.tell(
        requesters(a),
        EventKind.APPEAL_REPLY,
        gettext_noop("您的诉求已办结:%(title)s"),
        body,
        reply=take.notes[:1000],
    )


def _score(score: Any) -> int:
    if score is None or score == "":
        raise ValidationError({"score": _("请选择满意度(1 到 5 分)。")})
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise ValidationError({"score": _("满意度须为 1 到 5 分(收到 %(score)s)。") % {"score": score}})
    return value


@FLOW.step(Step.RATE)
def rate(take: Take, *, score: Any = None) -> None:
    """回访/评价: the requester (or 企业服务 by phone) rates the result 1-5; below 3 reopens the appeal."""
    value = _score(score)
    take.move(detail={"score": value})
    a = take.appeal
    rating = AppealRating.objects.create(appeal=a, score=value, comment=take.notes, rated_by=take.user)
    if not rating.satisfied:
        reason = f"评价不满意({value} 分):{take.notes}".rstrip(":")  # the step's note, kept in Chinese
        told = (
            phrase(gettext_noop("评价不满意(%(score)s 分):%(notes)s"), score=value, notes=take.notes)
            if take.notes
            else phrase(gettext_noop("评价不满意(%(score)s 分)"), score=value)
        )
        _reopen(Take(Step.REOPEN, take.user, a, a.state, reason, ()), told=told)
    reopened = "" if rating.satisfied else phrase(gettext_noop("(不满意,已重办)"))
    recipients = dispatchers(a.park_id) + handlers(a)
    take.tell(
        recipients,
        EventKind.APPEAL_RATED,
        gettext_noop("诉求评价 %(score)s 分%(reopened)s:%(title)s"),
        "%(number)s %(notes)s",  # nothing to translate
        score=value,
        reopened=reopened,
        notes=take.notes,
    )


def _reopen(take: Take, told: Param | None = None) -> None:
    """Back to 办理中 with a fresh deadline; the departments keep it. ``told``: the reason as the
    departments are told it, when it is not the step's notes as typed."""
    a = take.appeal
    changes = {
        "closed_at": None,
        "resolved": False,
        "overdue": False,
        "escalated_at": None,
        "deadline_reminded_at": None,
        "reopen_count": a.reopen_count + 1,
        "due_at": due_at_for(timezone.now(), a.category.time_limit_days),
    }
    take.move(changes=changes)
    take.tell(
        handlers(a),
        EventKind.APPEAL_ASSIGNED,
        gettext_noop("诉求重办:%(title)s"),
        "%(number)s %(notes)s",  # nothing to translate
        notes=take.notes if told is None else told,
    )


@FLOW.step(Step.REOPEN)
def reopen(take: Take) -> None:
    """重办: 企业服务 sends a concluded appeal back to the departments (a reason is required)."""
    _reopen(take)


@FLOW.step(Step.ARCHIVE)
def archive(take: Take) -> None:
    """归档: the file is closed; nothing more happens to it."""
    take.move()


@FLOW.step(Step.NOTE)
def note(take: Take, *, internal: bool = False) -> None:
    """备注 / 答复: a message on the timeline (internal notes only for staff). It changes no field of the
    appeal, so it does not move ``version`` (a colleague's step never conflicts with a note); a given
    ``version`` is still checked."""
    a = take.appeal
    actors = appeal_actors(take.user, a) if take.user is not None else frozenset()
    is_requester = actors == {Actor.REQUESTER}
    internal = bool(internal) and not is_requester
    take.move(internal=internal)
    if is_requester:
        recipients = dispatchers(a.park_id) + handlers(a)
    elif internal:
        recipients = handlers(a) + dispatchers(a.park_id)
    else:
        recipients = requesters(a)
    take.tell(
        recipients,
        EventKind.APPEAL_REPLY,
        gettext_noop("诉求有新留言:%(title)s"),
        gettext_noop("%(number)s %(author)s:%(notes)s"),
        author=actor_name(take.user),
        notes=take.notes[:1000],
    )

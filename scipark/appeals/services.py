"""Writes of the appeals workflow: one service per step, each in one transaction.

Every transition locks the appeal (``select_for_update``), re-checks inside the transaction that the user
still reaches it, that the caller's ``version`` is the stored one (else ``ConflictError``, SECURITY.md
row 14) and that ``workflow.TRANSITIONS`` allows the step from the stored state and for this user's part;
then it writes the new state with a compare-and-swap on ``version``, records an ``AppealStep`` and sends
notifications. Pages, the API, Open311 and the commands all call these functions.

Open311 files appeals with ``user=None`` (the client's API key was checked by the Open311 layer, which
is the only caller allowed to do so; channel must then be ``open311``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from scipark.core import access
from scipark.core.roles import DepartmentKind, Role
from scipark.core.services import ConflictError
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify

from . import workflow
from .calendar import work_calendar
from .models import (
    DESCRIPTION_MAX,
    OPEN_STATES,
    Appeal,
    AppealAttachment,
    AppealCategory,
    AppealChannel,
    AppealDepartment,
    AppealRating,
    AppealState,
    AppealStep,
    Visit,
)
from .selectors import appeal_actors

__all__ = [
    "ConflictError",
    "TransitionError",
    "appeal_accept",
    "appeal_archive",
    "appeal_assign",
    "appeal_note",
    "appeal_rate",
    "appeal_reopen",
    "appeal_resolve",
    "appeal_return",
    "appeal_start",
    "appeal_submit",
    "appeals_escalate",
    "appeals_remind_deadlines",
    "due_at_for",
    "visit_record",
]

Step = AppealStep.Action

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
#: extension -> (content type, accepted leading bytes); empty prefixes: plain text, checked for NUL bytes.
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "txt": ("text/plain", ()),
}


class TransitionError(ValidationError):
    """The step is not allowed from the appeal's current state."""


# --- helpers ---------------------------------------------------------------------------------------


def due_at_for(received_at: dt.datetime, days: int) -> dt.datetime:
    """The end (23:59:59, local time) of the ``days``-th working day after the day of ``received_at``."""
    local = timezone.localtime(received_at)
    due_day = work_calendar().add(local.date(), days)
    end = dt.datetime.combine(due_day, dt.time(23, 59, 59))
    return timezone.make_aware(end, timezone.get_current_timezone())


def _appeal_url(appeal: Appeal) -> str:
    return reverse("appeals:appeal_detail", kwargs={"pk": appeal.pk})


def _users(**membership_filter: Any) -> list[Any]:
    from scipark.accounts.models import Membership

    rows = Membership.objects.filter(
        is_active=True, user__is_active=True, **membership_filter
    ).select_related("user")
    return list({m.user_id: m.user for m in rows}.values())


def dispatchers(park_id: int) -> list[Any]:
    return _users(
        role=Role.DEPARTMENT_STAFF, department__park_id=park_id, department__kind=DepartmentKind.SERVICE
    )


def department_users(department_ids: Iterable[int]) -> list[Any]:
    return _users(role=Role.DEPARTMENT_STAFF, department_id__in=list(department_ids))


def leaders(park_id: int) -> list[Any]:
    return _users(role=Role.PARK_LEADER, park_id=park_id)


def requesters(appeal: Appeal) -> list[Any]:
    users = (
        _users(role=Role.ENTERPRISE_USER, enterprise_id=appeal.enterprise_id) if appeal.enterprise_id else []
    )
    if appeal.submitted_by is not None and appeal.submitted_by not in users:
        is_staff = access.scope_for(appeal.submitted_by).roles & {Role.DEPARTMENT_STAFF, Role.PARK_LEADER}
        if not is_staff:
            users.append(appeal.submitted_by)
    return users


def handlers(appeal: Appeal) -> list[Any]:
    ids = [appeal.lead_department_id] if appeal.lead_department_id else []
    ids += list(appeal.co_handling.values_list("department_id", flat=True))
    return department_users(ids)


def _actor_name(user: Any) -> str:
    if user is None:
        return "系统"
    return str(getattr(user, "display_name", "") or user.get_username())


def validate_attachments(files: Sequence[UploadedFile]) -> None:
    """Refuse files of a type or size the park does not take, naming the file."""
    errors = []
    if len(files) > MAX_ATTACHMENTS:
        errors.append(f"一次最多上传 {MAX_ATTACHMENTS} 个附件(收到 {len(files)} 个)。")
    for f in files:
        name = f.name or ""
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext not in ATTACHMENT_TYPES:
            allowed = "、".join(sorted(ATTACHMENT_TYPES))
            errors.append(f"附件「{name}」的类型不受支持:只接受 {allowed}。")
            continue
        if (f.size or 0) > MAX_ATTACHMENT_BYTES:
            errors.append(f"附件「{name}」超过 10 MB({(f.size or 0) // 1024 // 1024} MB)。")
            continue
        if (f.size or 0) == 0:
            errors.append(f"附件「{name}」是空文件。")
            continue
        head = f.read(16)
        f.seek(0)
        prefixes = ATTACHMENT_TYPES[ext][1]
        if prefixes and not any(head.startswith(p) for p in prefixes):
            errors.append(f"附件「{name}」的内容与扩展名 .{ext} 不符。")
        if not prefixes and b"\x00" in head:
            errors.append(f"附件「{name}」不是文本文件。")
    if errors:
        raise ValidationError({"attachments": errors})


def _save_attachments(appeal: Appeal, step: AppealStep, files: Sequence[UploadedFile], user: Any) -> None:
    for f in files:
        ext = (f.name or "").rsplit(".", 1)[-1].lower()
        attachment = AppealAttachment(
            appeal=appeal,
            step=step,
            name=(f.name or "")[:200],
            content_type=ATTACHMENT_TYPES[ext][0],
            size=f.size or 0,
            uploaded_by=user,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{ext}", f, save=False)
        attachment.save()


def _record(
    appeal: Appeal,
    *,
    action: str,
    from_state: str,
    user: Any,
    notes: str = "",
    internal: bool = False,
    detail: dict[str, Any] | None = None,
    at: dt.datetime | None = None,
) -> AppealStep:
    return AppealStep.objects.create(
        appeal=appeal,
        action=action,
        from_state=from_state,
        to_state=appeal.state,
        actor=user,
        actor_name=_actor_name(user),
        at=at or timezone.now(),
        notes=notes,
        internal=internal,
        detail=detail or {},
    )


def _check_text(field: str, value: str, label: str, *, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: f"请填写{label}。"})
    if len(value) > DESCRIPTION_MAX:
        raise ValidationError({field: f"{label}最多 {DESCRIPTION_MAX} 字(现有 {len(value)} 字)。"})
    return value


# --- intake ----------------------------------------------------------------------------------------


def appeal_submit(
    *,
    user: Any,
    park: Any,
    category: AppealCategory,
    description: str,
    title: str = "",
    enterprise: Any = None,
    channel: str = AppealChannel.PORTAL,
    requester_name: str = "",
    requester_phone: str = "",
    requester_email: str = "",
    address: str = "",
    latitude: Any = None,
    longitude: Any = None,
    attributes: dict[str, Any] | None = None,
    attachments: Sequence[UploadedFile] = (),
    received_at: dt.datetime | None = None,
) -> Appeal:
    """File an appeal: by an enterprise user (portal), by 企业服务 staff on someone's behalf (any channel),
    or by Open311 with ``user=None``. Returns the new appeal in state 待受理 with its working-day deadline."""
    if channel not in AppealChannel.values:
        raise ValidationError({"channel": f"渠道「{channel}」无效。"})
    if user is None and channel != AppealChannel.OPEN311:
        raise access.AccessDenied("未登录用户只能通过 Open311 客户端提交诉求。")
    description = _check_text("description", description, "诉求内容", required=True)
    title = (title or "").strip()[:200] or description.splitlines()[0][:40]
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": "纬度和经度须同时填写或同时留空。"})
    validate_attachments(attachments)
    with transaction.atomic():
        if user is not None:
            access.ensure_can_add(
                user, access.Domain.SERVICE, park_id=park.pk, enterprise_id=getattr(enterprise, "pk", None)
            )
            scope = access.scope_for(user)
            is_enterprise_user = enterprise is not None and enterprise.pk in scope.enterprise_ids()
            if is_enterprise_user and channel != AppealChannel.PORTAL:
                raise ValidationError({"channel": "企业用户只能通过企业门户提交诉求。"})
            if is_enterprise_user:
                requester_name = requester_name or _actor_name(user)
                requester_email = requester_email or (user.email or "")
        if category.park_id != park.pk or not category.is_active:
            raise ValidationError({"category": "诉求类别不属于该园区或已停用。"})
        if enterprise is not None and enterprise.park_id != park.pk:
            raise ValidationError({"enterprise": "企业不在该园区。"})
        now = received_at or timezone.now()
        appeal = Appeal(
            park=park,
            number=f"TMP{uuid.uuid4().hex[:16]}",
            enterprise=enterprise,
            category=category,
            title=title,
            description=description,
            channel=channel,
            requester_name=requester_name.strip()[:50],
            requester_phone=requester_phone.strip()[:20],
            requester_email=requester_email.strip()[:254],
            address=address.strip()[:200],
            latitude=latitude,
            longitude=longitude,
            attributes=attributes or {},
            submitted_by=user,
            received_at=now,
            due_at=due_at_for(now, category.time_limit_days),
        )
        appeal.full_clean(exclude=["number"])
        appeal.save()
        appeal.number = appeal_number(appeal)
        Appeal.objects.filter(pk=appeal.pk).update(number=appeal.number)
        step = _record(appeal, action=Step.SUBMIT, from_state="", user=user, at=now)
        _save_attachments(appeal, step, attachments, user)
        notify(
            recipients=dispatchers(park.pk),
            kind=EventKind.APPEAL_SUBMITTED,
            title=f"新诉求待受理:{appeal.title}",
            body=f"{appeal.number}({category.name})\n{description[:500]}",
            url=_appeal_url(appeal),
            exclude=user,
        )
    return appeal


def appeal_number(appeal: Appeal) -> str:
    """SQ + year of receipt + the row id, zero-padded: unique, and known as soon as the row is written."""
    return f"SQ{timezone.localtime(appeal.received_at):%Y}{appeal.pk:06d}"


# --- transitions -----------------------------------------------------------------------------------


def _begin(user: Any, appeal: Appeal | int, action: str, version: int | None) -> tuple[Appeal, str]:
    """Lock the stored appeal and check reach, version, state and the user's part; return it and its state."""
    pk = appeal.pk if isinstance(appeal, Appeal) else appeal
    locked = Appeal.objects.select_for_update().filter(pk=pk).first()
    if locked is None or (user is not None and not Appeal.objects.restrict(user).filter(pk=pk).exists()):
        raise access.AccessDenied("诉求不存在或不在您的权限范围内。", not_found=True)
    if version is not None and locked.version != version:
        raise ConflictError("该诉求已被他人处理(版本已变化),请刷新后重试。")
    transition = workflow.TRANSITIONS[action]
    if not workflow.allowed(action, locked.state):
        raise TransitionError(
            f"诉求当前状态为「{locked.get_state_display()}」,不能执行「{AppealStep.Action(action).label}」。"
        )
    if user is not None and not (appeal_actors(user, locked) & transition.actors):
        raise access.AccessDenied("您不能对该诉求执行此操作。")
    return locked, locked.state


def _save(appeal: Appeal, expected: int, **changes: Any) -> None:
    """Write the changes with a compare-and-swap on ``version`` (the lock already holds; this is the proof)."""
    updated = Appeal.objects.filter(pk=appeal.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if updated == 0:
        raise ConflictError("该诉求已被他人处理(版本已变化),请刷新后重试。")
    for name, value in changes.items():
        setattr(appeal, name, value)
    appeal.version = expected + 1


def _simple(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int,
    action: str,
    notes: str = "",
    notes_required: bool = False,
    attachments: Sequence[UploadedFile] = (),
    changes: dict[str, Any] | None = None,
    detail: dict[str, Any] | None = None,
) -> tuple[Appeal, AppealStep]:
    notes = _check_text("notes", notes, "办理说明", required=notes_required)
    validate_attachments(attachments)
    locked, old_state = _begin(user, appeal, action, version)
    _save(locked, locked.version, state=workflow.target_state(action, old_state), **(changes or {}))
    step = _record(locked, action=action, from_state=old_state, user=user, notes=notes, detail=detail)
    _save_attachments(locked, step, attachments, user)
    return locked, step


@transaction.atomic
def appeal_accept(*, user: Any, appeal: Appeal | int, version: int, notes: str = "") -> Appeal:
    """受理: the 企业服务 department takes the appeal in."""
    locked, _step = _simple(user=user, appeal=appeal, version=version, action=Step.ACCEPT, notes=notes)
    notify(
        recipients=requesters(locked),
        kind=EventKind.APPEAL_REPLY,
        title=f"您的诉求已受理:{locked.title}",
        body=f"{locked.number} 已受理,办理期限 {timezone.localtime(locked.due_at):%Y-%m-%d}。",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


@transaction.atomic
def appeal_assign(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int,
    lead_department: Any,
    co_departments: Iterable[Any] = (),
    notes: str = "",
) -> Appeal:
    """转办: name the lead department and any co-handling departments (replacing earlier ones)."""
    co = [d for d in co_departments if d.pk != lead_department.pk]
    locked_probe = Appeal.objects.filter(pk=appeal.pk if isinstance(appeal, Appeal) else appeal).first()
    park_id = locked_probe.park_id if locked_probe else None
    if any(d.park_id != park_id for d in [lead_department, *co]):
        raise ValidationError({"lead_department": "承办部门须属于诉求所在园区。"})
    locked, _step = _simple(
        user=user,
        appeal=appeal,
        version=version,
        action=Step.ASSIGN,
        notes=notes,
        changes={"lead_department": lead_department},
        detail={"lead": lead_department.name, "co": [d.name for d in co]},
    )
    AppealDepartment.objects.filter(appeal=locked).delete()
    AppealDepartment.objects.bulk_create([AppealDepartment(appeal=locked, department=d) for d in co])
    notify(
        recipients=department_users([lead_department.pk, *(d.pk for d in co)]),
        kind=EventKind.APPEAL_ASSIGNED,
        title=f"诉求转办至您的部门:{locked.title}",
        body=f"{locked.number} 牵头:{lead_department.name}"
        + (f";协办:{'、'.join(d.name for d in co)}" if co else "")
        + f"。办理期限 {timezone.localtime(locked.due_at):%Y-%m-%d}。\n{notes}",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


@transaction.atomic
def appeal_start(*, user: Any, appeal: Appeal | int, version: int, notes: str = "") -> Appeal:
    """办理中: the lead department starts work."""
    locked, _step = _simple(user=user, appeal=appeal, version=version, action=Step.START, notes=notes)
    notify(
        recipients=requesters(locked),
        kind=EventKind.APPEAL_REPLY,
        title=f"您的诉求正在办理:{locked.title}",
        body=f"{locked.number} 由{locked.lead_department}办理。{notes}",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


@transaction.atomic
def appeal_return(*, user: Any, appeal: Appeal | int, version: int, notes: str) -> Appeal:
    """退回: before acceptance, back to the requester (incomplete, not the park's remit); after assignment,
    the department hands it back to 企业服务 for a new assignment. A reason is required."""
    locked, step = _simple(
        user=user, appeal=appeal, version=version, action=Step.RETURN, notes=notes, notes_required=True
    )
    recipients = (
        requesters(locked) if step.from_state == AppealState.SUBMITTED else dispatchers(locked.park_id)
    )
    notify(
        recipients=recipients,
        kind=EventKind.APPEAL_REPLY,
        title=f"诉求被退回:{locked.title}",
        body=f"{locked.number} 退回理由:{notes}",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


@transaction.atomic
def appeal_resolve(
    *,
    user: Any,
    appeal: Appeal | int,
    version: int,
    resolved: bool,
    reply: str,
    attachments: Sequence[UploadedFile] = (),
    closed_at: dt.datetime | None = None,
) -> Appeal:
    """办结: the reply to the requester, and whether the problem was solved."""
    reply = _check_text("reply", reply, "答复内容", required=True)
    locked, _step = _simple(
        user=user,
        appeal=appeal,
        version=version,
        action=Step.RESOLVE,
        notes=reply,
        attachments=attachments,
        changes={"resolved": resolved, "reply": reply, "closed_at": closed_at or timezone.now()},
        detail={"resolved": resolved},
    )
    notify(
        recipients=requesters(locked),
        kind=EventKind.APPEAL_REPLY,
        title=f"您的诉求已办结:{locked.title}",
        body=f"{locked.number} {'已解决' if resolved else '未能解决'}。答复:{reply[:1000]}\n请对办理结果进行评价。",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


@transaction.atomic
def appeal_rate(*, user: Any, appeal: Appeal | int, version: int, score: int, comment: str = "") -> Appeal:
    """回访/评价: the requester rates the result (1-5); a score below 3 reopens the appeal."""
    if not 1 <= int(score) <= 5:
        raise ValidationError({"score": f"满意度须为 1 到 5 分(收到 {score})。"})
    comment = (comment or "").strip()
    if len(comment) > 1000:
        raise ValidationError({"comment": "评价最多 1000 字。"})
    locked, _step = _simple(
        user=user,
        appeal=appeal,
        version=version,
        action=Step.RATE,
        notes=comment,
        detail={"score": int(score)},
    )
    rating = AppealRating.objects.create(appeal=locked, score=int(score), comment=comment, rated_by=user)
    if not rating.satisfied:
        _reopen(locked, user=user, notes=f"评价不满意({rating.score} 分):{comment}".rstrip(":"))
    notify(
        recipients=dispatchers(locked.park_id) + handlers(locked),
        kind=EventKind.APPEAL_RATED,
        title=f"诉求评价 {rating.score} 分{'(不满意,已重办)' if not rating.satisfied else ''}:{locked.title}",
        body=f"{locked.number} {comment}",
        url=_appeal_url(locked),
        exclude=user,
    )
    return locked


def _reopen(locked: Appeal, *, user: Any, notes: str) -> None:
    """Back to 办理中 with a fresh deadline; the departments keep it."""
    old_state = locked.state
    now = timezone.now()
    _save(
        locked,
        locked.version,
        state=AppealState.IN_PROGRESS,
        closed_at=None,
        resolved=False,
        overdue=False,
        escalated_at=None,
        deadline_reminded_at=None,
        reopen_count=locked.reopen_count + 1,
        due_at=due_at_for(now, locked.category.time_limit_days),
    )
    _record(locked, action=Step.REOPEN, from_state=old_state, user=user, notes=notes)
    notify(
        recipients=handlers(locked),
        kind=EventKind.APPEAL_ASSIGNED,
        title=f"诉求重办:{locked.title}",
        body=f"{locked.number} {notes}",
        url=_appeal_url(locked),
        exclude=user,
    )


@transaction.atomic
def appeal_reopen(*, user: Any, appeal: Appeal | int, version: int, notes: str) -> Appeal:
    """重办: 企业服务 sends a concluded appeal back to the departments (a reason is required)."""
    notes = _check_text("notes", notes, "重办理由", required=True)
    locked, _state = _begin(user, appeal, Step.REOPEN, version)
    _reopen(locked, user=user, notes=notes)
    return locked


@transaction.atomic
def appeal_archive(*, user: Any, appeal: Appeal | int, version: int, notes: str = "") -> Appeal:
    """归档: the file is closed; nothing more happens to it."""
    locked, _step = _simple(user=user, appeal=appeal, version=version, action=Step.ARCHIVE, notes=notes)
    return locked


@transaction.atomic
def appeal_note(
    *,
    user: Any,
    appeal: Appeal | int,
    notes: str,
    version: int | None = None,
    internal: bool = False,
    attachments: Sequence[UploadedFile] = (),
) -> AppealStep:
    """备注 / 答复: a message on the timeline (internal notes only for staff). Does not change the appeal,
    so it does not bump ``version``; a given ``version`` is still checked."""
    notes = _check_text("notes", notes, "内容", required=True)
    validate_attachments(attachments)
    locked, state = _begin(user, appeal, Step.NOTE, version)
    actors = appeal_actors(user, locked) if user is not None else frozenset()
    is_requester = workflow.Actor.REQUESTER in actors and len(actors) == 1
    internal = internal and not is_requester
    step = _record(locked, action=Step.NOTE, from_state=state, user=user, notes=notes, internal=internal)
    _save_attachments(locked, step, attachments, user)
    if is_requester:
        recipients = dispatchers(locked.park_id) + handlers(locked)
    elif internal:
        recipients = handlers(locked) + dispatchers(locked.park_id)
    else:
        recipients = requesters(locked)
    notify(
        recipients=recipients,
        kind=EventKind.APPEAL_REPLY,
        title=f"诉求有新留言:{locked.title}",
        body=f"{locked.number} {_actor_name(user)}:{notes[:1000]}",
        url=_appeal_url(locked),
        exclude=user,
    )
    return step


# --- deadlines -------------------------------------------------------------------------------------


def appeals_escalate(*, now: dt.datetime | None = None) -> int:
    """超期督办: flag every open appeal past its deadline, tell the park leaders, the departments and
    企业服务; each appeal escalates once per deadline. Returns how many escalated."""
    now = now or timezone.now()
    count = 0
    pending = Appeal.objects.overdue(now).filter(escalated_at__isnull=True).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            locked = Appeal.objects.select_for_update().select_related("category").get(pk=pk)
            if not locked.is_open or locked.escalated_at is not None or locked.due_at >= now:
                continue
            _save(locked, locked.version, overdue=True, escalated_at=now)
            _record(
                locked,
                action=Step.ESCALATE,
                from_state=locked.state,
                user=None,
                at=now,
                notes=f"超过办理期限 {timezone.localtime(locked.due_at):%Y-%m-%d},已提请园区领导督办。",
            )
            notify(
                recipients=leaders(locked.park_id) + handlers(locked) + dispatchers(locked.park_id),
                kind=EventKind.APPEAL_OVERDUE,
                title=f"诉求超期督办:{locked.title}",
                body=f"{locked.number}({locked.category.name})办理期限 "
                f"{timezone.localtime(locked.due_at):%Y-%m-%d},现状态「{locked.get_state_display()}」。",
                url=_appeal_url(locked),
            )
            count += 1
    return count


def appeals_remind_deadlines(*, now: dt.datetime | None = None) -> int:
    """临期提醒: open appeals due by the end of the next working day, once each. Returns how many."""
    now = now or timezone.now()
    calendar = work_calendar()
    horizon_day = calendar.add(timezone.localtime(now).date(), 1)
    horizon = timezone.make_aware(dt.datetime.combine(horizon_day, dt.time(23, 59, 59)))
    count = 0
    pending = Appeal.objects.filter(
        state__in=OPEN_STATES,
        due_at__gte=now,
        due_at__lte=horizon,
        deadline_reminded_at__isnull=True,
    ).values_list("pk", flat=True)
    for pk in list(pending):
        with transaction.atomic():
            locked = Appeal.objects.select_for_update().get(pk=pk)
            if locked.deadline_reminded_at is not None or not locked.is_open:
                continue
            _save(locked, locked.version, deadline_reminded_at=now)
            recipients = handlers(locked) or dispatchers(locked.park_id)
            notify(
                recipients=recipients,
                kind=EventKind.APPEAL_DEADLINE,
                title=f"诉求即将到期:{locked.title}",
                body=f"{locked.number} 办理期限 {timezone.localtime(locked.due_at):%Y-%m-%d %H:%M}。",
                url=_appeal_url(locked),
            )
            count += 1
    return count


# --- visits ----------------------------------------------------------------------------------------


@transaction.atomic
def visit_record(
    *,
    user: Any,
    enterprise: Any,
    visited_on: dt.date,
    notes: str,
    participants: str = "",
    staff: Iterable[Any] = (),
    issues: Sequence[dict[str, Any]] = (),
) -> Visit:
    """走访: record a staff visit; each issue ``{"category", "description", "title"?}`` becomes an appeal
    (channel 走访) filed on the enterprise's behalf in the same transaction."""
    access.ensure_can_add(user, access.Domain.SERVICE, park_id=enterprise.park_id)
    notes = _check_text("notes", notes, "走访记录", required=True)
    scope = access.scope_for(user)
    department_kind = next(
        (g.department for g in scope.grants if g.park_id == enterprise.park_id and g.department), None
    )
    from scipark.parks.models import Department

    department = (
        Department.objects.filter(park_id=enterprise.park_id, kind=department_kind).first()
        if department_kind
        else None
    )
    visit = Visit(
        park_id=enterprise.park_id,
        enterprise=enterprise,
        visited_on=visited_on,
        department=department,
        participants=participants.strip()[:300],
        notes=notes,
        recorded_by=user,
    )
    visit.full_clean()
    visit.save()
    visit.staff.set([user, *staff])
    appeals = []
    for index, issue in enumerate(issues, start=1):
        try:
            appeals.append(
                appeal_submit(
                    user=user,
                    park=enterprise.park,
                    category=issue["category"],
                    title=issue.get("title", ""),
                    description=issue["description"],
                    enterprise=enterprise,
                    channel=AppealChannel.VISIT,
                    requester_name=issue.get("requester_name", ""),
                    requester_phone=issue.get("requester_phone", ""),
                    received_at=issue.get("received_at"),
                )
            )
        except ValidationError as exc:
            raise ValidationError({"issues": [f"第 {index} 个问题:{m}" for m in exc.messages]}) from exc
    visit.appeals.set(appeals)
    return visit


# --- configuration ---------------------------------------------------------------------------------

CATEGORY_FIELDS = (
    "code",
    "name",
    "description",
    "group",
    "keywords",
    "default_department",
    "time_limit_days",
    "is_active",
    "order",
)


@transaction.atomic
def category_create(*, user: Any, park: Any, data: dict[str, Any]) -> AppealCategory:
    """A new appeal category in ``park`` (企业服务 staff)."""
    access.ensure_can_add(user, access.Domain.SERVICE, park_id=park.pk)
    if AppealCategory.objects.filter(park=park, code=data.get("code")).exists():
        raise ValidationError({"code": f"代码「{data.get('code')}」在该园区已被使用。"})
    category = AppealCategory(park=park, **{k: v for k, v in data.items() if k in CATEGORY_FIELDS})
    if category.default_department.park_id != park.pk:
        raise ValidationError({"default_department": "默认承办部门须属于同一园区。"})
    category.full_clean()
    category.save()
    return category


@transaction.atomic
def category_update(
    *, user: Any, category: AppealCategory, data: dict[str, Any], version: int
) -> AppealCategory:
    """Change a category (optimistic: ``version`` must be the stored one)."""
    from scipark.core.services import model_update

    locked = AppealCategory.objects.select_for_update().get(pk=category.pk)
    access.ensure_can(user, locked, access.Action.CHANGE)
    department = data.get("default_department")
    if department is not None and department.park_id != locked.park_id:
        raise ValidationError({"default_department": "默认承办部门须属于同一园区。"})
    code = data.get("code")
    if (
        code
        and AppealCategory.objects.filter(park_id=locked.park_id, code=code).exclude(pk=locked.pk).exists()
    ):
        raise ValidationError({"code": f"代码「{code}」在该园区已被使用。"})
    updated, _changed = model_update(
        instance=locked, data=data, fields=CATEGORY_FIELDS, expected_version=version
    )
    return updated


@transaction.atomic
def calendar_day_save(*, user: Any, date: dt.date, kind: str, name: str = "") -> Any:
    """Add (or change) a holiday or adjusted working day: 企业服务 staff of some park may keep the calendar."""
    from .models import CalendarDay

    if not access.has_permission(user, access.Domain.SERVICE, access.Action.ADD) or not access.scope_for(
        user
    ).park_ids(access.Domain.SERVICE, access.Action.ADD):
        raise access.AccessDenied("只有企业服务部门可以维护节假日。")
    if kind not in CalendarDay.Kind.values:
        raise ValidationError({"kind": f"类型「{kind}」无效。"})
    day, _created = CalendarDay.objects.update_or_create(
        date=date, defaults={"kind": kind, "name": name.strip()[:50], "source": "manual"}
    )
    return day


@transaction.atomic
def calendar_day_delete(*, user: Any, date: dt.date) -> int:
    """Remove the exception for ``date`` (a day not listed: nothing to do). Returns rows removed."""
    from .models import CalendarDay

    if not access.scope_for(user).park_ids(access.Domain.SERVICE, access.Action.DELETE):
        raise access.AccessDenied("只有企业服务部门可以维护节假日。")
    deleted, _rows = CalendarDay.objects.filter(date=date).delete()
    return deleted

"""Writes of events: one function per business action, each in one transaction with access re-checked.

Staff of enterprise service (企业服务) create events and record their outcome — in ``core.access``
terms, they may change the event row; an enterprise user registers its own participation and posts for
an upcoming event of its park while registration is open. A change to a stored row locks it with
``lock_for_change`` (reach and version re-checked) before the checks (SECURITY.md row 14).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.services import lock_for_change, model_update

from .models import Event, Participation, Post

EVENT_FIELDS = (
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "place",
    "organiser",
    "description",
    "registration_open",
)
POST_FIELDS = ("title", "headcount", "salary_min", "salary_max", "requirements")


def keeps(user: Any, event: Event) -> bool:
    """Whether the user keeps this event: staff whose department edits the service domain in its park,
    i.e. who may change the event row (enterprise users only read it and add to it)."""
    return access.can_reach(user, event, access.Action.CHANGE)


def offers_posts(event: Event) -> bool:
    """Whether enterprises offer posts (岗位) at the event: only at a job fair (招聘会); the sign-up page, the
    event's 添加岗位 and the services read this one rule."""
    return event.kind == Event.Kind.JOB_FAIR


_NO_POSTS = gettext_lazy("只有招聘会可以提供岗位。")


def _check_event(event: Event) -> None:
    if event.ends_at and event.ends_at < event.starts_at:
        raise ValidationError({"ends_at": _("结束时间不能早于开始时间。")})
    if event.organiser_id and event.organiser.park_id != event.park_id:
        raise ValidationError({"organiser": _("主办部门须属于活动所在园区。")})


def event_create(*, user: Any, park: Any, data: Mapping[str, Any]) -> Event:
    """Announce an event in ``park``."""
    with transaction.atomic():
        # Staff of enterprise service in that park (an enterprise user adds only for its enterprise).
        access.ensure_can_add(user, access.Domain.SERVICE, park_id=park.pk)
        values = {
            k: ("" if v is None and k == "description" else v) for k, v in data.items() if k in EVENT_FIELDS
        }
        event = Event(park=park, **values)
        _check_event(event)
        event.full_clean()
        event.save()
    return event


def event_update(*, user: Any, event: Event, data: Mapping[str, Any], expected_version: int) -> Event:
    """Change an event's details; a stale version is a conflict."""
    with transaction.atomic():
        current = lock_for_change(Event, event.pk, user=user, expected_version=expected_version)
        values = {k: ("" if v is None and k == "description" else v) for k, v in data.items()}
        probe = Event(
            **{**{f: getattr(current, f) for f in ("park_id", "starts_at", "ends_at", "organiser_id")}}
        )
        for key in ("starts_at", "ends_at", "organiser"):
            if key in values:
                setattr(probe, key, values[key])
        _check_event(probe)
        updated, _changed = model_update(instance=current, data=values, fields=EVENT_FIELDS)
    return updated


def event_cancel(*, user: Any, event: Event, expected_version: int | None = None) -> Event:
    """Cancel an event that has not been held."""
    with transaction.atomic():
        current = lock_for_change(Event, event.pk, user=user, expected_version=expected_version)
        if current.status == Event.Status.HELD:
            raise ValidationError({"status": _("活动已举办,不能取消。")})
        if current.status != Event.Status.SCHEDULED:
            raise ValidationError({"status": _("活动已取消,无需再次取消。")})
        updated, _changed = model_update(
            instance=current,
            data={"status": Event.Status.CANCELLED, "registration_open": False},
            fields=("status", "registration_open"),
        )
    return updated


def event_record_outcome(
    *,
    user: Any,
    event: Event,
    attendees: int | None,
    results: Mapping[int, tuple[int | None, int | None]],
    expected_version: int,
    now: dt.datetime | None = None,
) -> Event:
    """After the event: attendees, and per participating enterprise the résumés received and hires made."""
    with transaction.atomic():
        current = lock_for_change(Event, event.pk, user=user, expected_version=expected_version)
        if current.status == Event.Status.CANCELLED:
            raise ValidationError({"attendees": _("活动已取消,不能登记成效。")})
        if current.starts_at > (now or timezone.now()):
            raise ValidationError({"attendees": _("活动尚未开始,不能登记成效。")})
        participations = {p.pk: p for p in Participation.objects.select_for_update().filter(event=current)}
        unknown = set(results) - set(participations)
        if unknown:
            raise ValidationError({"attendees": _("参会企业不属于该活动。")})
        for pk, (resumes, hires) in results.items():
            part = participations[pk]
            if resumes is not None and hires is not None and hires > resumes:
                raise ValidationError(
                    {
                        "attendees": _("“%(name)s”的录用人数(%(hires)s)多于收到简历数(%(resumes)s)。")
                        % {"name": part.enterprise.name, "hires": hires, "resumes": resumes}
                    }
                )
            if (part.resumes, part.hires) != (resumes, hires):
                model_update(
                    instance=part, data={"resumes": resumes, "hires": hires}, fields=("resumes", "hires")
                )
        model_update(
            instance=current,
            data={"attendees": attendees, "status": Event.Status.HELD, "registration_open": False},
            fields=("attendees", "status", "registration_open"),
        )
    return current


def _clean_posts(posts: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned = []
    for number, post in enumerate(posts, start=1):
        values = {k: post.get(k) for k in POST_FIELDS}
        values["requirements"] = values.get("requirements") or ""
        low, high = values.get("salary_min"), values.get("salary_max")
        if low is not None and high is not None and high < low:
            raise ValidationError(
                {
                    "posts": _("第 %(number)s 个岗位“%(title)s”的月薪上限低于下限。")
                    % {"number": number, "title": values["title"]}
                }
            )
        cleaned.append(values)
    return cleaned


def participation_register(
    *,
    user: Any,
    event: Event,
    enterprise: Any,
    posts: Sequence[Mapping[str, Any]] = (),
    note: str = "",
    now: dt.datetime | None = None,
) -> Participation:
    """Register an enterprise (and its posts) for an event: the enterprise itself for an upcoming event
    open for registration, or staff at any time (also to record who came)."""
    with transaction.atomic():
        current = lock_for_change(Event, event.pk, user=user, action=access.Action.ADD)
        access.ensure_can_add(
            user, access.Domain.SERVICE, park_id=current.park_id, enterprise_id=enterprise.pk
        )
        staff = keeps(user, current)
        if enterprise.park_id != current.park_id:
            raise ValidationError({"enterprise": _("参会企业须在活动所在园区。")})
        if not staff:
            if enterprise.pk not in access.scope_for(user).enterprise_ids():
                raise access.AccessDenied(_("企业用户只能为本企业报名。"))
            if current.status != Event.Status.SCHEDULED or not current.registration_open:
                raise ValidationError({"enterprise": _("该活动已停止报名。")})
            if current.starts_at <= (now or timezone.now()):
                raise ValidationError({"enterprise": _("活动已开始,不能再报名。")})
        if current.status == Event.Status.CANCELLED:
            raise ValidationError({"enterprise": _("活动已取消。")})
        if posts and not offers_posts(current):
            raise ValidationError({"posts": _NO_POSTS})
        if Participation.objects.filter(event=current, enterprise=enterprise).exists():
            raise ValidationError({"enterprise": _("“%(name)s”已报名该活动。") % {"name": enterprise.name}})
        part = Participation(
            event=current,
            enterprise=enterprise,
            contact_note=note or "",
            registered_by=user if getattr(user, "pk", None) else None,
        )
        part.full_clean()
        part.save()
        for values in _clean_posts(posts):
            post = Post(participation=part, **values)
            post.full_clean()
            post.save()
    return part


def _ensure_can_edit_participation(user: Any, part: Participation, now: dt.datetime | None) -> None:
    if keeps(user, part.event):
        return
    if part.event.status != Event.Status.SCHEDULED or part.event.starts_at <= (now or timezone.now()):
        raise access.AccessDenied(_("活动已开始,岗位只能由企业服务部门修改。"))


def post_add(
    *, user: Any, participation: Participation, data: Mapping[str, Any], now: dt.datetime | None = None
) -> Post:
    """Add a post to an enterprise's participation."""
    with transaction.atomic():
        part = lock_for_change(Participation, participation.pk, user=user, related=("event",))
        _ensure_can_edit_participation(user, part, now)
        if not offers_posts(part.event):
            raise ValidationError({"title": _NO_POSTS})
        values = _clean_posts([data])[0]
        post = Post(participation=part, **values)
        post.full_clean()
        post.save()
    return post


def post_remove(*, user: Any, post: Post, now: dt.datetime | None = None) -> None:
    """Remove a post."""
    with transaction.atomic():
        current = lock_for_change(Post, post.pk, user=user, related=("participation__event",))
        _ensure_can_edit_participation(user, current.participation, now)
        current.delete()


def participation_withdraw(
    *, user: Any, participation: Participation, now: dt.datetime | None = None
) -> None:
    """Withdraw an enterprise from an event before it starts (its posts go with it)."""
    with transaction.atomic():
        part = lock_for_change(Participation, participation.pk, user=user, related=("event",))
        _ensure_can_edit_participation(user, part, now)
        if part.hires is not None or part.resumes is not None:
            raise ValidationError({"enterprise": _("已登记成效的参会记录不能撤回。")})
        part.delete()

"""Intake: an appeal is filed (portal, on someone's behalf by 企业服务 staff, or by Open311).

Open311 files appeals with ``user=None`` (the client's API key was checked by the Open311 layer, which
is the only caller allowed to do so; channel must then be ``open311``). Such an appeal names its
enterprise only as a claim: nobody checked that the outside requester speaks for it, so it reaches the
enterprise's inbox when 企业服务 accepts it and confirms or corrects the enterprise (``steps.accept``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from auditlog import receivers as auditlog_receivers
from auditlog.context import disable_auditlog
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from scipark.core import access
from scipark.core.messages import Message
from scipark.notifications.models import EventKind
from scipark.notifications.services import notify

from ..models import Appeal, AppealCategory, AppealChannel, AppealStep
from .attachments import save_attachments, validate_attachments
from .common import actor_name, appeal_url, check_text, dispatchers, record_step
from .deadlines import due_at_for


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
    or by Open311 with ``user=None``. Returns the new appeal in state 待受理 with its working-day deadline.

    Without a user, ``enterprise`` is kept as the appeal's ``claimed_enterprise`` and the appeal belongs
    to no enterprise until it is accepted (SECURITY.md row 2)."""
    if channel not in AppealChannel.values:
        raise ValidationError({"channel": _("渠道「%(channel)s」无效。") % {"channel": channel}})
    if user is None and channel != AppealChannel.OPEN311:
        raise access.AccessDenied(_("未登录用户只能通过 Open311 客户端提交诉求。"))
    description = check_text("description", description, _("诉求内容"), required=True)
    title = (title or "").strip()[:200] or description.splitlines()[0][:40]
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("纬度和经度须同时填写或同时留空。")})
    validate_attachments(attachments)
    with transaction.atomic():
        if user is not None:
            access.ensure_can_add(
                user, access.Domain.SERVICE, park_id=park.pk, enterprise_id=getattr(enterprise, "pk", None)
            )
            scope = access.scope_for(user)
            is_enterprise_user = enterprise is not None and enterprise.pk in scope.enterprise_ids()
            if is_enterprise_user and channel != AppealChannel.PORTAL:
                raise ValidationError({"channel": _("企业用户只能通过企业门户提交诉求。")})
            if is_enterprise_user:
                requester_name = requester_name or actor_name(user)
                requester_email = requester_email or (user.email or "")
        if category.park_id != park.pk or not category.is_active:
            raise ValidationError({"category": _("诉求类别不属于该园区或已停用。")})
        if enterprise is not None and enterprise.park_id != park.pk:
            raise ValidationError({"enterprise": _("企业不在该园区。")})
        claimed = None
        if user is None:
            claimed, enterprise = enterprise, None
        now = received_at or timezone.now()
        appeal = Appeal(
            park=park,
            number=f"TMP{uuid.uuid4().hex[:16]}",
            enterprise=enterprise,
            claimed_enterprise=claimed,
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
        # The number needs the row id; the row was just written in this transaction, so no lock is needed.
        # The change log's creation entry is written once the final number is in the row (issue 10 item 6):
        # it names and shows the appeal by SQ…, never by the temporary TMP… number.
        with disable_auditlog():
            appeal.save()
            appeal.number = appeal_number(appeal)
            Appeal.objects.filter(pk=appeal.pk).update(number=appeal.number)
        auditlog_receivers.log_create(sender=Appeal, instance=appeal, created=True)
        step = record_step(appeal, action=AppealStep.Action.SUBMIT, from_state="", user=user, at=now)
        save_attachments(appeal, step, attachments, user)
        notify(
            recipients=dispatchers(park.pk),
            kind=EventKind.APPEAL_SUBMITTED,
            title=Message(gettext_noop("新诉求待受理:%(title)s"), {"title": appeal.title}),
            body=Message(
                gettext_noop("%(number)s(%(category)s)\n%(description)s"),
                {"number": appeal.number, "category": category.name, "description": description[:500]},
            ),
            url=appeal_url(appeal),
            exclude=user,
        )
    return appeal


def appeal_number(appeal: Appeal) -> str:
    """SQ + year of receipt + the row id, zero-padded: unique, and known as soon as the row is written."""
    return f"SQ{timezone.localtime(appeal.received_at):%Y}{appeal.pk:06d}"

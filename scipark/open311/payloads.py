"""GeoReport v2 documents as plain Python values, in the spec's field order; ``formats`` writes them.

Requests carry no personal data (no requester name, phone or e-mail); the fine state of the park's
workflow goes in ``status_notes`` and in the ``extended_attributes`` extension (ADR 0008).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from scipark.appeals.models import Appeal, AppealCategory, AppealState, AppealStep
from scipark.core.terms import joined

from .models import LIST_DATATYPES, ServiceAttribute, Submission
from .values import format_datetime

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
OPEN = "open"
CLOSED = "closed"
#: Open311's two statuses from the workflow's states (已退回 ``sent_back`` is still being handled: open).
STATUS_OF_STATE: dict[str, str] = {
    AppealState.SUBMITTED: OPEN,
    AppealState.ACCEPTED: OPEN,
    AppealState.ASSIGNED: OPEN,
    AppealState.IN_PROGRESS: OPEN,
    AppealState.SENT_BACK: OPEN,
    AppealState.CONCLUDED: CLOSED,
    AppealState.RATED: CLOSED,
    AppealState.ARCHIVED: CLOSED,
}
NOTES_MAX = 1000


def service_payload(category: AppealCategory, *, has_attributes: bool) -> dict[str, Any]:
    keywords = ", ".join(category.keyword_list())
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description or None,
        "metadata": has_attributes,
        "type": "realtime",
        "keywords": keywords or None,
        "group": category.group or None,
    }


def attribute_payload(attribute: ServiceAttribute) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "variable": attribute.variable,
        "code": attribute.code,
        "datatype": attribute.datatype,
        "required": attribute.required,
        "datatype_description": attribute.datatype_description or None,
        "order": attribute.order,
        "description": attribute.description,
    }
    if attribute.datatype in LIST_DATATYPES:
        payload["values"] = [{"key": v["key"], "name": v["name"]} for v in attribute.values]
    return payload


def definition_payload(category: AppealCategory, attributes: list[ServiceAttribute]) -> dict[str, Any]:
    return {"service_code": category.code, "attributes": [attribute_payload(a) for a in attributes]}


def service_notice(appeal: Appeal) -> str:
    """What the park promises: who handles it and by when (from the category's time limit)."""
    department = appeal.lead_department or appeal.category.default_department
    return _("由%(department)s在 %(days)d 个工作日内办理,办理期限 %(due)s。") % {
        "department": department.name,
        "days": appeal.category.time_limit_days,
        "due": f"{timezone.localtime(appeal.due_at):%Y-%m-%d}",
    }


def status_notes(appeal: Appeal) -> str:
    """The fine state in the park's words, e.g. “办理中(牵头:企业服务部;协办:经济发展部)”."""
    label = str(AppealState(appeal.state).label)
    parts: list[str] = []
    if appeal.lead_department_id and appeal.state in {AppealState.ASSIGNED, AppealState.IN_PROGRESS}:
        lead = _("牵头:%(name)s") % {"name": appeal.lead_department.name}  # type: ignore[union-attr]
        co = [link.department.name for link in appeal.co_handling.all()]
        parts.append(lead + (_(";协办:%(names)s") % {"names": joined(co)} if co else ""))
    notes = label + (f"({parts[0]})" if parts else "")
    if appeal.state == AppealState.SENT_BACK:
        reason = _sent_back_to_requester_reason(appeal)
        if reason:
            notes += _(":%(reason)s") % {"reason": reason}
    elif appeal.state in {AppealState.CONCLUDED, AppealState.RATED, AppealState.ARCHIVED} and appeal.reply:
        outcome = _("已解决") if appeal.resolved else _("未能解决")
        notes += _("(%(outcome)s):%(reply)s") % {"outcome": outcome, "reply": appeal.reply}
    if appeal.is_open and appeal.is_overdue:
        notes += _(",已超期")
    return notes[:NOTES_MAX]


def _sent_back_to_requester_reason(appeal: Appeal) -> str:
    """The reason given when the appeal was sent back to its requester (a department handing it back to
    企业服务 is internal business and is not shown)."""
    step = (
        appeal.steps.filter(action=AppealStep.Action.SEND_BACK, internal=False)
        .order_by("-at", "-id")
        .only("from_state", "notes")
        .first()
    )
    if step is None or step.from_state != AppealState.SUBMITTED:
        return ""
    return step.notes


def request_payload(appeal: Appeal) -> dict[str, Any]:
    """One ``request`` of ``GET requests``: the spec's fields plus ``extended_attributes``."""
    submission: Submission | None = getattr(appeal, "open311_submission", None)
    department = appeal.lead_department or appeal.category.default_department
    return {
        "service_request_id": appeal.number,
        "status": STATUS_OF_STATE[appeal.state],
        "status_notes": status_notes(appeal),
        "service_name": appeal.category.name,
        "service_code": appeal.category.code,
        "description": appeal.description,
        "agency_responsible": department.name,
        "service_notice": service_notice(appeal),
        "requested_datetime": format_datetime(appeal.received_at),
        "updated_datetime": format_datetime(appeal.updated_at),
        "expected_datetime": format_datetime(appeal.due_at),
        "address": appeal.address or None,
        "address_id": (submission.address_id if submission else "") or None,
        "zipcode": None,
        "lat": float(appeal.latitude) if appeal.latitude is not None else None,
        "long": float(appeal.longitude) if appeal.longitude is not None else None,
        "media_url": (submission.media_url if submission else "") or None,
        "extended_attributes": {
            "state": appeal.state,
            "state_name": str(AppealState(appeal.state).label),
            "overdue": appeal.is_overdue,
            "closed_datetime": format_datetime(appeal.closed_at),
        },
    }


def created_payload(appeal: Appeal, submission: Submission) -> dict[str, Any]:
    """The answer to ``POST requests``: the id at once (requests are created in real time), and a token."""
    return {
        "service_request_id": appeal.number,
        "token": submission.token,
        "service_notice": service_notice(appeal),
        "account_id": submission.account_id or None,
    }


def token_payload(submission: Submission) -> dict[str, Any]:
    return {"service_request_id": submission.appeal.number, "token": submission.token}

"""The findings ledger: register an item, then one step function per action of ``workflow.FLOW``.

Every step goes ``FLOW.begin`` (lock, reach, version, table) → checks on the locked row → ``save_changes``
→ a ``FindingStep`` on the timeline with its evidence. ``finding_step`` is the one way in for the page,
the API and the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.services import lock_for_change, save_changes

from ..models import Finding, FindingEvidence, FindingState, FindingStep
from ..workflow import FLOW, finding_actors
from .evidence import check_evidence, content_type, stored_name

A = FindingStep.Action
FINDING_FIELDS = (
    "number",
    "source",
    "round_no",
    "kind",
    "title",
    "description",
    "enterprise",
    "responsible_unit",
    "received_on",
    "deadline",
    "measures",
    "longitude",
    "latitude",
)
#: What each step reads besides ``notes`` and ``evidence``.
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    A.START: ("measures",),
    A.APPROVE: ("rectified_on",),
    A.CLOSE: ("closure_document", "closure_approver", "closed_on"),
}
#: Steps whose notes are required, and what the notes are.
NOTES_REQUIRED: dict[str, Any] = {
    A.PROGRESS: gettext_lazy("请填写整改进展。"),
    A.REJECT: gettext_lazy("请填写退回理由。"),
    A.REOPEN: gettext_lazy("请填写复查不合格情况。"),
}


def step_data(action: str, source: Mapping[str, Any]) -> dict[str, Any]:
    """The data ``action`` takes, picked from a form's or a serializer's cleaned data."""
    names = ("notes", "evidence", *STEP_FIELDS.get(str(action), ()))
    return {name: source[name] for name in names if source.get(name) not in (None, "")}


def check_finding(finding: Finding) -> None:
    """The rules of a ledger item beyond its fields' own, as a ValidationError naming the field."""
    if finding.enterprise is not None and finding.enterprise.park_id != finding.park_id:
        raise ValidationError({"enterprise": _("责任企业须属于该园区。")})
    if not finding.enterprise_id and not finding.responsible_unit.strip():
        raise ValidationError({"responsible_unit": _("请填写责任企业或责任单位。")})
    if finding.source and finding.source != Finding.Source.PARK_CHECK and not finding.round_no:
        raise ValidationError({"round_no": _("督察来源的事项须填写督察轮次。")})
    if finding.deadline and finding.received_on and finding.deadline < finding.received_on:
        raise ValidationError({"deadline": _("整改期限不能早于交办日期。")})


def finding_create(*, user: Any, park: Any, data: Mapping[str, Any]) -> Finding:
    """Register a finding or petition in ``park`` (the environment department)."""
    with transaction.atomic():
        access.ensure_can_add(user, access.Domain.ENVIRONMENT, park_id=park.pk)
        finding = Finding(park=park, **{k: v for k, v in data.items() if k in FINDING_FIELDS})
        check_finding(finding)
        finding.full_clean()
        finding.save()
    return finding


def finding_update(
    *, user: Any, finding: Finding, data: Mapping[str, Any], expected_version: int | None
) -> Finding:
    """Correct what the ledger says about an item (the department; its state moves only by steps)."""
    with transaction.atomic():
        locked = lock_for_change(Finding, finding.pk, user=user, expected_version=expected_version)
        if not access.can_add_in(user, access.Domain.ENVIRONMENT, park_id=locked.park_id):
            raise access.AccessDenied(_("只有生态环境部门可以修改台账事项。"))
        changed = {
            k: v for k, v in data.items() if k in FINDING_FIELDS and k != "number" and getattr(locked, k) != v
        }
        if not changed:
            return locked
        for key, value in changed.items():
            setattr(locked, key, value)
        check_finding(locked)
        locked.full_clean()
        return save_changes(locked, **changed)


def finding_step(
    *, user: Any, finding: Finding | int, action: str, version: int | None, **data: Any
) -> Finding:
    """Take one step of the ledger's workflow on ``finding`` with the version the caller read."""
    if version is None:
        raise ValidationError({"version": _("请提供读取时的版本号,刷新页面后重试。")})
    with transaction.atomic():
        return FLOW.run(action, user=user, finding=finding, version=version, **data)


def _prepare(action: str, notes: str, evidence: Sequence[UploadedFile]) -> str:
    notes = (notes or "").strip()
    required = NOTES_REQUIRED.get(str(action))
    if required and not notes:
        raise ValidationError({"notes": str(required)})
    if len(notes) > 4000:
        raise ValidationError({"notes": _("说明不能超过 4000 字。")})
    check_evidence(evidence)
    return notes


def _move(
    action: str,
    *,
    user: Any,
    finding: Finding | int,
    version: int,
    notes: str,
    evidence: Sequence[UploadedFile],
    changes: dict[str, Any] | None = None,
    check: Any = None,
) -> Finding:
    notes = _prepare(action, notes, evidence)
    locked, old = FLOW.begin(
        Finding,
        getattr(finding, "pk", finding),
        user=user,
        action=action,
        version=version,
        actors=finding_actors,
    )
    if check is not None:
        check(locked)
    new_state = FLOW.target_state(action, old)
    if FLOW.transitions[action].target is not None or changes:
        save_changes(locked, state=new_state, **(changes or {}))
    step = FindingStep.objects.create(
        park_id=locked.park_id,
        finding=locked,
        action=action,
        from_state=old,
        to_state=new_state,
        notes=notes,
        user=user,
    )
    for f in evidence:
        item = FindingEvidence(
            park_id=locked.park_id,
            finding=locked,
            step=step,
            name=(f.name or "")[:200],
            content_type=content_type(f),
            size=f.size or 0,
            uploaded_by=user,
        )
        item.file.save(stored_name(f), f, save=False)
        item.save()
    return locked


@FLOW.step(A.START)
def start(
    *,
    user: Any,
    finding: Any,
    version: int,
    notes: str = "",
    evidence: Sequence[Any] = (),
    measures: str = "",
) -> Finding:
    """开始整改: the measures are agreed with the responsible unit."""
    measures = (measures or "").strip()

    def needs_measures(locked: Finding) -> None:
        if not (measures or locked.measures.strip()):
            raise ValidationError({"measures": _("请填写整改措施。")})

    changes = {"measures": measures} if measures else {}
    return _move(
        A.START,
        user=user,
        finding=finding,
        version=version,
        notes=notes,
        evidence=evidence,
        changes=changes,
        check=needs_measures,
    )


@FLOW.step(A.PROGRESS)
def progress(
    *, user: Any, finding: Any, version: int, notes: str = "", evidence: Sequence[Any] = ()
) -> Finding:
    """报告进展: what was done, with photos or documents (the enterprise or the department)."""
    return _move(A.PROGRESS, user=user, finding=finding, version=version, notes=notes, evidence=evidence)


@FLOW.step(A.SUBMIT)
def submit(
    *, user: Any, finding: Any, version: int, notes: str = "", evidence: Sequence[Any] = ()
) -> Finding:
    """提交复核: rectification is reported done; there must be evidence by now."""

    def has_evidence(locked: Finding) -> None:
        if not evidence and not locked.evidence.exists():
            raise ValidationError({"evidence": _("提交复核前须上传整改证明材料(照片或文件)。")})

    return _move(
        A.SUBMIT,
        user=user,
        finding=finding,
        version=version,
        notes=notes,
        evidence=evidence,
        check=has_evidence,
    )


@FLOW.step(A.APPROVE)
def approve(
    *,
    user: Any,
    finding: Any,
    version: int,
    notes: str = "",
    evidence: Sequence[Any] = (),
    rectified_on: dt.date | None = None,
) -> Finding:
    """复核通过: the department confirms the rectification (dated)."""
    day = rectified_on or timezone.localdate()
    return _move(
        A.APPROVE,
        user=user,
        finding=finding,
        version=version,
        notes=notes,
        evidence=evidence,
        changes={"rectified_on": day},
    )


@FLOW.step(A.REJECT)
def reject(
    *, user: Any, finding: Any, version: int, notes: str = "", evidence: Sequence[Any] = ()
) -> Finding:
    """复核退回: not rectified yet; the reason is required."""
    return _move(A.REJECT, user=user, finding=finding, version=version, notes=notes, evidence=evidence)


@FLOW.step(A.CLOSE)
def close(
    *,
    user: Any,
    finding: Any,
    version: int,
    notes: str = "",
    evidence: Sequence[Any] = (),
    closure_document: str = "",
    closure_approver: str = "",
    closed_on: dt.date | None = None,
) -> Finding:
    """销号: an authorised approver and a document number, on evidence already on file."""
    document = (closure_document or "").strip()
    approver = (closure_approver or "").strip()
    if not document:
        raise ValidationError({"closure_document": _("销号须填写销号文号。")})
    if not approver:
        raise ValidationError({"closure_approver": _("销号须填写审批人。")})

    def has_evidence(locked: Finding) -> None:
        if not evidence and not locked.evidence.exists():
            raise ValidationError(
                {"evidence": _("事项「%(number)s」没有整改证明材料,不能销号。") % {"number": locked.number}}
            )

    changes = {
        "closure_document": document[:60],
        "closure_approver": approver[:50],
        "closed_by": user,
        "closed_on": closed_on or timezone.localdate(),
    }
    return _move(
        A.CLOSE,
        user=user,
        finding=finding,
        version=version,
        notes=notes,
        evidence=evidence,
        changes=changes,
        check=has_evidence,
    )


@FLOW.step(A.REOPEN)
def reopen(
    *, user: Any, finding: Any, version: int, notes: str = "", evidence: Sequence[Any] = ()
) -> Finding:
    """复查不合格: a closed item goes back to rectification; its closure is cleared (the log keeps it)."""
    changes = {
        "rectified_on": None,
        "closed_on": None,
        "closure_document": "",
        "closure_approver": "",
        "closed_by": None,
    }
    return _move(
        A.REOPEN, user=user, finding=finding, version=version, notes=notes, evidence=evidence, changes=changes
    )


def overdue(findings: Sequence[Finding], today: dt.date) -> list[Finding]:
    """Open items past their deadline."""
    return [
        f
        for f in findings
        if f.state not in (FindingState.RECTIFIED, FindingState.CLOSED) and f.deadline < today
    ]

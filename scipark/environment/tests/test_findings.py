"""The findings ledger: every (action, state) pair of the table, evidence and closure rules, access, versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.core.access import AccessDenied
from scipark.core.services import ConflictError
from scipark.core.testing import World
from scipark.core.workflow import TransitionError
from scipark.environment.models import Finding, FindingState, FindingStep
from scipark.environment.services import finding_create, finding_step
from scipark.environment.workflow import FLOW, TRANSITIONS

A = FindingStep.Action
S = FindingState


def photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")


def make(
    world: World, *, enterprise: Any = None, state: str = S.REGISTERED, number: str = "D2-001"
) -> Finding:
    finding = finding_create(
        user=world.user("environment_staff"),
        park=world.park,
        data={
            "number": number,
            "source": Finding.Source.CENTRAL,
            "round_no": 2,
            "kind": Finding.Kind.PETITION,
            "title": "夜间异味扰民",
            "enterprise": enterprise or world.enterprise,
            "received_on": dt.date(2023, 5, 1),
            "deadline": dt.date(2023, 8, 31),
            "measures": "加装废气收集装置",
        },
    )
    if state != S.REGISTERED:
        Finding.objects.filter(pk=finding.pk).update(state=state)
        finding.refresh_from_db()
    return finding


DATA: dict[str, dict[str, Any]] = {
    A.PROGRESS: {"notes": "已完成设备采购"},
    A.REJECT: {"notes": "现场仍有异味"},
    A.REOPEN: {"notes": "复查发现反弹"},
    A.CLOSE: {"closure_document": "西经环销〔2023〕12号", "closure_approver": "王局长"},
}


def test_every_action_has_a_step() -> None:
    assert FLOW.unregistered() == []


@pytest.mark.parametrize("action", [t.action for t in TRANSITIONS])
@pytest.mark.parametrize("state", list(S))
def test_the_table(world: World, action: str, state: str) -> None:
    finding = make(world, state=state)
    finding.evidence.create(park=world.park, name="a.png", content_type="image/png", size=1, file="x.png")
    call = lambda: finding_step(  # noqa: E731
        user=world.user("environment_staff"),
        finding=finding,
        action=action,
        version=finding.version,
        **DATA.get(action, {}),
    )
    if FLOW.allowed(action, state):
        result = call()
        assert result.state == FLOW.target_state(action, state)
        assert FindingStep.objects.filter(finding=finding, action=action).count() == 1
    else:
        with pytest.raises(TransitionError):
            call()


def test_closure_needs_document_approver_and_evidence(world: World) -> None:
    staff = world.user("environment_staff")
    finding = make(world, state=S.RECTIFIED)
    with pytest.raises(ValidationError) as caught:
        finding_step(
            user=staff, finding=finding, action=A.CLOSE, version=finding.version, closure_approver="王局长"
        )
    assert "closure_document" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        finding_step(
            user=staff, finding=finding, action=A.CLOSE, version=finding.version, closure_document="12号"
        )
    assert "closure_approver" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        finding_step(user=staff, finding=finding, action=A.CLOSE, version=finding.version, **DATA[A.CLOSE])
    assert "证明材料" in str(caught.value)
    closed = finding_step(
        user=staff,
        finding=finding,
        action=A.CLOSE,
        version=finding.version,
        evidence=[photo()],
        **DATA[A.CLOSE],
    )
    assert (closed.state, closed.closure_document, closed.closed_by) == (
        S.CLOSED,
        "西经环销〔2023〕12号",
        staff,
    )


def test_a_failed_recheck_reopens_a_closed_item(world: World) -> None:
    staff = world.user("environment_staff")
    finding = make(world, state=S.RECTIFIED)
    closed = finding_step(
        user=staff,
        finding=finding,
        action=A.CLOSE,
        version=finding.version,
        evidence=[photo()],
        **DATA[A.CLOSE],
    )
    reopened = finding_step(
        user=staff, finding=closed, action=A.REOPEN, version=closed.version, notes="复查异味反弹"
    )
    assert reopened.state == S.RECTIFYING
    assert (reopened.closed_on, reopened.closure_document) == (None, "")


def test_the_enterprise_answers_its_own_finding_with_evidence(world: World) -> None:
    finding = make(world, state=S.RECTIFYING)
    user = world.user("enterprise_user")
    after = finding_step(
        user=user,
        finding=finding,
        action=A.PROGRESS,
        version=finding.version,
        notes="已整改",
        evidence=[photo()],
    )
    after = finding_step(user=user, finding=after, action=A.SUBMIT, version=after.version)
    assert after.state == S.REVIEW
    with pytest.raises(AccessDenied):  # review is the department's
        finding_step(user=user, finding=after, action=A.APPROVE, version=after.version)


def test_an_enterprise_never_reaches_another_firms_finding(world: World) -> None:
    other = make(world, enterprise=world.other_enterprise, state=S.RECTIFYING, number="D2-002")
    user = world.user("enterprise_user")
    assert not Finding.objects.restrict(user, "view").filter(pk=other.pk).exists()
    with pytest.raises(AccessDenied) as caught:
        finding_step(user=user, finding=other, action=A.PROGRESS, version=other.version, notes="x")
    assert caught.value.not_found


def test_other_staff_read_but_do_not_step(world: World) -> None:
    finding = make(world, state=S.RECTIFYING)
    assert Finding.objects.restrict(world.user("economy_staff"), "view").filter(pk=finding.pk).exists()
    assert not Finding.objects.restrict(world.user("zone_viewer"), "view").exists()
    with pytest.raises(AccessDenied):
        finding_step(
            user=world.user("economy_staff"),
            finding=finding,
            action=A.PROGRESS,
            version=finding.version,
            notes="x",
        )


def test_a_stale_version_is_a_conflict(world: World) -> None:
    finding = make(world)
    staff = world.user("environment_staff")
    finding_step(user=staff, finding=finding, action=A.START, version=finding.version)
    with pytest.raises(ConflictError):
        finding_step(user=staff, finding=finding, action=A.START, version=finding.version)


def test_bad_evidence_is_refused_and_nothing_written(world: World) -> None:
    finding = make(world, state=S.RECTIFYING)
    bad = SimpleUploadedFile("病毒.exe", b"MZ....", content_type="application/octet-stream")
    with pytest.raises(ValidationError, match=r"病毒\.exe"):
        finding_step(
            user=world.user("environment_staff"),
            finding=finding,
            action=A.PROGRESS,
            version=finding.version,
            notes="x",
            evidence=[bad],
        )
    assert not FindingStep.objects.filter(finding=finding).exists()


def test_register_checks(world: World) -> None:
    staff = world.user("environment_staff")
    base = {
        "number": "P-1", "source": Finding.Source.CENTRAL, "kind": Finding.Kind.PROBLEM, "title": "t",
        "enterprise": world.enterprise, "received_on": dt.date(2023, 5, 1), "deadline": dt.date(2023, 4, 1),
        "round_no": 3,
    }  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        finding_create(user=staff, park=world.park, data=base)
    assert "deadline" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        finding_create(
            user=staff, park=world.park, data={**base, "deadline": dt.date(2023, 6, 1), "round_no": None}
        )
    assert "round_no" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        finding_create(
            user=staff,
            park=world.park,
            data={**base, "deadline": dt.date(2023, 6, 1), "enterprise": world.foreign_enterprise},
        )
    assert "enterprise" in caught.value.message_dict
    with pytest.raises(AccessDenied):
        finding_create(
            user=world.user("economy_staff"), park=world.park, data={**base, "deadline": dt.date(2023, 6, 1)}
        )


def test_the_closure_approver_is_personal_data_masked_in_the_change_log(
    world: World, client_for: Any
) -> None:
    from django.urls import reverse

    from scipark.core.changelog import Masked, masked_fields

    assert masked_fields(Finding)["closure_approver"] == Masked.PERSONAL
    staff = world.user("environment_staff")
    finding = make(world, state=S.RECTIFIED, number="D2-MASK")
    data = {**DATA[A.CLOSE], "closure_approver": "郑秋菊"}
    finding_step(
        user=staff, finding=finding, action=A.CLOSE, version=finding.version, evidence=[photo()], **data
    )
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "销号审批人" in page and "〔已隐去〕" in page  # which field changed, not to what
    assert "郑秋菊" not in page

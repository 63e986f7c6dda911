"""The state machine: every (action, state) pair is tried through the one dispatch, ``appeal_step``;
allowed ones land in the table's target state, forbidden ones raise TransitionError and change nothing.
Plus who may act, stale versions, and that every step is written the same way."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.appeals import services
from scipark.appeals.models import Appeal, AppealState, AppealStep
from scipark.appeals.testing import make_appeal
from scipark.appeals.workflow import FLOW
from scipark.core.access import AccessDenied
from scipark.core.roles import DepartmentKind
from scipark.core.services import ConflictError
from scipark.parks.models import Department

A = AppealStep.Action
S = AppealState


def step_data(action: str, appeal: Appeal, **extra: Any) -> dict[str, Any]:
    """Valid data for each step of the table."""
    lead = Department.objects.get(park=appeal.park, kind=DepartmentKind.SERVICE)
    data: dict[str, dict[str, Any]] = {
        A.ASSIGN: {"lead_department": lead},
        A.SEND_BACK: {"notes": "不属于本部门职责"},
        A.CONCLUDE: {"resolved": True, "notes": "已协调运营商增设基站"},
        A.RATE: {"score": 5, "notes": "满意"},
        A.REOPEN: {"notes": "仍无信号"},
        A.NOTE: {"notes": "补充说明"},
    }
    return {**data.get(action, {}), **extra}


def run(action: str, user: Any, appeal: Appeal | int, version: int | None = None, **extra: Any) -> Appeal:
    stored = Appeal.objects.get(pk=getattr(appeal, "pk", appeal))
    v = stored.version if version is None else version
    return services.appeal_step(
        user=user, appeal=stored, action=action, version=v, **step_data(action, stored, **extra)
    )


PAIRS = [(action, state) for action in FLOW.transitions for state in S]


def test_every_action_of_the_table_has_a_registered_step() -> None:
    assert FLOW.unregistered() == []
    assert set(FLOW.transitions) == {a for a in A if a not in {A.SUBMIT, A.ESCALATE}}


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "state"), PAIRS)
def test_every_action_from_every_state(world: Any, category: Any, action: str, state: str) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=state, lead_kind="service")
    # The requester rates; 企业服务 staff (dispatcher and, here, the lead department) do the rest.
    user = world.user("enterprise_user" if action == A.RATE else "service_staff")
    steps_before = appeal.steps.count()
    if FLOW.allowed(action, state):
        run(action, user, appeal)
        appeal.refresh_from_db()
        assert appeal.state == FLOW.target_state(action, state)
        assert appeal.steps.filter(action=action, from_state=state).exists()
        if action != A.NOTE:
            assert appeal.version == 2
    else:
        with pytest.raises(services.TransitionError):
            run(action, user, appeal)
        appeal.refresh_from_db()
        assert appeal.state == state
        assert appeal.version == 1
        assert appeal.steps.count() == steps_before


def test_the_table_is_what_the_issue_describes() -> None:
    # 受理 → 转办 → 办理中 → 办结 → 回访/评价 → 归档
    chain = [
        (A.ACCEPT, S.SUBMITTED),
        (A.ASSIGN, S.ACCEPTED),
        (A.START, S.ASSIGNED),
        (A.CONCLUDE, S.IN_PROGRESS),
        (A.RATE, S.CONCLUDED),
        (A.ARCHIVE, S.RATED),
    ]
    for action, state in chain:
        assert FLOW.allowed(action, state)
    assert not any(FLOW.allowed(a, S.ARCHIVED) for a in FLOW.transitions)
    assert FLOW.allowed(A.REOPEN, S.RATED) and FLOW.allowed(A.SEND_BACK, S.IN_PROGRESS)
    # 已退回 is concluded with an explanation, whether or not the problem was solved
    assert FLOW.allowed(A.CONCLUDE, S.SENT_BACK)
    allowed_pairs = sum(1 for a, s in PAIRS if FLOW.allowed(a, s))
    # accept 2, assign 3, start 1, send_back 3, conclude 2, rate 1, reopen 2, archive 2, note 7
    assert allowed_pairs == 23


def test_appeal_send_back_has_its_own_code_names() -> None:
    # 退回 of an appeal is not the monthly return's "return" (economy: status ``rejected``)
    assert A.SEND_BACK == "send_back" and S.SENT_BACK == "sent_back" and A.CONCLUDE == "conclude"
    assert "return" not in A.values and "returned" not in S.values and "resolve" not in A.values


@pytest.mark.django_db
def test_full_path_with_a_second_department(world: Any, category: Any) -> None:
    service, economy, ent = (world.user(p) for p in ("service_staff", "economy_staff", "enterprise_user"))
    appeal = services.appeal_submit(
        user=ent,
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱",
    )
    assert appeal.state == S.SUBMITTED and appeal.number.startswith("SQ")
    economy_dept = Department.objects.get(park=world.park, kind=DepartmentKind.ECONOMY)
    env_dept = Department.objects.get(park=world.park, kind=DepartmentKind.ENVIRONMENT)
    # Economy staff does not see the appeal before it is assigned to them.
    with pytest.raises(AccessDenied):
        run(A.ACCEPT, economy, appeal)
    run(A.ACCEPT, service, appeal)
    run(A.ASSIGN, service, appeal, lead_department=economy_dept, co_departments=[env_dept.pk])
    # The lead department starts and concludes; a co-handler may only add notes.
    with pytest.raises(AccessDenied):
        run(A.START, world.user("environment_staff"), appeal)
    services.appeal_step(
        user=world.user("environment_staff"), appeal=appeal, action=A.NOTE, version=None, notes="已联系运营商"
    )
    run(A.START, economy, appeal)
    run(A.CONCLUDE, economy, appeal, notes="已解决")
    # Staff cannot rate on the enterprise's behalf unless 企业服务 (phone 回访); economy cannot.
    with pytest.raises(AccessDenied):
        run(A.RATE, economy, appeal)
    appeal = run(A.RATE, ent, appeal, score=4)
    assert appeal.state == S.RATED and appeal.resolved and appeal.closed_at is not None
    appeal = run(A.ARCHIVE, service, appeal)
    assert list(appeal.steps.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "assign",
        "note",
        "start",
        "conclude",
        "rate",
        "archive",
    ]
    assert [d.kind for d in appeal.co_handlers.all()] == [DepartmentKind.ENVIRONMENT]


@pytest.mark.django_db
def test_conclude_keeps_whether_the_problem_was_solved(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=S.SENT_BACK)
    appeal = run(A.CONCLUDE, world.user("service_staff"), appeal, resolved=False, notes="不属于园区职权")
    assert appeal.state == S.CONCLUDED and not appeal.resolved and appeal.reply == "不属于园区职权"
    assert appeal.steps.get(action=A.CONCLUDE).detail == {"resolved": False}


@pytest.mark.django_db
def test_unsatisfied_rating_reopens(world: Any, category: Any) -> None:
    appeal = make_appeal(
        world.park, category, enterprise=world.enterprise, state=S.CONCLUDED, lead_kind="service"
    )
    appeal.resolved = True
    appeal.save()
    run(A.RATE, world.user("enterprise_user"), appeal, version=1, score=2)
    appeal.refresh_from_db()
    assert appeal.state == S.IN_PROGRESS
    assert appeal.reopen_count == 1 and appeal.closed_at is None and not appeal.resolved
    assert list(appeal.steps.values_list("action", "to_state")) == [
        ("rate", "rated"),
        ("reopen", "in_progress"),
    ]
    assert appeal.ratings.get().score == 2


@pytest.mark.django_db
def test_satisfied_rating_does_not_reopen(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=S.CONCLUDED)
    run(A.RATE, world.user("enterprise_user"), appeal, version=1, score=3)
    appeal.refresh_from_db()
    assert appeal.state == S.RATED and appeal.reopen_count == 0


@pytest.mark.django_db
def test_stale_version_is_a_conflict_and_overwrites_nothing(world: Any, category: Any) -> None:
    appeal = make_appeal(
        world.park, category, enterprise=world.enterprise, state=S.IN_PROGRESS, lead_kind="service"
    )
    staff = world.user("service_staff")
    run(A.CONCLUDE, staff, appeal, version=1, notes="甲的答复")
    with pytest.raises(ConflictError):
        run(A.SEND_BACK, staff, appeal, version=1, notes="乙的退回")
    appeal.refresh_from_db()
    assert appeal.state == S.CONCLUDED and appeal.reply == "甲的答复" and appeal.version == 2
    assert not appeal.steps.filter(action=A.SEND_BACK).exists()


@pytest.mark.django_db
def test_same_version_twice_second_loses(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    staff = world.user("service_staff")
    run(A.ACCEPT, staff, appeal.pk, version=1)
    with pytest.raises(ConflictError):
        run(A.ACCEPT, staff, appeal.pk, version=1)
    assert Appeal.objects.get(pk=appeal.pk).steps.filter(action=A.ACCEPT).count() == 1


@pytest.mark.django_db
def test_a_note_keeps_the_version_but_checks_a_given_one(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    staff = world.user("service_staff")
    run(A.NOTE, staff, appeal, version=1)
    assert Appeal.objects.get(pk=appeal.pk).version == 1
    run(A.ACCEPT, staff, appeal, version=1)
    with pytest.raises(ConflictError):
        run(A.NOTE, staff, appeal, version=1)
    with pytest.raises(ValidationError) as info:  # only a note may leave the version out
        services.appeal_step(user=staff, appeal=appeal, action=A.START, version=None)
    assert "version" in info.value.message_dict


@pytest.mark.django_db
def test_a_reason_is_required_to_send_back(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    with pytest.raises(ValidationError) as info:
        run(A.SEND_BACK, world.user("service_staff"), appeal, version=1, notes="  ")
    assert info.value.message_dict == {"notes": ["请填写退回理由。"]}


@pytest.mark.django_db
def test_assignment_names_departments_of_the_appeals_park(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=S.ACCEPTED)
    staff = world.user("service_staff")
    foreign = Department.objects.get(park=world.other_park, kind=DepartmentKind.ECONOMY)
    with pytest.raises(ValidationError) as info:
        run(A.ASSIGN, staff, appeal, lead_department=None)
    assert info.value.message_dict == {"lead_department": ["请选择牵头部门。"]}
    with pytest.raises(ValidationError) as info:
        run(A.ASSIGN, staff, appeal, lead_department=foreign.pk)
    assert "lead_department" in info.value.message_dict
    own = Department.objects.get(park=world.park, kind=DepartmentKind.ECONOMY)
    with pytest.raises(ValidationError) as info:
        run(A.ASSIGN, staff, appeal, lead_department=own.pk, co_departments=[foreign.pk])
    assert "co_departments" in info.value.message_dict
    assert Appeal.objects.get(pk=appeal.pk).version == 1


@pytest.mark.django_db
def test_every_step_takes_attachments(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    note = SimpleUploadedFile("退回说明.txt", "缺少地点".encode(), content_type="text/plain")
    run(A.SEND_BACK, world.user("service_staff"), appeal, version=1, notes="请补充地点", attachments=[note])
    step = Appeal.objects.get(pk=appeal.pk).steps.get(action=A.SEND_BACK)
    assert [a.name for a in step.attachments.all()] == ["退回说明.txt"]


@pytest.mark.django_db
def test_the_change_log_records_every_state_change(world: Any, category: Any) -> None:
    # The steps used to write the state with a bare UPDATE, which the change log never saw.
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    before = set(LogEntry.objects.get_for_object(appeal).values_list("pk", flat=True))
    run(A.ACCEPT, world.user("service_staff"), appeal, version=1)
    entry = LogEntry.objects.get_for_object(appeal).exclude(pk__in=before).get()
    assert entry.changes_dict["state"] == ["submitted", "accepted"]


@pytest.mark.django_db
def test_other_park_staff_cannot_touch(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    with pytest.raises(AccessDenied) as info:
        run(A.ACCEPT, world.user("other_park_staff"), appeal, version=1)
    assert info.value.not_found

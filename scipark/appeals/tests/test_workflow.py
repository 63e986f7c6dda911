"""The state machine: every (action, state) pair is tried; allowed ones land in the table's target state,
forbidden ones raise TransitionError and change nothing. Plus who may act, and stale versions."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.appeals import services, workflow
from scipark.appeals.models import Appeal, AppealState, AppealStep
from scipark.appeals.testing import make_appeal
from scipark.core.access import AccessDenied
from scipark.core.roles import DepartmentKind
from scipark.core.services import ConflictError
from scipark.parks.models import Department

A = AppealStep.Action
S = AppealState


def run(action: str, user: Any, appeal: Appeal, version: int | None = None, **extra: Any) -> Any:
    v = appeal.version if version is None else version
    lead = Department.objects.get(park=appeal.park, kind=DepartmentKind.SERVICE)
    calls: dict[str, Any] = {
        A.ACCEPT: lambda: services.appeal_accept(user=user, appeal=appeal, version=v),
        A.ASSIGN: lambda: services.appeal_assign(user=user, appeal=appeal, version=v, lead_department=lead),
        A.START: lambda: services.appeal_start(user=user, appeal=appeal, version=v),
        A.RETURN: lambda: services.appeal_return(
            user=user, appeal=appeal, version=v, notes="不属于本部门职责"
        ),
        A.RESOLVE: lambda: services.appeal_resolve(
            user=user, appeal=appeal, version=v, resolved=True, reply="已协调运营商增设基站"
        ),
        A.RATE: lambda: services.appeal_rate(
            user=user, appeal=appeal, version=v, score=extra.get("score", 5), comment="满意"
        ),
        A.REOPEN: lambda: services.appeal_reopen(user=user, appeal=appeal, version=v, notes="仍无信号"),
        A.ARCHIVE: lambda: services.appeal_archive(user=user, appeal=appeal, version=v),
        A.NOTE: lambda: services.appeal_note(user=user, appeal=appeal, notes="补充说明", version=v),
    }
    return calls[action]()


PAIRS = [(action, state) for action in workflow.TRANSITIONS for state in S]


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "state"), PAIRS)
def test_every_action_from_every_state(world: Any, category: Any, action: str, state: str) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=state, lead_kind="service")
    # The requester rates; 企业服务 staff (dispatcher and, here, the lead department) do the rest.
    user = world.user("enterprise_user" if action == A.RATE else "service_staff")
    steps_before = appeal.steps.count()
    if workflow.allowed(action, state):
        run(action, user, appeal)
        appeal.refresh_from_db()
        expected = workflow.TRANSITIONS[action].target or state
        assert appeal.state == expected
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
        (A.RESOLVE, S.IN_PROGRESS),
    ]
    chain += [(A.RATE, S.CONCLUDED), (A.ARCHIVE, S.RATED)]
    for action, state in chain:
        assert workflow.allowed(action, state)
    assert not workflow.allowed(A.ACCEPT, S.ARCHIVED)
    assert not any(workflow.allowed(a, S.ARCHIVED) for a in workflow.TRANSITIONS)
    assert workflow.allowed(A.REOPEN, S.RATED) and workflow.allowed(A.RETURN, S.IN_PROGRESS)
    allowed_pairs = sum(1 for a, s in PAIRS if workflow.allowed(a, s))
    # accept 2, assign 3, start 1, return 3, resolve 2, rate 1, reopen 2, archive 2, note 7
    assert allowed_pairs == 23


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
        services.appeal_accept(user=economy, appeal=appeal, version=appeal.version)
    appeal = services.appeal_accept(user=service, appeal=appeal, version=appeal.version)
    appeal = services.appeal_assign(
        user=service,
        appeal=appeal,
        version=appeal.version,
        lead_department=economy_dept,
        co_departments=[env_dept],
    )
    # The lead department starts and resolves; a co-handler may only add notes.
    with pytest.raises(AccessDenied):
        services.appeal_start(user=world.user("environment_staff"), appeal=appeal, version=appeal.version)
    services.appeal_note(user=world.user("environment_staff"), appeal=appeal, notes="已联系运营商")
    appeal = services.appeal_start(user=economy, appeal=appeal, version=appeal.version)
    appeal = services.appeal_resolve(
        user=economy, appeal=appeal, version=appeal.version, resolved=True, reply="已解决"
    )
    # Staff cannot rate on the enterprise's behalf unless 企业服务 (phone 回访); economy cannot.
    with pytest.raises(AccessDenied):
        services.appeal_rate(user=economy, appeal=appeal, version=appeal.version, score=5)
    appeal = services.appeal_rate(user=ent, appeal=appeal, version=appeal.version, score=4)
    assert appeal.state == S.RATED and appeal.resolved and appeal.closed_at is not None
    appeal = services.appeal_archive(user=service, appeal=appeal, version=appeal.version)
    assert list(appeal.steps.values_list("action", flat=True)) == [
        "submit",
        "accept",
        "assign",
        "note",
        "start",
        "resolve",
        "rate",
        "archive",
    ]


@pytest.mark.django_db
def test_unsatisfied_rating_reopens(world: Any, category: Any) -> None:
    appeal = make_appeal(
        world.park, category, enterprise=world.enterprise, state=S.CONCLUDED, lead_kind="service"
    )
    appeal.resolved = True
    appeal.save()
    appeal = services.appeal_rate(user=world.user("enterprise_user"), appeal=appeal, version=1, score=2)
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
    services.appeal_rate(user=world.user("enterprise_user"), appeal=appeal, version=1, score=3)
    appeal.refresh_from_db()
    assert appeal.state == S.RATED and appeal.reopen_count == 0


@pytest.mark.django_db
def test_stale_version_is_a_conflict_and_overwrites_nothing(world: Any, category: Any) -> None:
    appeal = make_appeal(
        world.park, category, enterprise=world.enterprise, state=S.IN_PROGRESS, lead_kind="service"
    )
    first = Appeal.objects.get(pk=appeal.pk)
    second = Appeal.objects.get(pk=appeal.pk)
    staff = world.user("service_staff")
    services.appeal_resolve(user=staff, appeal=first, version=first.version, resolved=True, reply="甲的答复")
    with pytest.raises(ConflictError):
        services.appeal_return(user=staff, appeal=second, version=second.version, notes="乙的退回")
    appeal.refresh_from_db()
    assert appeal.state == S.CONCLUDED and appeal.reply == "甲的答复" and appeal.version == 2
    assert not appeal.steps.filter(action=A.RETURN).exists()


@pytest.mark.django_db
def test_same_version_twice_second_loses(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    staff = world.user("service_staff")
    services.appeal_accept(user=staff, appeal=appeal.pk, version=1)
    with pytest.raises(ConflictError):
        services.appeal_accept(user=staff, appeal=appeal.pk, version=1)
    assert Appeal.objects.get(pk=appeal.pk).steps.filter(action=A.ACCEPT).count() == 1


@pytest.mark.django_db
def test_reason_required_for_return(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        services.appeal_return(user=world.user("service_staff"), appeal=appeal, version=1, notes="  ")
    assert "请填写" in str(info.value)


@pytest.mark.django_db
def test_other_park_staff_cannot_touch(world: Any, category: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    with pytest.raises(AccessDenied) as info:
        services.appeal_accept(user=world.user("other_park_staff"), appeal=appeal, version=1)
    assert info.value.not_found

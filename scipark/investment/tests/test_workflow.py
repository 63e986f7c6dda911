"""Every (action, stage) pair of the transition table: allowed ones succeed with valid data, the others
are refused before anything is written; a stale version is a conflict."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.access import AccessDenied
from scipark.core.identifiers import credit_code_from_number
from scipark.core.services import ConflictError
from scipark.core.workflow import TransitionError
from scipark.investment.models import ApprovalLevel, Contract, Project, Stage, StageChange
from scipark.investment.services import project_step
from scipark.investment.testing import TODAY
from scipark.investment.workflow import FLOW, StepAction

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


def valid_data(action: str, inv: Inv) -> dict[str, Any]:
    """Data with which each action succeeds from a stage the table allows."""
    day = TODAY - dt.timedelta(days=1)
    table: dict[str, dict[str, Any]] = {
        StepAction.ENGAGE: {"happened_on": day},
        StepAction.APPROVE: {"happened_on": day},
        StepAction.SIGN: {"signed_on": day, "amount_signed": 3 * YI, "signing_party": "某某集团"},
        StepAction.AMEND: {"signed_on": day, "amount_signed": 4 * YI, "note": "追加二期投资"},
        StepAction.LAND: {"happened_on": day, "site": "经二路 12 号地块"},
        StepAction.START: {"happened_on": day},
        StepAction.PRODUCE: {"happened_on": day, "enterprise": inv.world.other_enterprise.pk},
        StepAction.TERMINATE: {"happened_on": day, "reason": "投资方资金链断裂"},
    }
    return table[StepAction(action)]


def test_every_action_has_a_step() -> None:
    assert FLOW.unregistered() == []


@pytest.mark.parametrize("action", list(FLOW.transitions))
@pytest.mark.parametrize("stage", list(Stage))
def test_the_table_decides(inv: Inv, action: str, stage: str) -> None:
    project = inv.project(stage)
    if action == StepAction.APPROVE:
        ApprovalLevel.objects.create(park=inv.world.park, order=1, title="招商部", approver="staff")
    steps_before = StageChange.objects.count()
    data = valid_data(action, inv)
    if FLOW.allowed(action, stage):
        project_step(user=inv.staff, project=project.pk, action=action, version=project.version, **data)
        project.refresh_from_db()
        assert project.stage == FLOW.target_state(action, stage)
        assert project.version == 2
        assert StageChange.objects.count() == steps_before + 1
    else:
        with pytest.raises(TransitionError):
            project_step(user=inv.staff, project=project.pk, action=action, version=project.version, **data)
        project.refresh_from_db()
        assert (project.stage, project.version) == (stage, 1)
        assert StageChange.objects.count() == steps_before


def test_a_jump_that_skips_a_stage_is_refused(inv: Inv) -> None:
    project = inv.project(Stage.LEAD)
    with pytest.raises(TransitionError, match="当前状态为「线索」,不能执行「签约」"):
        project_step(user=inv.staff, project=project.pk, action="sign", version=1, **valid_data("sign", inv))


def test_a_stale_version_is_a_conflict_and_nothing_is_lost(inv: Inv) -> None:
    project = inv.project(Stage.LEAD)
    project_step(user=inv.staff, project=project.pk, action="engage", version=1, happened_on=TODAY)
    with pytest.raises(ConflictError):
        project_step(
            user=inv.staff,
            project=project.pk,
            action="terminate",
            version=1,
            reason="重复",
            happened_on=TODAY,
        )
    project.refresh_from_db()
    assert project.stage == Stage.TALKS and project.version == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"signed_on": TODAY, "signing_party": "某集团"}, "amount_signed"),
        ({"signed_on": TODAY, "amount_signed": -5, "signing_party": "某集团"}, "amount_signed"),
        ({"signed_on": TODAY, "amount_signed": 0, "signing_party": "某集团"}, "amount_signed"),
        ({"signed_on": TODAY, "amount_signed": 5, "signing_party": " "}, "signing_party"),
        ({"amount_signed": 5, "signing_party": "某集团"}, "signed_on"),
        ({"signed_on": TODAY + dt.timedelta(days=1), "amount_signed": 5, "signing_party": "某"}, "signed_on"),
        (
            {"signed_on": TODAY - dt.timedelta(days=400), "amount_signed": 5, "signing_party": "某"},
            "signed_on",
        ),
    ],
)
def test_a_bad_signing_is_refused_naming_the_field(inv: Inv, data: dict[str, Any], field: str) -> None:
    project = inv.project(Stage.TALKS)
    with pytest.raises(ValidationError) as caught:
        project_step(user=inv.staff, project=project.pk, action="sign", version=1, **data)
    assert field in caught.value.message_dict
    assert all("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message_dict[field][0][:2])
    assert not Contract.objects.filter(project=project).exists()
    project.refresh_from_db()
    assert project.stage == Stage.TALKS and project.version == 1


def test_landing_needs_a_site(inv: Inv) -> None:
    project = inv.project(Stage.SIGNED)
    with pytest.raises(ValidationError) as caught:
        project_step(user=inv.staff, project=project.pk, action="land", version=1, happened_on=TODAY)
    assert "site" in caught.value.message_dict


def test_production_links_or_creates_the_enterprise(inv: Inv) -> None:
    from scipark.enterprises.models import Enterprise

    project = inv.project(Stage.STARTED)
    with pytest.raises(ValidationError) as caught:
        project_step(user=inv.staff, project=project.pk, action="produce", version=1, happened_on=TODAY)
    assert "enterprise" in caught.value.message_dict
    with pytest.raises(ValidationError):  # an enterprise of another park
        project_step(
            user=inv.staff,
            project=project.pk,
            action="produce",
            version=1,
            happened_on=TODAY,
            enterprise=inv.world.foreign_enterprise.pk,
        )
    code = Enterprise.objects.get(pk=inv.world.enterprise.pk).credit_code
    broken = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:  # the registry's own check of the credit code
        project_step(
            user=inv.staff,
            project=project.pk,
            action="produce",
            version=1,
            happened_on=TODAY,
            new_enterprise={"name": "青海新投产生物科技有限公司", "credit_code": broken},
        )
    assert "credit_code" in caught.value.message_dict
    assert not Enterprise.objects.filter(name="青海新投产生物科技有限公司").exists()
    project_step(
        user=inv.staff,
        project=project.pk,
        action="produce",
        version=1,
        happened_on=TODAY,
        new_enterprise={"name": "青海新投产生物科技有限公司", "credit_code": credit_code_from_number(77)},
    )
    project.refresh_from_db()
    assert project.stage == Stage.PRODUCING
    assert project.enterprise is not None and project.enterprise.name == "青海新投产生物科技有限公司"
    assert project.enterprise.park_id == inv.world.park.pk


def test_approvals_in_order_before_signing(inv: Inv, world: Any) -> None:
    park = world.park
    ApprovalLevel.objects.create(park=park, order=1, title="招商部", approver="staff")
    ApprovalLevel.objects.create(park=park, order=2, title="分管领导", approver="leader")
    project = inv.project(Stage.TALKS)
    sign = valid_data("sign", inv)
    with pytest.raises(ValidationError, match="尚缺:招商部、分管领导"):
        project_step(user=inv.staff, project=project.pk, action="sign", version=1, **sign)
    project_step(user=inv.staff, project=project.pk, action="approve", version=1, happened_on=TODAY)
    with pytest.raises(AccessDenied, match="分管领导"):  # the leader's level is not the staff's to pass
        project_step(user=inv.staff, project=project.pk, action="approve", version=2, happened_on=TODAY)
    leader = world.user("park_leader")
    project_step(user=leader, project=project.pk, action="approve", version=2, happened_on=TODAY)
    with pytest.raises(ValidationError, match="已全部完成"):
        project_step(user=leader, project=project.pk, action="approve", version=3, happened_on=TODAY)
    with pytest.raises(AccessDenied):  # a leader approves but does not sign
        project_step(user=leader, project=project.pk, action="sign", version=3, **sign)
    project_step(user=inv.staff, project=project.pk, action="sign", version=3, **sign)
    assert Project.objects.get(pk=project.pk).stage == Stage.SIGNED


def test_one_person_signs_one_level_of_a_project(inv: Inv, world: Any) -> None:
    """The demo's bio-leader signed both 分管领导 and 管委会主任 of one project: whoever signed a level may not
    sign another of the same project, and is not offered the button."""
    from scipark.accounts.models import Membership, User
    from scipark.core.roles import Role
    from scipark.investment.services.steps import offered_actions

    park = world.park
    ApprovalLevel.objects.create(park=park, order=1, title="分管领导", approver="leader")
    ApprovalLevel.objects.create(park=park, order=2, title="管委会主任", approver="leader")
    project = inv.project(Stage.TALKS)
    leader = world.user("park_leader")
    director = User.objects.create_user(username="director", password="x", full_name="主任")
    Membership.objects.create(user=director, role=Role.PARK_LEADER, park=park)
    assert "approve" in offered_actions(leader, project)
    project_step(user=leader, project=project.pk, action="approve", version=1, happened_on=TODAY)
    project.refresh_from_db()
    assert "approve" not in offered_actions(leader, project)
    assert "approve" in offered_actions(director, project)
    with pytest.raises(ValidationError, match=r"已审批过该项目的「分管领导」环节.*「管委会主任」"):
        project_step(user=leader, project=project.pk, action="approve", version=2, happened_on=TODAY)
    project_step(user=director, project=project.pk, action="approve", version=2, happened_on=TODAY)
    signers = StageChange.objects.filter(project=project, action="approve").values_list(
        "by__username", flat=True
    )
    assert sorted(signers) == ["director", "park_leader"]


def test_others_may_not_move_projects(inv: Inv, world: Any) -> None:
    project = inv.project(Stage.LEAD)
    for user in (world.user("economy_staff"), world.user("enterprise_user"), inv.other_staff):
        with pytest.raises(AccessDenied):
            project_step(user=user, project=project.pk, action="engage", version=1, happened_on=TODAY)


def test_amended_contracts_keep_revisions_and_the_latest_counts(inv: Inv) -> None:
    from scipark.investment.services.money import signed_amount

    project = inv.project(Stage.SIGNED, planned=3 * YI)
    with pytest.raises(ValidationError) as caught:  # an amendment says why
        project_step(
            user=inv.staff,
            project=project.pk,
            action="amend",
            version=1,
            signed_on=TODAY,
            amount_signed=5 * YI,
        )
    assert "note" in caught.value.message_dict
    project_step(
        user=inv.staff,
        project=project.pk,
        action="amend",
        version=1,
        signed_on=TODAY,
        amount_signed=5 * YI,
        note="增加二期",
    )
    assert list(Contract.objects.filter(project=project).values_list("revision", "amount")) == [
        (1, 3 * YI),
        (2, 5 * YI),
    ]
    assert signed_amount(project) == 5 * YI

"""Services: needs and joint actions move only along allowed transitions; progress; conflicts; access."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.alliance import services
from scipark.alliance.models import JointAction, Milestone, Need
from scipark.alliance.selectors import action_progress, progress_percent
from scipark.alliance.testing import AllianceWorld
from scipark.core.access import AccessDenied
from scipark.core.services import ConflictError
from scipark.core.testing import World
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db
DAY = dt.date(2023, 6, 1)


def _action(world: World, aw: AllianceWorld) -> JointAction:
    service = Department.objects.get(park=world.park, kind="service")
    return services.joint_action_create(
        user=world.user("service_staff"),
        needs=[aw.need],
        resources=[aw.other_resource],
        title="通信信号优化",
        owner_department=service,
        owner_person="韩明",
        start_on=DAY,
        due_on=DAY + dt.timedelta(days=30),
    )


def test_weighted_progress_is_rounded_down() -> None:
    assert progress_percent([(1, True), (2, False)]) == 33
    assert progress_percent([(1, True), (1, True), (2, False)]) == 50
    assert progress_percent([]) == 0


def test_creating_a_joint_action_matches_the_need_and_makes_partners(world: World, aw: AllianceWorld) -> None:
    action = _action(world, aw)
    aw.need.refresh_from_db()
    assert aw.need.status == Need.Status.MATCHED
    assert list(action.partners.all()) == [world.enterprise]
    assert list(action.resources.all()) == [aw.other_resource]


def test_milestones_start_the_action_and_its_completion_meets_the_need(
    world: World, aw: AllianceWorld
) -> None:
    staff = world.user("service_staff")
    action = _action(world, aw)
    first = services.milestone_add(user=staff, action=action, title="走访", due_on=DAY, weight=1)
    services.milestone_add(user=staff, action=action, title="基站优化", due_on=DAY, weight=3)
    services.milestone_done(user=staff, milestone=first, done_on=DAY + dt.timedelta(days=1))
    action.refresh_from_db()
    assert action.status == JointAction.Status.IN_PROGRESS
    assert action_progress(action) == 25  # 1 of 1 + 3
    with pytest.raises(ValidationError):
        services.joint_action_transition(user=staff, action=action, to="done", on=DAY)  # no outcome
    services.joint_action_transition(
        user=staff, action=action, to="done", on=dt.date(2023, 6, 20), outcome="信号恢复"
    )
    action.refresh_from_db()
    aw.need.refresh_from_db()
    assert action_progress(action) == 100
    assert (aw.need.status, aw.need.met_on) == (Need.Status.MET, dt.date(2023, 6, 20))
    with pytest.raises(ValidationError):
        services.milestone_add(user=staff, action=action, title="又一节点", due_on=DAY)


def test_cancelling_the_last_active_action_reopens_its_need(world: World, aw: AllianceWorld) -> None:
    action = _action(world, aw)  # the fixture's planned aw.action serves the same need
    services.joint_action_transition(user=world.user("service_staff"), action=action, to="cancelled")
    aw.need.refresh_from_db()
    assert aw.need.status == Need.Status.MATCHED
    services.joint_action_transition(user=world.user("service_staff"), action=aw.action, to="cancelled")
    aw.need.refresh_from_db()
    assert aw.need.status == Need.Status.OPEN
    with pytest.raises(ValidationError):
        services.joint_action_transition(user=world.user("service_staff"), action=action, to="in_progress")


@pytest.mark.parametrize(
    ("start", "to", "allowed"),
    [
        ("open", "matched", True),
        ("open", "closed", True),
        ("open", "met", False),
        ("matched", "met", True),
        ("matched", "open", True),
        ("met", "closed", True),
        ("met", "open", False),
        ("closed", "open", True),
        ("closed", "met", False),
    ],
)
def test_need_transitions(world: World, aw: AllianceWorld, start: str, to: str, allowed: bool) -> None:
    Need.objects.filter(pk=aw.need.pk).update(status=start)
    aw.need.refresh_from_db()
    if allowed:
        need = services.need_transition(
            user=world.user("service_staff"), need=aw.need, to=to, expected_version=1
        )
        assert need.status == to
        assert need.version == 2
    else:
        with pytest.raises(ValidationError):
            services.need_transition(user=world.user("service_staff"), need=aw.need, to=to)


def test_a_stale_version_is_a_conflict(world: World, aw: AllianceWorld) -> None:
    staff = world.user("service_staff")
    services.need_transition(user=staff, need=aw.need, to="closed", expected_version=1)
    with pytest.raises(ConflictError):
        services.need_transition(user=staff, need=aw.need, to="open", expected_version=1)


def test_an_enterprise_may_withdraw_its_open_need_but_not_mark_it_met(
    world: World, aw: AllianceWorld
) -> None:
    member = world.user("enterprise_user")
    Need.objects.filter(pk=aw.need.pk).update(status="matched")
    with pytest.raises(AccessDenied):
        services.need_transition(user=member, need=aw.need, to="met")
    Need.objects.filter(pk=aw.need.pk).update(status="open")
    assert services.need_transition(user=member, need=aw.need, to="closed").status == "closed"


def test_an_enterprise_raises_needs_only_for_itself(world: World, aw: AllianceWorld) -> None:
    member = world.user("enterprise_user")
    need = services.need_create(
        user=member,
        alliance=aw.alliance,
        data={
            "title": "招聘化验员",
            "category": "labour",
            "keywords": "化验、招聘",
            "enterprise": world.other_enterprise,
        },
    )
    assert need.enterprise == world.enterprise  # the enterprise field is not the member's to choose
    assert need.published is False
    with pytest.raises(ValidationError):
        services.need_create(
            user=member, alliance=aw.alliance, data={"title": "x", "category": "labour", "published": True}
        )


def test_staff_outside_service_and_other_parks_cannot_create_actions(world: World, aw: AllianceWorld) -> None:
    service = Department.objects.get(park=world.park, kind="service")
    for persona in ("economy_staff", "other_park_staff", "enterprise_user"):
        with pytest.raises(AccessDenied):
            services.joint_action_create(
                user=world.user(persona), needs=[aw.need], resources=[], title="x", owner_department=service,
                owner_person="x", start_on=DAY, due_on=DAY,
            )  # fmt: skip
    assert not Milestone.objects.filter(title="x").exists()


def test_a_member_must_be_in_the_alliances_park(world: World, aw: AllianceWorld) -> None:
    with pytest.raises(ValidationError):
        services.member_add(
            user=world.user("service_staff"),
            chain=aw.chain,
            enterprise=world.foreign_enterprise,
            segment="upstream",
        )
    with pytest.raises(ValidationError):
        services.member_add(
            user=world.user("service_staff"), chain=aw.chain, enterprise=world.other_enterprise
        )


def test_a_joint_actions_partners_are_listed_with_the_readers_separator(
    world: World, aw: AllianceWorld, client_for: Any
) -> None:
    """The lists on the pages were joined with 、 in English too; the separator is the catalogue's."""
    action = _action(world, aw)
    action.partners.add(world.other_enterprise)
    names = sorted([world.enterprise.name, world.other_enterprise.name])
    client = client_for("service_staff")
    chinese = client.get(action.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(action.get_absolute_url()).content.decode()
    joined = {
        page: next(line for line in html.splitlines() if names[0] in line and names[1] in line)
        for page, html in (("zh", chinese), ("en", english))
    }
    assert "、" in joined["zh"] and ", " in joined["en"] and "、" not in joined["en"]

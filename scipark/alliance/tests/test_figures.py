"""S3 from records: chains, members by segment, the three lists and needs met in the year."""

from __future__ import annotations

import datetime as dt

import pytest

from scipark.alliance import services
from scipark.alliance.figures import alliance_and_lists
from scipark.alliance.models import Chain, ChainMember, Need
from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


def test_s3_counts_chains_members_and_lists(world: World, aw: AllianceWorld) -> None:
    Chain.objects.create(alliance=aw.alliance, name="康养医疗", position=2)
    staff = world.user("service_staff")
    services.joint_action_transition(user=staff, action=aw.action, to="in_progress", on=dt.date(2023, 5, 9))
    Need.objects.filter(pk=aw.need.pk).update(status="matched")
    services.joint_action_transition(
        user=staff, action=aw.action, to="done", on=dt.date(2023, 6, 2), outcome="已解决"
    )
    Need.objects.create(
        alliance=aw.alliance, title="2024 年的需求", category="labour", raised_on=dt.date(2024, 1, 5)
    )

    figure = alliance_and_lists(world.park, 2023)
    assert figure.value == 2  # 新型医药 and 康养医疗
    chains = {c["chain"]: c for c in figure.details["chains"]}
    assert chains["新型医药"]["segments"] == {"上游": 1, "中游": 1, "下游": 0}
    assert chains["新型医药"]["party_orgs"] == 1
    assert chains["康养医疗"]["enterprises"] == 0
    lists = figure.details["lists"]
    assert lists["needs"] == 2  # the 2024 need is not counted for 2023
    assert lists["needs_met_in_year"] == 1
    assert lists["resources"] == 2
    assert lists["joint_actions"] == 1
    assert lists["joint_actions_done_in_year"] == 1
    assert figure.sources[1].ids == (aw.need.pk,)


def test_s3_without_an_alliance_is_missing_not_zero(world: World) -> None:
    figure = alliance_and_lists(world.park, 2023)
    assert figure.value is None


def test_s3_ignores_other_parks(world: World, aw: AllianceWorld, foreign: AllianceWorld) -> None:
    ChainMember.objects.filter(chain=foreign.chain).delete()
    assert alliance_and_lists(world.park, 2023).details["lists"]["needs"] == 2

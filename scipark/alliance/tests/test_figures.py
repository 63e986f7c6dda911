"""S3 from records: chains, members by segment, the three lists and needs met in the year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from scipark.alliance import services
from scipark.alliance.figures import alliance_and_lists
from scipark.alliance.models import Alliance, Chain, ChainMember, Need
from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


def test_s3_counts_chains_members_and_lists(world: World, aw: AllianceWorld) -> None:
    Chain.objects.filter(pk=aw.chain.pk).update(founded_on=dt.date(2023, 3, 28))
    Chain.objects.create(alliance=aw.alliance, name="康养医疗", position=2, founded_on=dt.date(2023, 3, 28))
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


def test_s3_counts_a_chain_only_from_the_year_it_was_founded(world: World, aw: AllianceWorld) -> None:
    # Defect S3: chains carried no dates, so a year before the alliance counted every chain of today.
    Chain.objects.filter(pk=aw.chain.pk).update(founded_on=dt.date(2023, 3, 28))
    Chain.objects.create(alliance=aw.alliance, name="康养医疗", position=2, founded_on=dt.date(2024, 6, 1))
    assert alliance_and_lists(world.park, 2022).value == 0
    assert alliance_and_lists(world.park, 2023).value == 1
    assert [c["chain"] for c in alliance_and_lists(world.park, 2024).details["chains"]] == [
        "新型医药",
        "康养医疗",
    ]
    Alliance.objects.filter(pk=aw.alliance.pk).update(founded_on=dt.date(2023, 3, 28))
    before = alliance_and_lists(world.park, 2022)
    assert before.value is None and "2022年末" in before.basis  # no alliance yet: missing, not 0


def test_a_chain_is_not_founded_before_its_alliance(world: World, aw: AllianceWorld) -> None:
    Alliance.objects.filter(pk=aw.alliance.pk).update(founded_on=dt.date(2023, 3, 28))
    aw.alliance.refresh_from_db()
    staff = world.user("service_staff")
    with pytest.raises(ValidationError):
        services.chain_create(
            user=staff, alliance=aw.alliance, name="康养医疗", founded_on=dt.date(2022, 1, 1)
        )
    chain = services.chain_create(
        user=staff, alliance=aw.alliance, name="康养医疗", founded_on=dt.date(2023, 4, 1)
    )
    assert chain.founded_on == dt.date(2023, 4, 1)

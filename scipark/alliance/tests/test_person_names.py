"""Masked means masked (issue 9, item 7): where another member enterprise is unnamed, so are its people —
its party organisation's secretary is not printed next to the neutral label."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from scipark.alliance.models import ChainMember, PartyOrganization
from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_org(world: World, aw: AllianceWorld) -> PartyOrganization:
    """The other member enterprise's party branch, on the chain, with its secretary."""
    org = PartyOrganization.objects.create(
        alliance=aw.alliance,
        name=f"{world.other_enterprise.name}党支部",
        secretary="赵德胜",
        member_count=7,
        enterprise=world.other_enterprise,
    )
    ChainMember.objects.create(chain=aw.chain, kind="party_org", party_org=org)
    return org


def chain_page(client: Any, aw: AllianceWorld) -> str:
    response = client.get(reverse("alliance:chain_detail", args=[aw.chain.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_enterprise_reads_no_secretary_of_another_member(
    client_for: Any, world: World, aw: AllianceWorld, other_org: PartyOrganization
) -> None:
    page = chain_page(client_for("enterprise_user"), aw)
    assert world.other_enterprise.name not in page
    assert "赵德胜" not in page
    assert "(不公开)" in page and "成员企业党组织" in page
    assert "党员 7 名" in page  # counts are no names
    # Its own branch's secretary it reads.
    assert aw.party_org.secretary in page


@pytest.mark.parametrize("persona", ["service_staff", "park_leader"])
def test_the_park_staff_read_every_secretary(
    client_for: Any, world: World, aw: AllianceWorld, other_org: PartyOrganization, persona: str
) -> None:
    page = chain_page(client_for(persona), aw)
    assert "赵德胜" in page and aw.party_org.secretary in page
    assert "(不公开)" not in page


def test_a_department_branch_secretary_is_named_to_members(
    client_for: Any, world: World, aw: AllianceWorld
) -> None:
    org = PartyOrganization.objects.create(
        alliance=aw.alliance,
        name="企业服务局党支部",
        secretary="钱为民",
        department=aw.alliance.lead_department,
    )
    ChainMember.objects.create(chain=aw.chain, kind="party_org", party_org=org)
    assert "钱为民" in chain_page(client_for("enterprise_user"), aw)

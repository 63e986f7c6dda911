"""Access: an enterprise sees its own and the alliance's published items (others unnamed); staff of
enterprise service edit; other departments read; another park's rows are a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from scipark.alliance.models import Need, Resource
from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


def test_an_enterprise_user_reads_its_own_and_the_published_needs(
    world: World, aw: AllianceWorld, foreign: AllianceWorld
) -> None:
    member = world.user("enterprise_user")
    seen = set(Need.objects.restrict(member, "view"))
    assert seen == {aw.need, aw.other_need}
    assert set(Need.objects.restrict(member, "change")) == {aw.need}
    # an unpublished need of another member is not readable
    Need.objects.filter(pk=aw.other_need.pk).update(published=False)
    assert set(Need.objects.restrict(member, "view")) == {aw.need}


def test_a_non_member_enterprise_reads_nothing_of_the_alliance(world: World, aw: AllianceWorld) -> None:
    aw.member.delete()
    member = world.user("enterprise_user")
    assert set(Need.objects.restrict(member, "view")) == {aw.need}  # still its own
    assert not Resource.objects.restrict(member, "view").filter(pk=aw.other_resource.pk).exists()


def test_the_need_list_names_other_members_only_for_staff(
    client_for: Any, world: World, aw: AllianceWorld
) -> None:
    page = client_for("enterprise_user").get(reverse("alliance:need_list")).content.decode()
    assert aw.other_need.title in page
    assert world.other_enterprise.name not in page
    assert "联盟成员企业" in page
    staff_page = client_for("economy_staff").get(reverse("alliance:need_list")).content.decode()
    assert world.other_enterprise.name in staff_page


def test_other_park_rows_are_404_and_never_listed(
    client_for: Any, aw: AllianceWorld, foreign: AllianceWorld
) -> None:
    client = client_for("service_staff")
    assert client.get(reverse("alliance:need_detail", args=[foreign.need.pk])).status_code == 404
    assert client.get(reverse("alliance:chain_detail", args=[foreign.chain.pk])).status_code == 404
    assert client.get(reverse("alliance:need_match", args=[foreign.need.pk])).status_code == 404
    export = client.get(reverse("alliance:need_list") + "?export=xlsx")
    assert export.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1 + 2  # header and the park's two needs
    assert all(foreign.alliance.name not in [str(v) for v in row] for row in rows)


def test_other_departments_read_but_cannot_edit(client_for: Any, aw: AllianceWorld) -> None:
    client = client_for("economy_staff")
    assert client.get(reverse("alliance:need_detail", args=[aw.need.pk])).status_code == 200
    assert client.get(reverse("alliance:need_edit", args=[aw.need.pk])).status_code == 403
    response = client.post(
        reverse("alliance:need_transition", args=[aw.need.pk]), {"to": "closed", "version": 1}
    )
    assert response.status_code == 403
    aw.need.refresh_from_db()
    assert aw.need.status == "open"


def test_an_enterprise_cannot_open_another_members_unpublished_resource(
    client_for: Any, aw: AllianceWorld
) -> None:
    client = client_for("enterprise_user")
    assert client.get(reverse("alliance:resource_detail", args=[aw.other_resource.pk])).status_code == 404
    assert client.get(reverse("alliance:resource_detail", args=[aw.resource.pk])).status_code == 200
    # the published need of the other member opens, unnamed, and cannot be edited
    page = client.get(reverse("alliance:need_detail", args=[aw.other_need.pk]))
    assert page.status_code == 200
    assert "青海另一家胶囊有限公司" not in page.content.decode()
    # visible to the member but not its to edit: core's object_or_404 answers 403, not 404
    assert client.get(reverse("alliance:need_edit", args=[aw.other_need.pk])).status_code == 403


def test_the_chain_page_masks_other_members_for_an_enterprise(
    client_for: Any, world: World, aw: AllianceWorld
) -> None:
    page = (
        client_for("enterprise_user")
        .get(reverse("alliance:chain_detail", args=[aw.chain.pk]))
        .content.decode()
    )
    assert world.enterprise.name in page
    assert world.other_enterprise.name not in page
    staff = (
        client_for("park_leader").get(reverse("alliance:chain_detail", args=[aw.chain.pk])).content.decode()
    )
    assert world.other_enterprise.name in staff
    assert 'id="chain-diagram-data"' in staff

"""跟踪人 offered every account of the platform — enterprise users, the 三员 administrators, zone viewers and
another park's staff — on the investment department's add and edit forms (found walking the pipeline: the
list named the two enterprise users of the demo)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import Inv

pytestmark = pytest.mark.django_db


def offered(client: Client, url: str) -> set[int]:
    return {user.pk for user in client.get(url).context["form"].fields["tracker"].queryset}


def test_the_tracker_is_one_of_the_parks_staff(inv: Inv) -> None:
    client = Client()
    client.force_login(inv.staff)
    world = inv.world
    own = {inv.staff.pk, world.user("park_leader").pk, world.user("service_staff").pk}
    outside = {
        world.user(p).pk
        for p in ("enterprise_user", "system_admin", "security_admin", "audit_admin", "zone_viewer")
    } | {inv.other_staff.pk, world.user("other_park_staff").pk}
    added = offered(client, reverse("investment:project_add"))
    assert own <= added and not added & outside
    project = inv.project()
    assert offered(client, reverse("investment:project_edit", args=[project.pk])) == added
    response = client.post(
        reverse("investment:project_add"),
        {
            "park": world.park.pk,
            "name": "高原药材提取物基地",
            "investor": "成都某药业有限公司",
            "origin": "other_province",
            "planned_investment": "300000000",
            "channel": "fair",
            "tracker": world.user("enterprise_user").pk,
        },
    )
    assert response.status_code == 400 and "tracker" in response.context["form"].errors


def test_a_tracker_who_has_left_still_shows_on_the_edit_form(inv: Inv) -> None:
    project = inv.project(tracker=inv.other_staff)
    client = Client()
    client.force_login(inv.staff)
    assert inv.other_staff.pk in offered(client, reverse("investment:project_edit", args=[project.pk]))

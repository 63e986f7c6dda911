"""The services' refusals read in English on an English page, and in Chinese on a Chinese one."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db


def _post(client: Any, english: bool, url: str, data: dict[str, Any]) -> str:
    if english:
        client.cookies["django_language"] = "en"
    response = client.post(url, data)
    assert response.status_code in (400, 409), response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("english", "expected"),
    [(True, "Industry chain “{name}” already exists."), (False, "产业链“{name}”已存在。")],
)
def test_a_second_chain_of_the_same_name(
    client_for: Any, aw: AllianceWorld, english: bool, expected: str
) -> None:
    url = reverse("alliance:chain_add", args=[aw.alliance.pk])
    page = _post(
        client_for("service_staff"),
        english,
        url,
        {"name": aw.chain.name, "position": 2, "founded_on": "2023-04-01"},
    )
    assert expected.format(name=aw.chain.name) in page


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (True, "The due date cannot be earlier than the start date."),
        (False, "计划完成日期不能早于开始日期。"),
    ],
)
def test_a_joint_action_due_before_it_starts(
    client_for: Any, world: World, aw: AllianceWorld, english: bool, expected: str
) -> None:
    service = Department.objects.get(park=world.park, kind="service")
    data = {
        "title": "x",
        "owner_department": service.pk,
        "owner_person": "x",
        "start_on": "2023-05-10",
        "due_on": "2023-05-01",
    }
    page = _post(
        client_for("service_staff"), english, reverse("alliance:need_match", args=[aw.need.pk]), data
    )
    assert expected in page


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (True, "Need “{title}” is currently “Open” and cannot be changed to “Resolved”."),
        (False, "需求“{title}”当前为“待对接”,不能改为“已解决”。"),
    ],
)
def test_a_need_cannot_jump_to_met(client_for: Any, aw: AllianceWorld, english: bool, expected: str) -> None:
    client = client_for("service_staff")
    if english:
        client.cookies["django_language"] = "en"
    url = reverse("alliance:need_transition", args=[aw.need.pk])
    response = client.post(url, {"to": "met", "version": aw.need.version})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected.format(title=aw.need.title)]

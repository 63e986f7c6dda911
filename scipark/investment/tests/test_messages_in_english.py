"""The services' refusals read in English on an English page (or to an API client asking for English), and
in Chinese otherwise: they were plain Chinese literals, so an English reader saw “请填写落地地块/载体。” or
“签约前须完成审批,尚缺:招商部初审。”."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.investment.models import ApprovalLevel, Stage
from scipark.investment.testing import TODAY

from .conftest import Inv

pytestmark = pytest.mark.django_db


def _post(user: Any, english: bool, url: str, data: dict[str, Any]) -> str:
    client = Client()
    client.force_login(user)
    if english:
        client.cookies["django_language"] = "en"
    response = client.post(url, data)
    assert response.status_code == 400, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("english", "expected"),
    [(True, "Fill in “Site or premises”."), (False, "请填写落地地块/载体。")],
)
def test_landing_without_its_site(inv: Inv, english: bool, expected: str) -> None:
    project = inv.project(Stage.SIGNED)
    url = reverse("investment:project_step", args=[project.pk]) + "?action=land"
    data = {"version": project.version, "step": "land", "happened_on": TODAY.isoformat()}
    assert expected in _post(inv.staff, english, url, data)


@pytest.mark.parametrize(
    ("english", "expected"),
    [
        (True, "A target for amounts signed at an event must name the fair or conference."),
        (False, "展会签约额目标须写明展会/会议名称。"),
    ],
)
def test_an_event_target_without_its_event(inv: Inv, english: bool, expected: str) -> None:
    data = {"park": inv.world.park.pk, "year": 2023, "indicator": "event_signed_amount", "value": "20"}
    assert expected in _post(inv.staff, english, reverse("investment:target_set"), data)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The approvals must be complete before signing; still missing: 招商部初审."),
        ("zh-hans", "签约前须完成审批,尚缺:招商部初审。"),
    ],
)
def test_the_api_refuses_a_signing_before_its_approvals_in_the_clients_language(
    inv: Inv, language: str, expected: str
) -> None:
    ApprovalLevel.objects.create(park=inv.world.park, order=1, title="招商部初审", approver="staff")
    project = inv.project(Stage.TALKS)
    client = Client()
    client.force_login(inv.staff)
    body = {
        "action": "sign",
        "version": project.version,
        "signed_on": TODAY.isoformat(),
        "amount_signed": "100000000",
        "signing_party": project.investor,
    }
    response = client.post(
        f"/api/v1/investment/attraction-projects/{project.pk}/steps/",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 400
    assert expected in json.dumps(response.json(), ensure_ascii=False)

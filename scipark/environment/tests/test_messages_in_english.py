"""The services' and views' refusals read in English on an English page (or to an API client asking for
English), and in Chinese otherwise: they were plain Chinese literals, so an English reader saw
“第 1 轮的结束日期早于开始日期。” or “请填写整改进展。”."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from scipark.core.testing import World
from scipark.environment.models import Finding
from scipark.environment.services import finding_create

pytestmark = pytest.mark.django_db


def _post(client: Any, english: bool, url: str, data: dict[str, Any]) -> str:
    if english:
        client.cookies["django_language"] = "en"
    response = client.post(url, data)
    assert response.status_code == 400, response.status_code
    return response.content.decode()


@pytest.mark.parametrize(
    ("english", "expected"),
    [(True, "Round 1 ends before it starts."), (False, "第 1 轮的结束日期早于开始日期。")],
)
def test_a_campaign_round_that_ends_before_it_starts(
    client_for: Any, world: World, english: bool, expected: str
) -> None:
    data = {
        "park": world.park.pk,
        "kind": "water_monitoring",
        "year": 2023,
        "title": "涉水企业监督性监测",
        "round1_starts_on": "2023-06-01",
        "round1_ends_on": "2023-05-01",
    }
    page = _post(client_for("environment_staff"), english, reverse("environment:campaign_add"), data)
    assert expected in page


@pytest.mark.parametrize(
    ("english", "expected"),
    [(True, "Please describe the progress of the rectification."), (False, "请填写整改进展。")],
)
def test_a_progress_report_without_its_progress(
    client_for: Any, world: World, english: bool, expected: str
) -> None:
    finding = finding_create(
        user=world.user("environment_staff"),
        park=world.park,
        data={
            "number": "EN-1",
            "source": Finding.Source.PARK_CHECK,
            "kind": Finding.Kind.PETITION,
            "title": "夜间异味扰民",
            "enterprise": world.enterprise,
            "received_on": dt.date(2023, 5, 1),
            "deadline": dt.date(2023, 8, 31),
            "measures": "加装废气收集装置",
        },
    )
    url = reverse("environment:finding_step", args=[finding.pk, "progress"])
    page = _post(client_for("environment_staff"), english, url, {"notes": "", "version": finding.version})
    assert expected in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "zoom must be a whole number."), ("zh-hans", "zoom 应为整数。")],
)
def test_the_network_api_says_a_bad_zoom_in_the_clients_language(
    world: World, language: str, expected: str
) -> None:
    client = APIClient()
    client.force_authenticate(world.user("environment_staff"))
    response = client.get(
        "/api/v1/environment-pipe-segments/", {"zoom": "near"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert response.json()["zoom"] == [expected]

"""The platform's shared refusals — a stale version, a step the state does not allow, an attachment of the
wrong type — read in English for an English page or API client, and in Chinese otherwise."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.testing import World
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


@pytest.fixture
def appeal(world: World) -> Any:
    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    return make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.SUBMITTED)


def _api_step(client_for: Any, appeal: Any, english: bool, **data: Any) -> Any:
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if english else {}
    return client_for("service_staff").post(
        f"/api/v1/appeals/{appeal.pk}/step/", data, content_type="application/json", **headers
    )


@LANGUAGES
def test_a_stale_version(client_for: Any, appeal: Any, english: bool) -> None:
    response = _api_step(client_for, appeal, english, action="accept", version=appeal.version + 5)
    assert response.status_code == 409
    expected = (
        "This record was changed by someone else; refresh the page and try again."
        if english
        else "该记录已被他人修改,请刷新后重试。"
    )
    assert response.json()["detail"] == expected


@LANGUAGES
def test_a_step_the_state_does_not_allow(client_for: Any, appeal: Any, english: bool) -> None:
    response = _api_step(client_for, appeal, english, action="rate", version=appeal.version, score=5)
    assert response.status_code == 400
    body = response.content.decode()
    assert ("cannot be done now" in body) if english else ("不能执行" in body)


@LANGUAGES
def test_an_attachment_of_a_type_not_taken(client_for: Any, world: World, appeal: Any, english: bool) -> None:
    appeal.state = AppealState.IN_PROGRESS
    appeal.lead_department = Department.objects.get(park=world.park, kind="service")
    appeal.save()
    client = client_for("service_staff")
    if english:
        client.cookies["django_language"] = "en"
    exe = SimpleUploadedFile("bad.exe", b"MZ\x90\x00binary", content_type="application/octet-stream")
    response = client.post(
        f"/appeals/{appeal.pk}/step/",
        {"action": "conclude", "version": appeal.version, "notes": "已更换电缆接头。", "attachments": exe},
    )
    assert response.status_code == 400
    expected = (
        "Attachment “bad.exe” is of an unsupported type; only "
        if english
        else "附件「bad.exe」的类型不受支持:只接受 "
    )
    assert expected in response.content.decode()

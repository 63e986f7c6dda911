"""The services' refusals read in English on an English page or API call, and in Chinese otherwise."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


@LANGUAGES
def test_a_reply_left_empty_is_named(world: Any, category: Any, client_for: Any, english: bool) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.IN_PROGRESS)
    appeal.lead_department = Department.objects.get(park=world.park, kind="service")
    appeal.save()
    staff = client_for("service_staff")
    if english:
        staff.cookies["django_language"] = "en"
    response = staff.post(f"/appeals/{appeal.pk}/step/", {"action": "conclude", "version": appeal.version})
    assert response.status_code == 400
    assert ("Fill in “Reply”." if english else "请填写答复内容。") in response.content.decode()


@LANGUAGES
def test_the_api_names_a_category_out_of_reach(world: Any, client_for: Any, english: bool) -> None:
    elsewhere = make_category(world.other_park, "roads", name="道路交通", time_limit_days=5)
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if english else {}
    response = client_for("enterprise_user").post(
        "/api/v1/appeals/",
        {"category": elsewhere.pk, "enterprise": world.enterprise.pk, "description": "路灯不亮"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    expected = (
        "The appeal category does not exist or is outside your access."
        if english
        else "诉求类别不存在或不在您的权限范围内。"
    )
    assert response.json()["category"] == [expected]


@LANGUAGES
def test_the_api_names_an_enterprise_out_of_reach(
    world: Any, category: Any, client_for: Any, english: bool
) -> None:
    headers = {"HTTP_ACCEPT_LANGUAGE": "en"} if english else {}
    response = client_for("enterprise_user").post(
        "/api/v1/appeals/",
        {"category": category.pk, "enterprise": world.other_enterprise.pk, "description": "路灯不亮"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 400
    expected = (
        "The enterprise does not exist or is outside your access."
        if english
        else "企业不存在或不在您的权限范围内。"
    )
    assert response.json()["enterprise"] == [expected]

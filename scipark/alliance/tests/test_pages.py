"""Pages: raising a need, the matching view's one-step joint action, milestones, exports."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from scipark.alliance.models import Chain, JointAction, Need, Resource
from scipark.alliance.testing import AllianceWorld
from scipark.core.testing import World
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db


def test_an_enterprise_raises_a_need_through_the_form(
    client_for: Any, world: World, aw: AllianceWorld
) -> None:
    client = client_for("enterprise_user")
    form = client.get(reverse("alliance:need_add"))
    assert form.status_code == 200
    assert 'name="enterprise"' not in form.content.decode()
    response = client.post(
        reverse("alliance:need_add"),
        {
            "title": "冷库短缺",
            "category": "logistics",
            "keywords": "冷库、仓储",
            "urgency": "normal",
            "chain": aw.chain.pk,
        },
    )
    assert response.status_code == 302
    need = Need.objects.get(title="冷库短缺")
    assert (need.enterprise, need.status, need.published) == (world.enterprise, "open", False)


def test_a_missing_title_is_named_in_the_form(client_for: Any, aw: AllianceWorld) -> None:
    response = client_for("service_staff").post(reverse("alliance:need_add"), {"category": "labour"})
    assert response.status_code == 400
    assert "该字段是必填项" in response.content.decode()


def test_staff_create_a_joint_action_from_the_matching_view(
    client_for: Any, world: World, aw: AllianceWorld
) -> None:
    client = client_for("service_staff")
    page = client.get(reverse("alliance:need_match", args=[aw.need.pk])).content.decode()
    assert aw.other_resource.title in page  # 基站建设协调服务: same category and keywords
    assert "类别相同" in page
    service = Department.objects.get(park=world.park, kind="service")
    response = client.post(
        reverse("alliance:need_match", args=[aw.need.pk]),
        {
            "resources": [aw.other_resource.pk],
            "title": "通信信号联合攻坚",
            "owner_department": service.pk,
            "owner_person": "韩明",
            "start_on": "2023-05-10",
            "due_on": "2023-06-30",
            "published": "on",
        },
    )
    assert response.status_code == 302
    action = JointAction.objects.get(title="通信信号联合攻坚")
    assert list(action.needs.all()) == [aw.need]
    assert list(action.resources.all()) == [aw.other_resource]
    milestone = client.post(
        reverse("alliance:milestone_add", args=[action.pk]),
        {"title": "走访", "weight": 1, "due_on": "2023-05-12"},
    )
    assert milestone.status_code == 302
    detail = client.get(reverse("alliance:action_detail", args=[action.pk])).content.decode()
    assert "走访" in detail and "0%" in detail


def test_due_before_start_is_refused_with_a_message(client_for: Any, world: World, aw: AllianceWorld) -> None:
    service = Department.objects.get(park=world.park, kind="service")
    response = client_for("service_staff").post(
        reverse("alliance:need_match", args=[aw.need.pk]),
        {
            "title": "x",
            "owner_department": service.pk,
            "owner_person": "x",
            "start_on": "2023-05-10",
            "due_on": "2023-05-01",
        },
    )
    assert response.status_code == 400
    assert "计划完成日期不能早于开始日期" in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["alliance:need_list", "alliance:resource_list", "alliance:action_list", "alliance:party_org_list"],
)
def test_every_list_exports_xlsx(client_for: Any, aw: AllianceWorld, name: str) -> None:
    response = client_for("park_leader").get(reverse(name) + "?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) >= 2


def test_the_home_page_counts_members_per_segment(client_for: Any, aw: AllianceWorld) -> None:
    response = client_for("enterprise_user").get(reverse("alliance:home"))
    assert response.status_code == 200
    chains = response.context["blocks"][0]["chains"]
    assert chains[0].segments == {"upstream": 1, "midstream": 1, "downstream": 0}
    assert (chains[0].party_orgs, chains[0].departments) == (1, 1)


def test_a_stale_version_answers_409_on_forms_and_buttons(client_for: Any, aw: AllianceWorld) -> None:
    client = client_for("service_staff")
    Need.objects.filter(pk=aw.need.pk).update(version=5)  # someone saved it since the page was read
    edit = client.post(
        reverse("alliance:need_edit", args=[aw.need.pk]),
        {"title": "改过的标题", "category": "labour", "urgency": "low", "version": 1},
    )
    assert edit.status_code == 409
    assert "该记录已被他人修改" in edit.content.decode()
    status = client.post(
        reverse("alliance:need_transition", args=[aw.need.pk]), {"to": "closed", "version": 1}
    )
    assert status.status_code == 409
    Resource.objects.filter(pk=aw.resource.pk).update(version=3)
    withdraw = client.post(reverse("alliance:resource_withdraw", args=[aw.resource.pk]), {"version": 1})
    assert withdraw.status_code == 409
    aw.need.refresh_from_db()
    aw.resource.refresh_from_db()
    assert (aw.need.title, aw.need.status, aw.resource.status) == ("厂区周边通信信号弱", "open", "available")


def test_staff_add_a_chain_with_its_founding_date(client_for: Any, aw: AllianceWorld) -> None:
    response = client_for("service_staff").post(
        reverse("alliance:chain_add", args=[aw.alliance.pk]),
        {"name": "康养医疗", "position": 2, "founded_on": "2023-04-01"},
    )
    chain = Chain.objects.get(alliance=aw.alliance, name="康养医疗")
    assert response.status_code == 302 and response["Location"] == reverse(
        "alliance:chain_detail", args=[chain.pk]
    )
    assert chain.founded_on == dt.date(2023, 4, 1)

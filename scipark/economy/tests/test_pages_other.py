"""Targets, indicators, projects, the pipeline's decision form and the reminder command: who may act."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import AnnualTarget, FixedAssetProject, Indicator, ProjectMonthlyInvestment
from scipark.enterprises.models import EnterpriseStatus
from scipark.notifications.models import Notification


def test_economy_staff_set_a_target_in_wan_and_others_cannot(world: World, client_for: Any) -> None:
    indicator = Indicator.objects.get(code="above_scale_output")
    data = {"park": world.park.pk, "indicator": indicator.pk, "year": 2024, "value": "18200", "note": ""}
    assert client_for("service_staff").post("/economy/targets/add/", data).status_code == 403
    assert client_for("enterprise_user").post("/economy/targets/add/", data).status_code == 403
    assert client_for("economy_staff").post("/economy/targets/add/", data).status_code == 302
    target = AnnualTarget.objects.get(park=world.park, indicator=indicator, year=2024)
    assert target.value == Decimal("182000000.00")  # 18,200 万元 = 1.82亿元 in 元
    edit = client_for("economy_staff").post(f"/economy/targets/{target.pk}/edit/", {**data, "value": "20000"})
    assert edit.status_code == 302
    target.refresh_from_db()
    assert target.value == Decimal("200000000.00")


def test_a_project_and_its_monthly_investment(world: World, client_for: Any) -> None:
    client = client_for("economy_staff")
    response = client.post(
        "/economy/projects/add/",
        {
            "park": world.park.pk,
            "name": "胶原蛋白肠衣扩能项目",
            "planned_total": "3000",
            "start_date": "2023-02-01",
        },
    )
    assert response.status_code == 302
    project = FixedAssetProject.objects.get(name="胶原蛋白肠衣扩能项目")
    assert project.in_scope  # 3000万元 ≥ 500万元
    url = f"/economy/projects/{project.pk}/investment/"
    assert client_for("service_staff").post(url, {"period": "2023-03", "amount": "10"}).status_code == 403
    assert client.post(url, {"period": "2023-03", "amount": "250.5"}).status_code == 302
    assert ProjectMonthlyInvestment.objects.get(project=project).amount == Decimal("2505000.00")
    before = client.post(url, {"period": "2023-01", "amount": "1"})
    assert before.status_code == 400
    assert "开工" in before.content.decode()
    detail = client_for("park_leader").get(f"/economy/projects/{project.pk}/")
    assert detail.context["completed_wan"] == "250.50"


def test_recording_the_bureaus_decision_writes_the_status_history(world: World, client_for: Any) -> None:
    data = {
        "enterprise": world.enterprise.pk,
        "scale_set": "above_scale_industry",
        "direction": "enter",
        "reason": "new_plant",
        "effective_period": "2023-06",
        "decided_on": "2023-07-05",
    }
    assert client_for("service_staff").post("/economy/pipeline/decisions/add/", data).status_code == 403
    assert client_for("economy_staff").post("/economy/pipeline/decisions/add/", data).status_code == 302
    status = EnterpriseStatus.objects.get(enterprise=world.enterprise, kind="above_scale_industry")
    assert status.valid_from == dt.date(2023, 6, 1)
    page = client_for("park_leader").get("/economy/pipeline/")
    assert page.status_code == 200
    assert [d.enterprise for d in page.context["decisions"]] == [world.enterprise]


@pytest.fixture
def owing(world: World) -> None:
    services.scale_decision_record(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        scale_set="above_scale_industry",
        direction="enter",
        effective_period=dt.date(2023, 1, 1),
        decided_on=dt.date(2023, 1, 5),
    )


def test_the_reminder_command(world: World, owing: None) -> None:
    out = StringIO()
    call_command("remind_returns", "--user", "economy_staff", "--period", "2023-12", stdout=out)
    assert "已向 1 家企业的 1 位企业用户发送催报提醒" in out.getvalue()
    assert (
        Notification.objects.filter(recipient=world.user("enterprise_user"), kind="return_reminder").count()
        == 1
    )
    with pytest.raises(CommandError):
        call_command("remind_returns", "--user", "service_staff", "--period", "2023-12", stdout=StringIO())

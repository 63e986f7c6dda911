"""The investment API end to end: a project from lead to production through ``steps`` (the one FLOW
dispatch), its stage history, funds in place, targets, funds, and financing reported by an enterprise
and confirmed by the department; a stale version answers 409; enterprises never reach the pipeline."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from scipark.core.identifiers import credit_code_from_number
from scipark.enterprises.models import Enterprise
from scipark.investment.models import (
    ApprovalLevel,
    Confirmation,
    Contract,
    Fund,
    FundsInPlace,
    Listing,
    Loan,
    LoanProduct,
    Project,
    Stage,
    StageChange,
)
from scipark.investment.services import STEP_FIELDS
from scipark.investment.services import steps as step_functions
from scipark.investment.testing import TODAY
from scipark.investment.workflow import FLOW

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db
BASE = "/api/v1/investment"


def api(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_step_fields_are_what_each_step_function_takes() -> None:
    import inspect

    for action in FLOW.transitions:
        function = FLOW._steps[action]
        taken = {
            name
            for name, p in inspect.signature(function).parameters.items()
            if p.kind is inspect.Parameter.KEYWORD_ONLY
        }
        assert set(STEP_FIELDS[action]) == taken, action
    assert step_functions.step_data("land", {"site": "经二路", "reason": "x", "happened_on": None}) == {
        "site": "经二路"
    }


def test_staff_run_a_project_from_lead_to_production_through_the_api(inv: Inv) -> None:
    client = api(inv.staff)
    response = post(
        client,
        f"{BASE}/attraction-projects/",
        {
            "park": inv.world.park.pk,
            "name": "高原药材提取物基地",
            "investor": "成都某药业有限公司",
            "origin": "other_province",
            "origin_province": "四川省",
            "industry": "2710",
            "planned_investment": "300000000",
            "channel": "fair",
            "source_event": "青洽会",
            "found_on": (TODAY - dt.timedelta(days=5)).isoformat(),
        },
    )
    assert response.status_code == 201, response.content.decode()
    project = response.json()
    assert project["stage"] == Stage.LEAD and project["version"] == 1
    day = TODAY.isoformat()
    credit = credit_code_from_number(92)
    steps: list[dict[str, Any]] = [
        {"action": "engage", "happened_on": day},
        {"action": "sign", "signed_on": day, "amount_signed": "300000000", "signing_party": "成都某药业有限公司",
         "site": "ignored: not a field of 签约"},
        {"action": "amend", "signed_on": day, "amount_signed": "320000000", "note": "追加二期设备"},
        {"action": "land", "happened_on": day, "site": "经二路 8 号"},
        {"action": "start", "happened_on": day},
        {"action": "produce", "happened_on": day,
         "new_enterprise": {"name": "青海高原药材提取物有限公司", "credit_code": credit}},
    ]  # fmt: skip
    version = project["version"]
    for data in steps:
        response = post(
            client, f"{BASE}/attraction-projects/{project['id']}/steps/", {**data, "version": version}
        )
        assert response.status_code == 200, (data["action"], response.content.decode())
        version = response.json()["version"]
    stored = Project.objects.get(pk=project["id"])
    assert stored.stage == Stage.PRODUCING and stored.site == "经二路 8 号"
    assert Enterprise.objects.get(credit_code=credit).pk == stored.enterprise_id
    history = client.get(f"{BASE}/attraction-projects/{project['id']}/steps/").json()
    assert [h["to_stage"] for h in history] == [
        "lead",
        "talks",
        "signed",
        "signed",
        "landed",
        "started",
        "producing",
    ]
    contracts = client.get(f"{BASE}/contracts/?project={project['id']}").json()["results"]
    assert [(c["revision"], c["amount"]) for c in contracts] == [(1, "300000000.00"), (2, "320000000.00")]


def test_a_refused_step_names_the_field_and_writes_nothing(inv: Inv) -> None:
    project = inv.project(Stage.TALKS)
    client = api(inv.staff)
    response = post(
        client,
        f"{BASE}/attraction-projects/{project.pk}/steps/",
        {
            "action": "sign",
            "version": project.version,
            "signed_on": TODAY.isoformat(),
            "signing_party": "某公司",
        },
    )
    assert response.status_code == 400 and "amount_signed" in response.json()
    skip = post(client, f"{BASE}/attraction-projects/{project.pk}/steps/", {"action": "land", "version": 1})
    assert skip.status_code == 400 and "不能执行" in skip.content.decode()
    assert not Contract.objects.filter(project=project).exists()
    assert StageChange.objects.filter(project=project).count() == 0


def test_a_stale_version_answers_409_and_keeps_the_winner(inv: Inv) -> None:
    project = inv.project(Stage.LEAD)
    client = api(inv.staff)
    url = f"{BASE}/attraction-projects/{project.pk}/steps/"
    first = post(client, url, {"action": "engage", "version": 1, "happened_on": TODAY.isoformat()})
    assert first.status_code == 200
    second = post(client, url, {"action": "terminate", "version": 1, "reason": "投资方撤回"})
    assert second.status_code == 409 and "已被他人修改" in second.json()["detail"]
    edit = client.patch(
        f"{BASE}/attraction-projects/{project.pk}/",
        json.dumps({"version": 1, "chain": "中藏药"}),
        content_type="application/json",
    )
    assert edit.status_code == 409
    project.refresh_from_db()
    assert project.stage == Stage.TALKS and project.chain == ""


def test_the_approval_before_signing_is_a_leaders_step_through_the_same_endpoint(inv: Inv) -> None:
    ApprovalLevel.objects.create(park=inv.world.park, order=1, title="分管领导", approver="leader")
    project = inv.project(Stage.TALKS)
    url = f"{BASE}/attraction-projects/{project.pk}/steps/"
    sign = {
        "action": "sign",
        "signed_on": TODAY.isoformat(),
        "amount_signed": "100000000",
        "signing_party": "甲",
    }
    refused = post(api(inv.staff), url, {**sign, "version": 1})
    assert refused.status_code == 400 and "分管领导" in refused.content.decode()
    assert (
        post(
            api(inv.staff), url, {"action": "approve", "version": 1, "happened_on": TODAY.isoformat()}
        ).status_code
        == 403
    )
    approved = post(
        api(inv.world.user("park_leader")),
        url,
        {"action": "approve", "version": 1, "happened_on": TODAY.isoformat()},
    )
    assert approved.status_code == 200, approved.content.decode()
    assert post(api(inv.staff), url, {**sign, "version": approved.json()["version"]}).status_code == 200


def test_funds_in_place_and_targets(inv: Inv) -> None:
    project = inv.project(Stage.SIGNED, signed=YI)
    client = api(inv.staff)
    entry = {
        "project": project.pk,
        "arrived_on": TODAY.isoformat(),
        "amount": "60000000",
        "source_class": "other_province",
    }
    assert post(client, f"{BASE}/funds-in-place/", entry).status_code == 201
    over = post(client, f"{BASE}/funds-in-place/", entry)
    assert over.status_code == 400 and "说明" in over.json()["amount"][0]
    assert FundsInPlace.objects.filter(project=project).count() == 1
    listed = client.get(f"{BASE}/funds-in-place/?project={project.pk}&source_class=other_province").json()
    assert listed["count"] == 1
    target = {
        "park": inv.world.park.pk,
        "year": TODAY.year,
        "indicator": "signed_amount",
        "value": "2000000000",
    }
    assert post(client, f"{BASE}/targets/", target).status_code == 201
    changed = post(client, f"{BASE}/targets/", {**target, "value": "2100000000", "version": 1})
    assert changed.status_code == 201 and changed.json()["version"] == 2
    stale = post(client, f"{BASE}/targets/", {**target, "value": "1", "version": 1})
    assert stale.status_code == 409


def test_funds_with_partners_and_investments(inv: Inv) -> None:
    client = api(inv.staff)
    created = post(
        client,
        f"{BASE}/funds/",
        {"park": inv.world.park.pk, "name": "生物医药产业基金", "manager": "某资本", "size": "500000000",
         "set_up_on": "2022-03-01"},
    )  # fmt: skip
    assert created.status_code == 201, created.content.decode()
    fund = created.json()
    url = f"{BASE}/funds/{fund['id']}/"
    assert (
        post(
            client, url + "partners/", {"name": "省引导基金", "commitment": "100000000", "share": "60"}
        ).status_code
        == 200
    )
    over = post(client, url + "partners/", {"name": "某银行", "commitment": "100000000", "share": "50"})
    assert over.status_code == 400 and "100%" in over.json()["share"][0]
    project = inv.project(Stage.SIGNED, fund=Fund.objects.get(pk=fund["id"]), planned=4 * YI, signed=4 * YI)
    invested = post(
        client,
        url + "investments/",
        {"project": project.pk, "amount": "50000000", "invested_on": "2023-01-05"},
    )
    assert invested.status_code == 200 and len(invested.json()["investments"]) == 1
    renamed = client.patch(
        url,
        json.dumps({"version": fund["version"], "manager": "某资本管理有限公司"}),
        content_type="application/json",
    )
    assert renamed.status_code == 200 and renamed.json()["manager"] == "某资本管理有限公司"
    no_version = client.patch(url, json.dumps({"manager": "x"}), content_type="application/json")
    assert no_version.status_code == 400 and "version" in no_version.json()


def test_an_enterprise_reports_a_loan_and_the_department_confirms_it(inv: Inv) -> None:
    product = LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    enterprise = api(inv.world.user("enterprise_user"))
    body = {"enterprise": inv.world.enterprise.pk, "product": product.pk, "bank": "青海银行", "amount": "3000000",
            "granted_on": "2023-05-10", "term_months": 12}  # fmt: skip
    reported = post(enterprise, f"{BASE}/loans/", body)
    assert reported.status_code == 201, reported.content.decode()
    assert reported.json()["status"] == Confirmation.REPORTED
    loan = reported.json()
    other = post(enterprise, f"{BASE}/loans/", {**body, "enterprise": inv.world.other_enterprise.pk})
    assert other.status_code in (403, 404)
    assert post(enterprise, f"{BASE}/loans/{loan['id']}/confirm/", {"version": 1}).status_code == 403
    staff = api(inv.staff)
    assert post(staff, f"{BASE}/loans/{loan['id']}/confirm/", {"version": 1}).status_code == 200
    assert Loan.objects.get(pk=loan["id"]).status == Confirmation.CONFIRMED
    late = enterprise.patch(
        f"{BASE}/loans/{loan['id']}/",
        json.dumps({"version": 2, "bank": "某银行"}),
        content_type="application/json",
    )
    assert late.status_code == 400 and "已由招商部门确认" in late.content.decode()
    assert post(staff, f"{BASE}/loans/{loan['id']}/reject/", {"version": 1, "reason": "x"}).status_code == 409


def test_enterprises_never_reach_the_pipeline_and_see_only_their_own_financing(inv: Inv) -> None:
    project = inv.project(Stage.SIGNED)
    client = api(inv.world.user("enterprise_user"))
    for path in ("attraction-projects/", f"attraction-projects/{project.pk}/", f"attraction-projects/{project.pk}/steps/",
                 "contracts/", "funds-in-place/", "targets/", "funds/"):  # fmt: skip
        assert client.get(f"{BASE}/{path}").status_code == 403, path
    product = LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    for owner in (inv.world.enterprise, inv.world.other_enterprise):
        Loan.objects.create(
            enterprise=owner, product=product, bank="青海银行", amount=YI, granted_on=TODAY, term_months=6
        )
    rows = client.get(f"{BASE}/loans/").json()["results"]
    assert [r["enterprise"] for r in rows] == [inv.world.enterprise.pk]
    assert api(inv.world.user("park_leader")).get(f"{BASE}/attraction-projects/").json()["count"] == 1
    foreign = api(inv.other_staff).get(f"{BASE}/attraction-projects/{project.pk}/")
    assert foreign.status_code == 404


def test_a_year_filter_out_of_range_is_refused_not_a_server_error(inv: Inv) -> None:
    """Defect found by the schema fuzz: ``?year=-2.6e16`` reached the database's date function (a 500)."""
    client = api(inv.staff)
    assert client.get(f"{BASE}/funds-in-place/?year=-2.6093932981518372e%2B16").status_code == 400
    assert client.get(f"{BASE}/targets/?year=99999").status_code == 400
    assert client.get(f"{BASE}/funds-in-place/?year=2023").status_code == 200


def test_a_listing_reported_twice_is_refused_naming_the_board_not_a_server_error(inv: Inv) -> None:
    """Defect: a second listing of the same enterprise on the same exchange and board reached the
    database's unique constraint (an IntegrityError, a 500)."""
    staff = api(inv.staff)
    body = {"enterprise": inv.world.enterprise.pk, "exchange": "青海股权交易中心", "board": "科技创新专板",
            "listed_on": "2023-06-01"}  # fmt: skip
    assert post(staff, f"{BASE}/listings/", body).status_code == 201
    again = post(
        api(inv.world.user("enterprise_user")), f"{BASE}/listings/", {**body, "listed_on": "2023-07-01"}
    )
    assert again.status_code == 400, again.content.decode()
    assert (
        "青海股权交易中心科技创新专板" in again.json()["board"][0]
        and "不能重复登记" in again.json()["board"][0]
    )
    other = post(staff, f"{BASE}/listings/", {**body, "board": "展示板"})
    assert other.status_code == 201  # another board of the same exchange is another listing
    moved = staff.patch(
        f"{BASE}/listings/{other.json()['id']}/",
        json.dumps({"version": 1, "board": "科技创新专板"}),
        content_type="application/json",
    )
    assert moved.status_code == 400 and "board" in moved.json()
    assert Listing.objects.filter(enterprise=inv.world.enterprise).count() == 2


@pytest.mark.parametrize("path", ["contracts", "funds-in-place"])
def test_a_project_id_out_of_range_is_refused_not_a_server_error(inv: Inv, path: str) -> None:
    """The schema fuzzer sent ?project=-7.4e294 (with ?cursor=): the id reached SQLite as an integer too large
    for it (OverflowError, 500). An id filter is a whole number in range, or a 400 naming it."""
    for value in ("-7.444292938605111e+294", "99999999999999999999999", "1.5"):
        for query in ({"project": value}, {"project": value, "cursor": ""}):
            answer = api(inv.staff).get(f"{BASE}/{path}/", query)
            assert answer.status_code == 400, (value, query, answer.status_code)
            assert "project" in answer.content.decode()

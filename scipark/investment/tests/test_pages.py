"""Pages as the personas: staff run a project from lead to production through the forms; enterprises see
only their financing; leaders read; a stale form answers 409."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.core.identifiers import credit_code_from_number
from scipark.enterprises.models import Enterprise
from scipark.investment import selectors
from scipark.investment.models import (
    Approval,
    ApprovalLevel,
    Confirmation,
    Contract,
    Fund,
    FundInvestment,
    Listing,
    Loan,
    LoanProduct,
    Project,
    Stage,
    StageLimit,
)
from scipark.investment.tables import fund_leverage_of
from scipark.investment.testing import TODAY

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_move_a_project_from_lead_to_production_through_the_pages(inv: Inv) -> None:
    client = signed_in(inv.staff)
    response = client.post(
        reverse("investment:project_add"),
        {
            "park": inv.world.park.pk,
            "name": "高原药材提取物基地",
            "investor": "成都某药业有限公司",
            "origin": "other_province",
            "origin_province": "四川省",
            "industry": "2710",
            "planned_investment": "30000",
            "channel": "fair",
            "source_event": "青洽会",
            "is_industrial": "on",
            "found_on": (TODAY - dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(name="高原药材提取物基地")
    url = reverse("investment:project_step", args=[project.pk])
    day = TODAY.isoformat()
    steps = [
        ("engage", {"happened_on": day}),
        ("sign", {"signed_on": day, "amount_signed": "30000", "signing_party": "成都某药业有限公司", "event": "青洽会"}),
        ("land", {"happened_on": day, "site": "经二路 8 号"}),
        ("start", {"happened_on": day}),
        ("produce", {"happened_on": day, "new_name": "青海高原药材提取物有限公司", "new_credit_code": credit_code_from_number(91)}),
    ]  # fmt: skip
    for action, data in steps:
        project.refresh_from_db()
        page = client.get(url, {"action": action})
        assert page.status_code == 200
        response = client.post(
            url + f"?action={action}", {"version": project.version, "step": action, **data}
        )
        assert response.status_code == 302, (action, response.content.decode()[:3000])
    project.refresh_from_db()
    assert project.stage == Stage.PRODUCING
    assert Enterprise.objects.filter(name="青海高原药材提取物有限公司", park=inv.world.park).exists()
    detail = client.get(project.get_absolute_url()).content.decode()
    # Defect seen in the browser: the enterprise it became was plain text, not a way to its registry page.
    enterprise = Enterprise.objects.get(name="青海高原药材提取物有限公司")
    registry_page = reverse("enterprises:enterprise_detail", args=[enterprise.pk])
    assert f'<a href="{registry_page}" data-testid="enterprise-link">青海高原药材提取物有限公司</a>' in detail
    assert client.get(registry_page).status_code == 200


def test_a_stale_step_answers_409(inv: Inv) -> None:
    project = inv.project(Stage.LEAD)
    client = signed_in(inv.staff)
    url = reverse("investment:project_step", args=[project.pk]) + "?action=engage"
    assert client.post(url, {"version": 1, "happened_on": TODAY.isoformat()}).status_code == 302
    response = client.post(url, {"version": 1, "happened_on": TODAY.isoformat()})
    assert response.status_code == 409
    assert "该记录已被他人修改" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["project_list", "dashboard", "board", "fund_list", "loan_list", "listing_list", "round_list"]
)
def test_lists_open_for_staff_and_leaders(inv: Inv, name: str) -> None:
    inv.project(Stage.TALKS)
    for user in (inv.staff, inv.world.user("park_leader")):
        assert signed_in(user).get(reverse(f"investment:{name}")).status_code == 200
    assert signed_in(inv.staff).get(reverse(f"investment:{name}") + "?export=xlsx").status_code in (200, 404)


def test_enterprises_never_see_the_pipeline(inv: Inv) -> None:
    project = inv.project(Stage.TALKS)
    client = signed_in(inv.world.user("enterprise_user"))
    for name in ("project_list", "dashboard", "board", "fund_list"):
        assert client.get(reverse(f"investment:{name}")).status_code == 403
    assert client.get(project.get_absolute_url()).status_code == 404  # out of its reach


def test_an_enterprise_reports_a_loan_and_staff_confirm_it(inv: Inv) -> None:
    product = LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    client = signed_in(inv.world.user("enterprise_user"))
    response = client.post(
        reverse("investment:loan_add"),
        {"enterprise": inv.world.enterprise.pk, "product": product.pk, "bank": "青海银行", "amount": "300",
         "rate": "3.5", "granted_on": TODAY.isoformat(), "term_months": "12"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    loan = Loan.objects.get()
    assert loan.status == Confirmation.REPORTED
    page = signed_in(inv.staff).get(reverse("investment:loan_list")).content.decode()
    assert 'data-testid="confirm"' in page
    response = signed_in(inv.staff).post(
        reverse("investment:loan_confirm", args=[loan.pk]), {"version": loan.version}
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.status == Confirmation.CONFIRMED
    other = signed_in(inv.world.user("enterprise_user")).get(reverse("investment:loan_list")).content.decode()
    assert "青海银行" in other


def test_a_contract_amendment_is_taken_from_its_page(inv: Inv) -> None:
    """Defect: the amendment's note went to the step twice (as the note and in the form's data): a 500."""
    project = inv.project(Stage.SIGNED, signed=YI)
    client = signed_in(inv.staff)
    url = reverse("investment:project_step", args=[project.pk]) + "?action=amend"
    data = {"version": project.version, "step": "amend", "signed_on": TODAY.isoformat(),
            "amount_signed": "12000", "note": "追加二期设备"}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(project.contracts.values_list("revision", "amount")) == [(1, YI), (2, 120_000_000)]


def test_the_page_offers_only_the_steps_the_user_may_take_now(inv: Inv) -> None:
    """Defect: staff were offered 签约审批 when the next level was the leader's (a 403 on click), and 签约
    while approvals were pending (refused on save)."""
    ApprovalLevel.objects.create(park=inv.world.park, order=1, title="招商部初审", approver="staff")
    ApprovalLevel.objects.create(park=inv.world.park, order=2, title="分管领导审批", approver="leader")
    project = inv.project(Stage.TALKS)
    staff, leader = signed_in(inv.staff), signed_in(inv.world.user("park_leader"))

    def buttons(client: Client) -> set[str]:
        page = client.get(project.get_absolute_url()).content.decode()
        return {a for a in ("approve", "sign", "terminate") if f'data-testid="step-{a}"' in page}

    assert buttons(staff) == {"approve", "terminate"} and buttons(leader) == set()
    Approval.objects.create(project=project, level=ApprovalLevel.objects.get(order=1), decided_on=TODAY)
    assert buttons(staff) == {"terminate"} and buttons(leader) == {"approve"}
    Approval.objects.create(project=project, level=ApprovalLevel.objects.get(order=2), decided_on=TODAY)
    assert buttons(staff) == {"sign", "terminate"} and buttons(leader) == set()


def test_the_forms_carry_bootstraps_classes(inv: Inv) -> None:
    """Defect seen at 390 px: the investment forms rendered bare browser inputs (no form-control)."""
    project = inv.project(Stage.SIGNED, signed=YI)
    client = signed_in(inv.staff)
    for url, select in (
        (reverse("investment:project_add"), True),
        (reverse("investment:project_edit", args=[project.pk]), True),
        (reverse("investment:project_step", args=[project.pk]) + "?action=land", False),
        (reverse("investment:funds_add", args=[project.pk]), True),
        (reverse("investment:loan_add"), True),
    ):
        page = client.get(url).content.decode()
        assert 'class="form-control' in page, url
        assert not select or 'class="form-select' in page, url


def test_the_fund_list_shows_each_funds_leverage_as_its_page_computes_it(inv: Inv) -> None:
    """Defect: the fund list asked for each fund's projects, contracts and money row by row (an N+1) and
    showed every fund on one page. It now reads them as annotations and pages like every list; the numbers
    must still be ``fund_leverage``'s: an amended contract counts at its latest revision, a project without
    a contract at its planned total, a terminated project and money put in an enterprise not at all."""
    park = inv.world.park
    fund = Fund.objects.create(
        park=park, name="青海生物产业基金", manager="某资本", size=5 * YI, set_up_on=TODAY
    )
    idle = Fund.objects.create(park=park, name="青海空转基金", manager="某资本", size=YI, set_up_on=TODAY)
    signed = inv.project(Stage.SIGNED, name="甲", signed=YI, fund=fund)
    Contract.objects.create(project=signed, revision=2, signed_on=TODAY, amount=3 * YI, signing_party="甲方")
    lead = inv.project(Stage.LEAD, name="乙", planned=2 * YI, fund=fund)
    gone = inv.project(Stage.TERMINATED, name="丙", planned=9 * YI, fund=fund)
    for project, amount in ((signed, YI / 2), (lead, YI / 2), (gone, YI)):
        FundInvestment.objects.create(fund=fund, project=project, amount=amount, invested_on=TODAY)
    FundInvestment.objects.create(fund=fund, enterprise=inv.world.enterprise, amount=YI, invested_on=TODAY)

    listed: dict[int, Any] = {f.pk: f for f in selectors.fund_list(user=inv.staff)}
    parts = ("project_count", "project_investment", "fund_money")
    assert tuple(getattr(listed[fund.pk], a) for a in parts) == (2, 5 * YI, YI)  # (3亿+2亿) ÷ (0.5亿+0.5亿)
    assert fund_leverage_of(listed[fund.pk]) == selectors.fund_leverage(fund).leverage == 5
    assert (listed[idle.pk].project_count, fund_leverage_of(listed[idle.pk])) == (0, None)

    page = signed_in(inv.staff).get(reverse("investment:fund_list")).content.decode()
    assert "青海生物产业基金" in page and "5.0" in page and 'data-testid="result-count"' in page
    small = signed_in(inv.staff).get(reverse("investment:fund_list"), {"per_page": 1}).content.decode()
    assert ("青海生物产业基金" in small) + ("青海空转基金" in small) == 1  # one fund a page: paginated
    export = signed_in(inv.staff).get(reverse("investment:fund_list"), {"export": "xlsx"})
    assert export.status_code == 200


def test_a_listing_reported_twice_on_the_page_is_a_form_error(inv: Inv) -> None:
    """The duplicate listing (same enterprise, exchange and board) is refused on the form, not a 500."""
    body = {"enterprise": inv.world.enterprise.pk, "exchange": "青海股权交易中心", "board": "科技创新专板",
            "listed_on": "2023-06-01"}  # fmt: skip
    client = signed_in(inv.staff)
    assert client.post(reverse("investment:listing_add"), body).status_code == 302
    again = client.post(reverse("investment:listing_add"), {**body, "listed_on": "2023-07-01"})
    assert again.status_code == 400  # the form again, with the error on the board
    page = again.content.decode()
    assert (
        'invalid-feedback d-block">该企业在「青海股权交易中心科技创新专板」的挂牌已经登记' in page
    )  # under 板块
    assert Listing.objects.count() == 1


def test_the_overview_reminds_of_projects_past_their_stages_time_limit(inv: Inv) -> None:
    """Reminders: a project that sat in its stage longer than the park's limit for it is listed with the
    days over; one within the limit, a stage without a limit and a finished project are not."""
    park = inv.world.park
    StageLimit.objects.create(park=park, stage=Stage.TALKS, days=30)
    StageLimit.objects.create(park=inv.world.other_park, stage=Stage.LEAD, days=1)  # another park's rule
    inv.project(Stage.TALKS, name="滞留项目", since=TODAY - dt.timedelta(days=45))
    inv.project(Stage.TALKS, name="按期项目", since=TODAY - dt.timedelta(days=30))
    inv.project(Stage.LEAD, name="无时限项目", since=TODAY - dt.timedelta(days=400))
    page = signed_in(inv.staff).get(reverse("investment:dashboard")).content.decode()
    reminders = page[page.index('data-testid="overdue"') :].split("</ul>")[0]
    assert "滞留项目" in reminders and "超期 15 天(时限 30 天)" in reminders
    assert "按期项目" not in reminders and "无时限项目" not in reminders

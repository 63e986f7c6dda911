"""The department's settings through its pages: approval levels, stage limits, reserve bands (in 亿元),
annual targets, loan products, and funds with partners and investments; refused to leaders and
enterprises; a stale fund edit answers 409."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scipark.investment.models import (
    ApprovalLevel,
    Fund,
    FundInvestment,
    FundPartner,
    LoanProduct,
    ReserveBand,
    Stage,
    StageLimit,
    Target,
)

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def posted(client: Client, name: str, data: dict[str, Any], *args: Any) -> Any:
    response = client.post(reverse(f"investment:{name}", args=args), data)
    assert response.status_code == 302, (name, response.content.decode()[:3000])
    return response


def test_staff_set_the_parks_rules_through_the_pages(inv: Inv) -> None:
    client = signed_in(inv.staff)
    park = inv.world.park.pk
    assert client.get(reverse("investment:settings")).status_code == 200
    posted(
        client, "approval_level_set", {"park": park, "order": 1, "title": "招商部初审", "approver": "staff"}
    )
    posted(
        client,
        "approval_level_set",
        {"park": park, "order": 2, "title": "分管领导审批", "approver": "leader"},
    )
    posted(
        client, "approval_level_set", {"park": park, "order": 2, "title": "主任审定", "approver": "leader"}
    )
    assert list(ApprovalLevel.objects.filter(park=park).values_list("order", "title")) == [
        (1, "招商部初审"),
        (2, "主任审定"),
    ]
    posted(client, "stage_limit_set", {"park": park, "stage": "talks", "days": 90})
    assert StageLimit.objects.get(park=park, stage="talks").days == 90
    posted(client, "stage_limit_set", {"park": park, "stage": "talks", "days": ""})
    assert not StageLimit.objects.filter(park=park).exists()
    posted(client, "reserve_band_set", {"park": park, "label": "10亿–30亿元", "lower": "10", "upper": "30"})
    assert ReserveBand.objects.get(park=park).lower == 10 * YI
    clash = client.post(
        reverse("investment:reserve_band_set"),
        {"park": park, "label": "20亿–40亿元", "lower": "20", "upper": "40"},
    )
    assert clash.status_code == 400 and "重叠" in clash.content.decode()
    posted(client, "target_set", {"park": park, "year": 2023, "indicator": "signed_amount", "value": "20"})
    posted(client, "target_set", {"park": park, "year": 2023, "indicator": "landed_industrial", "value": "6"})
    targets = dict(Target.objects.filter(park=park).values_list("indicator", "value"))
    assert targets == {"signed_amount": 20 * YI, "landed_industrial": Decimal(6)}
    fair = client.post(
        reverse("investment:target_set"),
        {"park": park, "year": 2023, "indicator": "event_signed_amount", "value": "20"},
    )
    assert fair.status_code == 400 and "展会/会议" in fair.content.decode()
    posted(client, "loan_product_add", {"park": park, "name": "科创贷", "is_active": "on"})
    product = LoanProduct.objects.get(park=park)
    posted(
        client,
        "loan_product_edit",
        {"name": "科创贷", "description": "科技型企业信用贷款", "version": 1},
        product.pk,
    )
    product.refresh_from_db()
    assert product.description == "科技型企业信用贷款" and not product.is_active
    page = client.get(reverse("investment:settings")).content.decode()
    assert "主任审定" in page and "10亿–30亿元" in page and "科创贷" in page


def test_staff_add_a_fund_its_partners_and_investments(inv: Inv) -> None:
    client = signed_in(inv.staff)
    data = {"park": inv.world.park.pk, "name": "青海生物医药产业基金", "kind": "industrial", "manager": "某资本",
            "size": "50000", "set_up_on": "2022-03-01", "status": "operating"}  # fmt: skip
    posted(client, "fund_add", data)
    fund = Fund.objects.get(name="青海生物医药产业基金")
    edit = {**{k: v for k, v in data.items() if k != "park"}, "manager": "某资本管理有限公司", "version": 1}
    posted(client, "fund_edit", edit, fund.pk)
    stale = client.post(reverse("investment:fund_edit", args=[fund.pk]), {**edit, "version": 1})
    assert stale.status_code == 409
    posted(client, "fund_partner_add", {"name": "省引导基金", "commitment": "10000", "share": "60",
                                        "is_guidance_fund": "on"}, fund.pk)  # fmt: skip
    over = client.post(
        reverse("investment:fund_partner_add", args=[fund.pk]),
        {"name": "某银行", "commitment": "10000", "share": "50"},
    )
    assert over.status_code == 400 and "100%" in over.content.decode()
    assert FundPartner.objects.filter(fund=fund).count() == 1
    project = inv.project(Stage.SIGNED, fund=fund, planned=4 * YI, signed=4 * YI)
    posted(client, "fund_investment_add", {"project": project.pk, "amount": "5000",
                                           "invested_on": "2023-01-05"}, fund.pk)  # fmt: skip
    assert FundInvestment.objects.get(fund=fund).amount == 50_000_000
    page = client.get(fund.get_absolute_url()).content.decode()
    assert "某资本管理有限公司" in page and "杠杆倍数 8.0" in page


def test_leaders_and_enterprises_do_not_change_the_settings(inv: Inv) -> None:
    fund = Fund.objects.create(
        park=inv.world.park, name="基金", manager="某资本", size=YI, set_up_on="2022-01-01"
    )
    leader = signed_in(inv.world.user("park_leader"))
    assert leader.get(reverse("investment:settings")).status_code == 200  # leaders read
    for name in ("approval_level_set", "target_set", "fund_add", "loan_product_add"):
        assert leader.get(reverse(f"investment:{name}")).status_code == 403, name
    assert leader.get(reverse("investment:fund_edit", args=[fund.pk])).status_code == 403
    assert 'data-testid="fund-edit"' not in leader.get(fund.get_absolute_url()).content.decode()
    enterprise = signed_in(inv.world.user("enterprise_user"))
    for name in ("settings", "approval_level_set", "target_set", "fund_add"):
        assert enterprise.get(reverse(f"investment:{name}")).status_code == 403, name
    assert enterprise.get(reverse("investment:fund_edit", args=[fund.pk])).status_code == 404
    foreign = signed_in(inv.other_staff)
    refused = foreign.post(
        reverse("investment:approval_level_set"),
        {"park": inv.world.park.pk, "order": 1, "title": "初审", "approver": "staff"},
    )
    assert refused.status_code == 400  # not a park of theirs: not among the choices
    assert not ApprovalLevel.objects.exists()


def test_an_amount_target_is_named_without_a_unit_its_value_contradicts(inv: Inv) -> None:
    """The settings page read “省外到位资金(元) 16.00 亿元”: the indicator's name carried the stored unit while
    the target is typed and shown in 亿元. The name carries no unit; the value its 亿元."""
    client = signed_in(inv.staff)
    posted(
        client,
        "target_set",
        {
            "park": inv.world.park.pk,
            "year": timezone.localdate().year,
            "indicator": "funds_other_province",
            "value": "16",
        },
    )
    page = client.get(reverse("investment:settings")).content.decode()
    assert "省外到位资金" in page and "16.00 亿元" in page and "省外到位资金(元)" not in page
    form = client.get(reverse("investment:target_set")).content.decode()
    assert "(元)" not in form and "金额类指标填亿元" in form
    client.cookies["django_language"] = "en"
    page = client.get(reverse("investment:settings")).content.decode()
    assert "Funds in place from other provinces" in page and "(yuan)" not in page

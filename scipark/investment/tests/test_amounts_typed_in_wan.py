"""Investment's forms take amounts in 万元, as the lists, the details and the dashboard show them: the forms
asked for 计划总投资(元), 贷款金额(元) …, so a 5亿 project was typed as 500000000, or as 50000 by someone
thinking in 万元 and recorded as 5万. Every amount of every form reads (万元), is stored in 元, and comes
back on the edit page in 万元 as it was typed."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.test import Client
from django.urls import reverse
from django.utils import translation

from scipark.core.forms import WanYuanField
from scipark.investment import forms as investment_forms
from scipark.investment.models import (
    Contract,
    EquityRound,
    Fund,
    FundInvestment,
    FundPartner,
    FundsInPlace,
    Listing,
    Loan,
    LoanProduct,
    Project,
    Stage,
)
from scipark.investment.testing import TODAY

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def amount_fields(form_class: Any) -> dict[str, forms.Field]:
    """The form's decimal fields that name a money unit (not 亩, %, months)."""
    with translation.override("zh-hans"):
        return {
            name: field
            for name, field in form_class.base_fields.items()
            if isinstance(field, forms.DecimalField) and "元" in str(field.label)
        }


FORMS: list[Any] = [
    investment_forms.ProjectForm,
    investment_forms.StepForm,
    investment_forms.FundsForm,
    investment_forms.financing_form(Loan),
    investment_forms.financing_form(EquityRound),
    investment_forms.financing_form(Listing),
    investment_forms.FundForm,
    investment_forms.FundPartnerForm,
    investment_forms.FundInvestmentForm,
]


@pytest.mark.parametrize("form_class", FORMS, ids=lambda f: f.__name__)
def test_every_amount_of_every_form_is_typed_in_wan(form_class: Any) -> None:
    fields = amount_fields(form_class)
    if form_class.__name__ != "ListingForm":
        assert fields
    for name, field in fields.items():
        assert isinstance(field, WanYuanField), (form_class.__name__, name)
        with translation.override("zh-hans"):
            assert "(万元" in str(field.label) and "(元" not in str(field.label), str(field.label)
        with translation.override("en"):
            assert "(10,000 yuan" in str(field.label), str(field.label)


def test_a_project_typed_in_wan_is_stored_in_yuan_and_edited_in_wan(inv: Inv) -> None:
    client = signed_in(inv.staff)
    data = {"park": inv.world.park.pk, "name": "高原药材提取物基地", "investor": "成都某药业有限公司",
            "origin": "other_province", "origin_province": "四川省", "industry": "2710",
            "planned_investment": "50000", "expected_output": "12345.67", "channel": "fair",
            "source_event": "青洽会", "found_on": TODAY.isoformat()}  # fmt: skip
    response = client.post(reverse("investment:project_add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = Project.objects.get(name="高原药材提取物基地")
    assert project.planned_investment == 5 * YI
    assert project.expected_output == Decimal("123456700.00")
    page = client.get(reverse("investment:project_edit", args=[project.pk])).content.decode()
    assert "计划总投资(万元)" in page and "计划总投资(元)" not in page
    assert 'name="planned_investment" value="50000"' in page
    assert 'name="expected_output" value="12345.67"' in page
    assert "E+" not in page and "50000.000000" not in page
    # The project's page says it in the unit it was typed in.
    detail = client.get(project.get_absolute_url()).content.decode()
    assert "计划总投资(万元)" in detail and ">50,000<" in detail and "500,000,000.00" not in detail


def test_a_negative_amount_or_one_with_too_many_places_is_refused_at_its_field(inv: Inv) -> None:
    client = signed_in(inv.staff)
    project = inv.project(Stage.SIGNED)
    url = reverse("investment:funds_add", args=[project.pk])
    base = {"arrived_on": TODAY.isoformat(), "source_class": "other_province", "kind": "paid_in"}
    for typed, words in [
        ("-5", "金额不能为负数。"),
        ("1.1234567", "小数不超过 6 位"),
        ("0", "到位金额须大于 0。"),
    ]:
        response = client.post(url, {**base, "amount": typed})
        assert response.status_code == 400, typed
        assert words in " ".join(response.context["form"].errors["amount"]), response.context["form"].errors
        assert f'value="{typed}"' in response.content.decode()
    assert not FundsInPlace.objects.exists()
    assert client.post(url, {**base, "amount": "8000"}).status_code == 302
    assert FundsInPlace.objects.get().amount == Decimal("80000000.00")


def test_a_contract_is_signed_in_wan(inv: Inv) -> None:
    project = inv.project(Stage.TALKS)
    client = signed_in(inv.staff)
    url = reverse("investment:project_step", args=[project.pk]) + "?action=sign"
    page = client.get(url).content.decode()
    assert "合同投资额(万元)" in page
    data = {"version": project.version, "step": "sign", "signed_on": TODAY.isoformat(), "amount_signed": "30000",
            "signing_party": project.investor}  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Contract.objects.get(project=project).amount == 3 * YI


def test_an_enterprise_reports_a_loan_in_wan(inv: Inv) -> None:
    product = LoanProduct.objects.create(park=inv.world.park, name="科创贷")
    client = signed_in(inv.world.user("enterprise_user"))
    page = client.get(reverse("investment:loan_add")).content.decode()
    assert "贷款金额(万元)" in page
    response = client.post(
        reverse("investment:loan_add"),
        {"enterprise": inv.world.enterprise.pk, "product": product.pk, "bank": "青海银行", "amount": "300",
         "rate": "3.5", "granted_on": TODAY.isoformat(), "term_months": "12"},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Loan.objects.get().amount == Decimal("3000000.00")


def test_a_funds_size_commitment_and_investment_are_typed_in_wan(inv: Inv) -> None:
    client = signed_in(inv.staff)
    data = {"park": inv.world.park.pk, "name": "青海生物医药产业基金", "kind": "industrial", "manager": "某资本",
            "size": "100000", "set_up_on": "2022-03-01", "status": "operating"}  # fmt: skip
    assert client.post(reverse("investment:fund_add"), data).status_code == 302
    fund = Fund.objects.get()
    assert fund.size == 10 * YI
    page = client.get(reverse("investment:fund_edit", args=[fund.pk])).content.decode()
    assert 'name="size" value="100000"' in page
    partner = {"name": "西宁市引导基金", "commitment": "20000", "share": "20", "is_guidance_fund": "on"}
    response = client.post(reverse("investment:fund_partner_add", args=[fund.pk]), partner)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FundPartner.objects.get().commitment == 2 * YI
    project = inv.project(Stage.SIGNED)
    invest = {"project": project.pk, "amount": "5000", "invested_on": TODAY.isoformat()}
    response = client.post(reverse("investment:fund_investment_add", args=[fund.pk]), invest)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert FundInvestment.objects.get().amount == YI / 2
    detail = client.get(fund.get_absolute_url()).content.decode()
    assert "认缴出资(万元)" in detail and ">20,000<" in detail and ">5,000<" in detail

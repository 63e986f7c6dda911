"""Services: bad input refused with a Chinese message naming the field and nothing half-saved; funds in
place against the contract; fund shares; financing reported by enterprises and confirmed by staff."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from scipark.core.access import AccessDenied
from scipark.core.services import ConflictError
from scipark.investment import services
from scipark.investment.models import (
    Confirmation,
    Fund,
    FundPartner,
    FundsInPlace,
    Loan,
    LoanProduct,
    Project,
    ReserveBand,
    Stage,
    StageChange,
)
from scipark.investment.testing import TODAY

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


def lead_data(**extra: Any) -> dict[str, Any]:
    return {
        "name": "超声电池检测设备组装基地",
        "investor": "深圳某新能源科技有限公司",
        "origin": "other_province",
        "origin_province": "广东省",
        "planned_investment": Decimal("1.5") * YI,
        "channel": "fund",
        **extra,
    }


def test_a_lead_is_recorded_with_its_first_timeline_entry(inv: Inv) -> None:
    project = services.project_create(user=inv.staff, park=inv.world.park, data=lead_data())
    assert project.stage == Stage.LEAD and project.stage_since == TODAY
    assert list(StageChange.objects.filter(project=project).values_list("action", "to_stage")) == [
        ("create", "lead")
    ]


def test_the_duplicate_check_ignores_case_and_spaces(inv: Inv) -> None:
    services.project_create(user=inv.staff, park=inv.world.park, data=lead_data())
    with pytest.raises(ValidationError) as caught:
        services.project_create(
            user=inv.staff,
            park=inv.world.park,
            data=lead_data(name=" 超声电池检测设备组装基地 ", investor="深圳某新能源科技有限公司 "),
        )
    assert "同名项目" in caught.value.message_dict["name"][0]
    assert Project.objects.count() == 1
    # Another park may follow the same investor's project.
    services.project_create(user=inv.other_staff, park=inv.world.other_park, data=lead_data())


def test_an_out_of_province_lead_names_its_province(inv: Inv) -> None:
    with pytest.raises(ValidationError) as caught:
        services.project_create(user=inv.staff, park=inv.world.park, data=lead_data(origin_province=""))
    assert "origin_province" in caught.value.message_dict


def test_only_the_investment_department_records_leads(inv: Inv, world: Any) -> None:
    for user in (world.user("economy_staff"), world.user("enterprise_user"), inv.other_staff):
        with pytest.raises(AccessDenied):
            services.project_create(user=user, park=world.park, data=lead_data())


def test_editing_a_project_needs_the_version_read(inv: Inv) -> None:
    project = inv.project()
    services.project_update(user=inv.staff, project=project.pk, version=1, data={"chain": "新能源"})
    with pytest.raises(ConflictError):
        services.project_update(user=inv.staff, project=project.pk, version=1, data={"chain": "医药"})
    assert Project.objects.get(pk=project.pk).chain == "新能源"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"arrived_on": TODAY, "amount": -1, "source_class": "other_province"}, "amount"),
        ({"arrived_on": TODAY + dt.timedelta(days=1), "amount": 1, "source_class": "abroad"}, "arrived_on"),
        ({"arrived_on": TODAY, "amount": 1, "source_class": "mars"}, "source_class"),
        ({"arrived_on": TODAY, "amount": 3 * YI, "source_class": "other_province"}, "amount"),  # > contract
    ],
)
def test_bad_funds_in_place_are_refused(inv: Inv, data: dict[str, Any], field: str) -> None:
    project = inv.project(Stage.SIGNED, planned=2 * YI)
    with pytest.raises(ValidationError) as caught:
        services.funds_record(user=inv.staff, project=project.pk, data=data)
    assert field in caught.value.message_dict
    assert not FundsInPlace.objects.exists()


def test_funds_over_the_contract_need_a_note(inv: Inv) -> None:
    project = inv.project(Stage.LANDED, planned=2 * YI)
    services.funds_record(
        user=inv.staff,
        project=project.pk,
        data={"arrived_on": TODAY, "amount": 2 * YI, "source_class": "other_province"},
    )
    # the contract in 万元, as the form beside the message takes the amount (it read 200,000,000.00 元)
    with pytest.raises(ValidationError, match=r"超过合同投资额\(20,000 万元\)"):
        services.funds_record(
            user=inv.staff,
            project=project.pk,
            data={"arrived_on": TODAY, "amount": 1, "source_class": "abroad"},
        )
    services.funds_record(
        user=inv.staff,
        project=project.pk,
        data={"arrived_on": TODAY, "amount": 1, "source_class": "abroad", "note": "设备超预算追加"},
    )
    assert FundsInPlace.objects.filter(project=project).count() == 2


def test_funds_need_a_signed_project(inv: Inv) -> None:
    project = inv.project(Stage.TALKS)
    with pytest.raises(ValidationError, match="签约后"):
        services.funds_record(
            user=inv.staff,
            project=project.pk,
            data={"arrived_on": TODAY, "amount": 1, "source_class": "abroad"},
        )


def test_fund_shares_may_not_pass_100_percent(inv: Inv) -> None:
    fund = services.fund_save(
        user=inv.staff,
        park=inv.world.park,
        data={"name": "测试产业基金", "manager": "某资本", "size": 5 * YI, "set_up_on": TODAY},
    )
    services.fund_partner_add(user=inv.staff, fund=fund, data={"name": "甲", "commitment": YI, "share": 60})
    with pytest.raises(ValidationError) as caught:
        services.fund_partner_add(
            user=inv.staff, fund=fund, data={"name": "乙", "commitment": YI, "share": 41}
        )
    assert "share" in caught.value.message_dict
    with pytest.raises(ValidationError):
        services.fund_partner_add(
            user=inv.staff, fund=fund, data={"name": "丙", "commitment": YI, "share": 101}
        )
    services.fund_partner_add(user=inv.staff, fund=fund, data={"name": "乙", "commitment": YI, "share": 40})
    assert FundPartner.objects.filter(fund=fund).count() == 2
    with pytest.raises(AccessDenied):
        services.fund_save(user=inv.other_staff, fund=fund, version=1, data={"manager": "别人"})
    assert Fund.objects.get(pk=fund.pk).manager == "某资本"


def test_fund_investments_stay_in_the_funds_park(inv: Inv) -> None:
    fund = Fund.objects.create(park=inv.world.park, name="基金", manager="某", size=YI, set_up_on=TODAY)
    foreign = inv.project(park=inv.world.other_park)
    with pytest.raises(ValidationError) as caught:
        services.fund_investment_add(
            user=inv.staff, fund=fund, data={"project": foreign.pk, "amount": 1, "invested_on": TODAY}
        )
    assert "project" in caught.value.message_dict


def test_reserve_bands_may_not_overlap(inv: Inv) -> None:
    park = inv.world.park
    services.reserve_band_save(user=inv.staff, park=park, label="10–30亿", lower=10 * YI, upper=30 * YI)
    with pytest.raises(ValidationError, match="重叠"):
        services.reserve_band_save(user=inv.staff, park=park, label="20亿以上", lower=20 * YI)
    services.reserve_band_save(user=inv.staff, park=park, label="30亿以上", lower=30 * YI)
    assert ReserveBand.objects.filter(park=park).count() == 2


@pytest.fixture
def product(inv: Inv) -> LoanProduct:
    return services.loan_product_save(user=inv.staff, park=inv.world.park, data={"name": "科创贷"})


def loan_data(the_product: LoanProduct, **extra: Any) -> dict[str, Any]:
    return {
        "product": the_product.pk,
        "bank": "青海银行",
        "amount": Decimal(3_000_000),
        "rate": Decimal("3.65"),
        "granted_on": TODAY,
        "term_months": 12,
        **extra,
    }


def test_an_enterprise_reports_its_loan_and_staff_confirm_it(
    inv: Inv, product: LoanProduct, world: Any
) -> None:
    user = world.user("enterprise_user")
    loan = services.financing_report(
        user=user, model=Loan, enterprise=world.enterprise, data=loan_data(product)
    )
    assert loan.status == Confirmation.REPORTED
    with pytest.raises(AccessDenied):  # an enterprise confirms nothing itself
        services.financing_confirm(user=user, model=Loan, record=loan.pk, version=loan.version)
    with pytest.raises(AccessDenied):  # nor reports for another enterprise
        services.financing_report(
            user=user, model=Loan, enterprise=world.other_enterprise, data=loan_data(product)
        )
    services.financing_update(user=user, model=Loan, record=loan.pk, version=1, data={"bank": "中国银行"})
    confirmed = services.financing_confirm(user=inv.staff, model=Loan, record=loan.pk, version=2)
    assert confirmed.status == Confirmation.CONFIRMED and confirmed.confirmed_by == inv.staff
    with pytest.raises(ValidationError, match="已由招商部门确认"):
        services.financing_update(user=user, model=Loan, record=loan.pk, version=3, data={"bank": "工商银行"})
    with pytest.raises(ConflictError):
        services.financing_reject(user=inv.staff, model=Loan, record=loan.pk, version=2, reason="金额有误")


def test_staff_records_count_at_once(inv: Inv, product: LoanProduct, world: Any) -> None:
    loan = services.financing_report(
        user=inv.staff, model=Loan, enterprise=world.other_enterprise, data=loan_data(product)
    )
    assert loan.status == Confirmation.CONFIRMED


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"amount": -100}, "amount"),
        ({"granted_on": TODAY + dt.timedelta(days=3)}, "granted_on"),
        ({"bank": ""}, "bank"),
        ({"product": None}, "product"),
    ],
)
def test_bad_loans_are_refused(
    inv: Inv, product: LoanProduct, world: Any, extra: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.financing_report(
            user=world.user("enterprise_user"),
            model=Loan,
            enterprise=world.enterprise,
            data=loan_data(product, **extra),
        )
    assert field in caught.value.message_dict
    assert not Loan.objects.exists()


def test_the_introducer_is_personal_data_masked_in_the_change_log(inv: Inv, client_for: Any) -> None:
    """The introducer (引进人) is a person's name: the audit admin sees that it changed, not to what."""
    from django.urls import reverse

    from scipark.core.changelog import Masked, masked_fields

    assert masked_fields(Project)["introducer"] == Masked.PERSONAL
    project = inv.project(Stage.LEAD, name="高原藜麦深加工项目")
    services.project_update(
        user=inv.staff, project=project, version=project.version, data={"introducer": "郑秋菊"}
    )
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "引进人" in page and "〔已隐去〕" in page  # which field changed, not to what
    assert "郑秋菊" not in page


def test_a_duplicate_saved_between_the_check_and_the_save_is_refused_not_a_server_error(
    inv: Inv, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people recording the same lead at once: both pass the duplicate check, the database's unique
    constraint stops the second, which gets the check's message naming the field (not a 500)."""
    from scipark.investment.services import projects as project_services

    data = {"name": "高原藜麦深加工项目", "investor": "西宁某食品有限公司", "origin": "in_province",
            "planned_investment": YI}  # fmt: skip
    services.project_create(user=inv.staff, park=inv.world.park, data=data)
    monkeypatch.setattr(project_services, "_duplicate", lambda *args, **kwargs: None)  # the check ran first
    with pytest.raises(ValidationError) as caught:
        services.project_create(user=inv.staff, park=inv.world.park, data=data)
    assert "同名项目" in caught.value.message_dict["name"][0]
    assert Project.objects.filter(name="高原藜麦深加工项目").count() == 1

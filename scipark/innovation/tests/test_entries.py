"""The entry pages of IP, certificates, awards, standards, incubators, stays and the libraries' records: the innovation department adds
and edits, an enterprise user only its own enterprise's rows, other staff read; a stale page answers
409; bad input is refused with a Chinese message naming the field and nothing written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from scipark.innovation.models import (
    Achievement,
    Award,
    Incubation,
    Incubator,
    IntellectualProperty,
    LedStandard,
    Policy,
    RdInstitution,
    TechArchive,
    TierCertificate,
)
from scipark.innovation.testing import FILLED

pytestmark = pytest.mark.django_db

PATENT = {
    "owner_name": "青海测试药业有限公司",
    "kind": "invention",
    "number": "ZL202210000009.1",
    "title": "一种青稞β-葡聚糖的提取方法",
    "applied_on": "2022-01-05",
    "granted_on": "2023-03-01",
    "status": "granted",
}


def add_patent(client: Any, enterprise: Any, **changes: Any) -> Any:
    data = {**PATENT, "enterprise": enterprise.pk, **changes}
    return client.post(reverse("innovation:record_add", args=["patents"]), data)


def errors_of(response: Any) -> dict[str, list[str]]:
    return dict(response.context["form"].errors)


def test_innovation_staff_add_a_patent_and_the_enterprise_edits_its_own(world: Any, client_for: Any) -> None:
    staff = client_for("innovation_staff")
    assert add_patent(staff, world.other_enterprise).status_code == 302
    ip = IntellectualProperty.objects.get(number="ZL202210000009.1")
    assert ip.park_id == world.park.pk and ip.enterprise_id == world.other_enterprise.pk

    firm = client_for("enterprise_user")
    assert add_patent(firm, world.enterprise, number="ZL202210000010.1").status_code == 302
    own = IntellectualProperty.objects.get(number="ZL202210000010.1")
    edit = reverse("innovation:record_edit", args=["patents", own.pk])
    assert firm.get(edit).status_code == 200
    data = {**PATENT, "enterprise": world.enterprise.pk, "number": own.number, "title": "改名后的专利"}
    assert firm.post(edit, {**data, "version": own.version}).status_code == 302
    own.refresh_from_db()
    assert own.title == "改名后的专利"
    # Another firm's row is out of its reach; giving its own row away is refused.
    assert firm.get(reverse("innovation:record_edit", args=["patents", ip.pk])).status_code == 404
    gave = firm.post(edit, {**data, "enterprise": world.other_enterprise.pk, "version": own.version})
    assert gave.status_code == 400 and "enterprise" in errors_of(gave)
    assert add_patent(firm, world.other_enterprise, number="ZL202210000011.1").status_code == 400
    assert not IntellectualProperty.objects.filter(number="ZL202210000011.1").exists()


def test_other_staff_read_but_do_not_enter(world: Any, client_for: Any) -> None:
    reader = client_for("economy_staff")
    assert reader.get(reverse("innovation:record_add", args=["patents"])).status_code == 403
    assert add_patent(reader, world.enterprise).status_code == 403
    assert not IntellectualProperty.objects.exists()


def test_a_stale_page_answers_409_and_keeps_the_other_change(world: Any, client_for: Any) -> None:
    staff = client_for("innovation_staff")
    add_patent(staff, world.enterprise)
    ip = IntellectualProperty.objects.get()
    edit = reverse("innovation:record_edit", args=["patents", ip.pk])
    data = {**PATENT, "enterprise": world.enterprise.pk}
    assert staff.post(edit, {**data, "title": "甲", "version": ip.version}).status_code == 302
    stale = staff.post(edit, {**data, "title": "乙", "version": ip.version})
    assert stale.status_code == 409
    ip.refresh_from_db()
    assert ip.title == "甲"


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"granted_on": "2021-12-31"}, "granted_on", "授权日期不能早于申请日期"),
        ({"number": "CN12345"}, "number", "格式有误"),
        ({"number": "ZL202220000009.1"}, "number", "类型位"),  # a utility model's number on an invention
        ({"granted_on": "", "status": "granted"}, "granted_on", "请填写授权"),
    ],
)
def test_bad_patents_are_refused_naming_the_field(
    world: Any, client_for: Any, changes: dict[str, str], field: str, words: str
) -> None:
    answer = add_patent(client_for("innovation_staff"), world.enterprise, **changes)
    assert answer.status_code == 400
    assert words in " ".join(errors_of(answer)[field])
    assert not IntellectualProperty.objects.exists()


def test_certificates_expiring_before_their_grant_are_refused(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    add = reverse("innovation:certificate_add")
    data = {"enterprise": world.enterprise.pk, "tier": "high_tech", "number": "GR202363000123",
            "granted_on": "2023-12-12", "expires_on": "2023-01-01"}  # fmt: skip
    refused = firm.post(add, data)
    assert refused.status_code == 400
    assert "有效期不能早于认定日期" in " ".join(errors_of(refused)["expires_on"])
    assert not TierCertificate.objects.exists()
    assert firm.post(add, {**data, "expires_on": "2026-12-11"}).status_code == 302
    held = TierCertificate.objects.get()
    assert (held.enterprise_id, held.expires_on) == (world.enterprise.pk, dt.date(2026, 12, 11))


def test_library_records_refuse_negative_amounts_and_dates_out_of_order(world: Any, client_for: Any) -> None:
    staff = client_for("innovation_staff")
    add = reverse("innovation:record_add", args=["achievements"])
    data = {"title": "牦牛乳酪蛋白提取工艺", "holder": "青海大学", "maturity": "pilot",
            "registered_on": "2023-02-01", "converted_on": "2023-06-01", "conversion_amount": "-1"}  # fmt: skip
    refused = staff.post(add, data)
    assert refused.status_code == 400
    assert errors_of(refused)["conversion_amount"] == ["金额不能为负数。"]
    early = staff.post(add, {**data, "conversion_amount": "10", "converted_on": "2023-01-01"})
    assert "转化日期不能早于登记日期" in " ".join(errors_of(early)["converted_on"])
    assert not Achievement.objects.exists()
    assert staff.post(add, {**data, "conversion_amount": "10"}).status_code == 302
    assert Achievement.objects.get().conversion_amount == Decimal(100000)


def test_staff_only_records_refuse_the_enterprise_user(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    assert firm.get(reverse("innovation:record_add", args=["policies"])).status_code == 403
    assert firm.get(reverse("innovation:stay_add")).status_code == 403
    staff = client_for("innovation_staff")
    policy = {"title": "青海省科技型企业培育办法", "issuer": "青海省科学技术厅", "level": "provincial",
              "published_on": "2023-03-01"}  # fmt: skip
    assert staff.post(reverse("innovation:record_add", args=["policies"]), policy).status_code == 302
    assert Policy.objects.get().park_id == world.park.pk


def test_a_stay_is_a_date_range_in_order(world: Any, client_for: Any) -> None:
    incubator = Incubator.objects.create(
        park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1), area_m2=Decimal(5000),
        incubatee_area_m2=Decimal(4000),
    )  # fmt: skip
    staff = client_for("innovation_staff")
    add = reverse("innovation:stay_add")
    data = {"incubator": incubator.pk, "enterprise": world.enterprise.pk, "entered_on": "2022-04-01",
            "left_on": "2021-04-01", "outcome": "graduated"}  # fmt: skip
    refused = staff.post(add, data)
    assert refused.status_code == 400
    assert "离孵日期不能早于入孵日期" in " ".join(errors_of(refused)["left_on"])
    assert staff.post(add, {**data, "left_on": "", "outcome": ""}).status_code == 302
    assert Incubation.objects.get().left_on is None


def test_an_archives_amounts_read_with_thousands_separators(world: Any, client_for: Any) -> None:
    """The Chinese locale groups no digits: 1200000.00 was shown as one unbroken number (screenshot); the
    amounts read in 万元, as the form takes them (30,000,000 元 → 3,000)."""
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023, **FILLED)
    page = client_for("enterprise_user").get(archive.get_absolute_url()).content.decode()
    assert '资产总额(万元)</th><td class="text-end">3,000<' in page
    assert '研发费用总额(万元)</th><td class="text-end">120<' in page
    assert "1200000" not in page and "(元)" not in page


def _incubator(world: Any, **changes: Any) -> dict[str, Any]:
    return {"name": "生物园众创空间", "kind": "comprehensive", "level": "municipal", "opened_on": "2020-01-01",
            "area_m2": "3000", "incubatee_area_m2": "2400", "seed_fund": "150", "staff": "8",
            "professional_staff": "4", **changes}  # fmt: skip


def test_the_innovation_department_keeps_the_parks_incubators(world: Any, client_for: Any) -> None:
    staff = client_for("innovation_staff")
    add = reverse("innovation:incubator_add")
    over = staff.post(add, _incubator(world, incubatee_area_m2="3500", professional_staff="9"))
    assert over.status_code == 400
    errors = errors_of(over)
    assert "在孵企业使用面积不能大于孵化场地面积" in " ".join(errors["incubatee_area_m2"])
    assert "专业孵化服务人员数不能多于管理机构人员数" in " ".join(errors["professional_staff"])
    negative = staff.post(add, _incubator(world, seed_fund="-1"))
    assert errors_of(negative)["seed_fund"] == ["金额不能为负数。"]
    assert not Incubator.objects.exists()
    made = staff.post(add, _incubator(world, operator=world.enterprise.pk))
    incubator = Incubator.objects.get()
    assert made.status_code == 302 and made["Location"] == incubator.get_absolute_url()
    assert (incubator.park_id, incubator.operator_id) == (world.park.pk, world.enterprise.pk)
    edit = reverse("innovation:incubator_edit", args=[incubator.pk])
    detail = staff.get(incubator.get_absolute_url()).content.decode()
    assert edit in detail and "种子资金(万元) 150<" in detail and "3,000.00" in detail  # typed as 150 万元
    data = _incubator(world, name="生物园孵化器", operator=world.enterprise.pk)
    assert staff.post(edit, {**data, "version": incubator.version}).status_code == 302
    assert staff.post(edit, {**data, "name": "乙", "version": incubator.version}).status_code == 409
    incubator.refresh_from_db()
    assert incubator.name == "生物园孵化器"
    # The list offers the new-incubator page to the department, not to an enterprise user (refused).
    assert add in staff.get(reverse("innovation:incubator_list")).content.decode()
    firm = client_for("enterprise_user")
    assert add not in firm.get(reverse("innovation:incubator_list")).content.decode()
    assert firm.get(add).status_code == 403 and firm.get(edit).status_code == 403
    assert client_for("economy_staff").get(add).status_code == 403


def test_an_enterprise_records_its_awards_and_standards(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    award = {"enterprise": world.enterprise.pk, "name": "青海省科学技术进步奖", "level": "provincial",
             "rank": "0", "granted_on": "2023-11-20"}  # fmt: skip
    refused = firm.post(reverse("innovation:award_add"), award)
    assert refused.status_code == 400 and "rank" in errors_of(refused)
    assert firm.post(reverse("innovation:award_add"), {**award, "rank": "2"}).status_code == 302
    won = Award.objects.get()
    assert (won.enterprise_id, won.rank, won.park_id) == (world.enterprise.pk, 2, world.park.pk)
    other = firm.post(reverse("innovation:award_add"), {**award, "enterprise": world.other_enterprise.pk})
    assert other.status_code == 400 and "enterprise" in errors_of(other)

    standard = {"enterprise": world.enterprise.pk, "code": "T/QHYX 099-2023", "title": "牦牛骨胶原蛋白肽",
                "level": "group", "published_on": "2023-09-01"}  # fmt: skip
    assert firm.post(reverse("innovation:standard_add"), standard).status_code == 302
    led = LedStandard.objects.get()
    edit = reverse("innovation:standard_edit", args=[led.pk])
    assert firm.post(edit, {**standard, "level": "industry", "version": led.version}).status_code == 302
    stale = firm.post(edit, {**standard, "level": "national", "version": led.version})
    assert stale.status_code == 409
    led.refresh_from_db()
    assert led.level == "industry"
    # Both show on the enterprise's own page, with their entry and edit links.
    portal = firm.get(reverse("innovation:portal")).content.decode()
    for text in (
        "青海省科学技术进步奖",
        "T/QHYX 099-2023",
        edit,
        reverse("innovation:award_edit", args=[won.pk]),
    ):
        assert text in portal
    # Another firm's rows are out of reach; other staff read them and may not enter any.
    outsider = client_for("economy_staff")
    assert outsider.get(reverse("innovation:award_add")).status_code == 403
    assert outsider.get(edit).status_code == 403


def test_rd_institutions_are_entered_as_the_platform_librarys_records(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    portal = firm.get(reverse("innovation:portal")).content.decode()
    add = reverse("innovation:record_add", args=["platforms"])
    assert add in portal
    data = {"enterprise": world.enterprise.pk, "name": "青稞功能食品研发中心", "kind": "rd_centre",
            "level": "municipal", "approved_on": "2023-04-01"}  # fmt: skip
    assert firm.post(add, data).status_code == 302
    platform = RdInstitution.objects.get()
    assert platform.enterprise_id == world.enterprise.pk
    assert "青稞功能食品研发中心" in firm.get(reverse("innovation:portal")).content.decode()


def test_a_records_amounts_read_with_thousands_separators(world: Any, client_for: Any) -> None:
    record = Achievement.objects.create(
        park=world.park, title="牦牛乳酪蛋白提取工艺", holder="青海大学", conversion_amount=Decimal("12500000"),
    )  # fmt: skip
    page = client_for("innovation_staff").get(
        reverse("innovation:record_detail", args=["achievements", record.pk])
    )
    text = page.content.decode()
    assert '转化金额(万元)</th><td class="text-break">1,250<' in text and "12500000" not in text


def test_a_librarys_import_page_links_back_to_its_list(world: Any, client_for: Any) -> None:
    page = client_for("innovation_staff").get(reverse("innovation:policies_import")).content.decode()
    assert f'href="{reverse("innovation:library_list", args=["policies"])}"' in page and "返回政策库" in page

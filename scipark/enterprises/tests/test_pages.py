"""Registry pages: list search and filters, xlsx export, detail masking and audit, edit rules."""

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook

from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise
from scipark.enterprises.models import Contact, Enterprise, EnterpriseStatus, Industry, Tag

LIST = "/enterprises/"


def names(response):
    return {row.record.name for row in response.context["table"].page.object_list}


@pytest.fixture
def registry(world):
    """A few more enterprises in the park: wholesale, above scale, incubating, tagged, formula-like name."""
    wholesale = make_enterprise(
        world.park,
        10,
        '=HYPERLINK("x")批发有限公司',
        industry=Industry.objects.get(code="5151"),
        activity_type="wholesale",
        short_name="批发",
        registered_capital=12_345_600,
    )
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise,
        kind=EnterpriseStatus.Kind.ABOVE_SCALE_INDUSTRY,
        valid_from=dt.date(2020, 1, 1),
    )
    EnterpriseStatus.objects.create(
        enterprise=world.other_enterprise,
        kind=EnterpriseStatus.Kind.INCUBATION,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2020, 12, 31),
    )
    tag = Tag.objects.create(park=world.park, name="医药产业链")
    world.other_enterprise.tags.add(tag)
    return {"wholesale": wholesale, "tag": tag}


def test_the_list_shows_only_the_parks_enterprises(world, client_for):
    response = client_for("environment_staff").get(LIST)
    assert response.status_code == 200
    assert names(response) == {world.enterprise.name, world.other_enterprise.name}


def test_search_matches_a_partial_chinese_name_the_short_name_and_the_credit_code(
    world, client_for, registry
):
    client = client_for("economy_staff")
    assert names(client.get(LIST, {"q": "胶囊"})) == {world.other_enterprise.name}
    assert names(client.get(LIST, {"q": "批发"})) == {registry["wholesale"].name}
    code = world.enterprise.credit_code
    assert names(client.get(LIST, {"q": code[-8:].lower()})) == {world.enterprise.name}


def test_search_never_reaches_another_parks_enterprise(world, client_for):
    assert names(client_for("economy_staff").get(LIST, {"q": "南川"})) == set()


def test_filters_by_industry_activity_type_current_statuses_and_tag(world, client_for, registry):
    client = client_for("economy_staff")
    assert names(client.get(LIST, {"industry_section": "F"})) == {registry["wholesale"].name}
    assert names(client.get(LIST, {"industry_division": "27"})) == {
        world.enterprise.name,
        world.other_enterprise.name,
    }
    assert names(client.get(LIST, {"activity_type": "wholesale"})) == {registry["wholesale"].name}
    assert names(client.get(LIST, {"above_scale": "yes"})) == {world.enterprise.name}
    assert world.enterprise.name not in names(client.get(LIST, {"above_scale": "no"}))
    assert names(client.get(LIST, {"incubating": "yes"})) == set()  # the period ended in 2020
    assert names(client.get(LIST, {"tag": registry["tag"].pk})) == {world.other_enterprise.name}


def test_columns_sort(world, client_for, registry):
    response = client_for("economy_staff").get(LIST, {"sort": "-credit_code"})
    codes = [row.record.credit_code for row in response.context["table"].page.object_list]
    assert codes == sorted(codes, reverse=True)


def export(client, params):
    response = client.get(LIST, {**params, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_export_has_chinese_headers_money_in_wan_yuan_and_the_same_filters(world, client_for, registry):
    rows = export(client_for("economy_staff"), {"activity_type": "wholesale"})
    header, *data = rows
    assert header[0] == "企业名称" and "注册资本(万元)" in header
    assert len(data) == 1
    assert data[0][header.index("注册资本(万元)")] == 1234.56
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count() == 1


def test_export_escapes_cells_that_would_start_a_formula(world, client_for, registry):
    rows = export(client_for("economy_staff"), {"q": "HYPERLINK"})
    assert rows[1][0].startswith("'=")


def test_export_is_refused_to_roles_without_export(world, client_for):
    assert client_for("zone_viewer").get(LIST, {"export": "xlsx"}).status_code == 403


def test_the_detail_page_masks_contacts_for_roles_that_do_not_need_them(world, client_for):
    Contact.objects.create(enterprise=world.enterprise, name="张三丰", phone="13812345678")
    body = client_for("environment_staff").get(f"/enterprises/{world.enterprise.pk}/").content.decode()
    assert "138****5678" in body and "张**" in body and "13812345678" not in body
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).exists()


def test_unmasked_contacts_are_shown_and_recorded_exactly_once(world, client_for):
    Contact.objects.create(enterprise=world.enterprise, name="张三丰", phone="13812345678")
    Contact.objects.create(enterprise=world.enterprise, name="李四", phone="13900000000")
    body = client_for("service_staff").get(f"/enterprises/{world.enterprise.pk}/").content.decode()
    assert "13812345678" in body
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL)
    assert events.count() == 1
    assert events.get().object_id == str(world.enterprise.pk) and events.get().username == "service_staff"


def test_the_detail_page_shows_the_change_history(world, client_for):
    client = client_for("economy_staff")
    client.post(
        f"/enterprises/{world.enterprise.pk}/edit/",
        {**form_data(world.enterprise), "short_name": "测试药业"},
    )
    body = client.get(f"/enterprises/{world.enterprise.pk}/").content.decode()
    assert "economy_staff" in body and "测试药业" in body


def test_another_parks_enterprise_is_a_404(world, client_for):
    assert client_for("economy_staff").get(f"/enterprises/{world.foreign_enterprise.pk}/").status_code == 404
    assert client_for("enterprise_user").get(f"/enterprises/{world.other_enterprise.pk}/").status_code == 404


def test_environment_staff_may_not_edit(world, client_for):
    assert client_for("environment_staff").get(f"/enterprises/{world.enterprise.pk}/edit/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(world, client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def form_data(enterprise, **extra):
    data = {
        "version": enterprise.version,
        "credit_code": enterprise.credit_code,
        "name": enterprise.name,
        "short_name": enterprise.short_name,
        "industry": enterprise.industry_id,
        "activity_type": enterprise.activity_type,
        "status": enterprise.status,
    }
    data.update(extra)
    return data


def test_staff_edit_an_enterprise_through_the_form(world, client_for):
    response = client_for("economy_staff").post(
        f"/enterprises/{world.enterprise.pk}/edit/", form_data(world.enterprise, name="青海测试药业集团")
    )
    assert response.status_code == 302
    assert Enterprise.objects.get(pk=world.enterprise.pk).name == "青海测试药业集团"


def test_a_stale_form_shows_the_conflict_instead_of_overwriting(world, client_for):
    client = client_for("economy_staff")
    client.post(f"/enterprises/{world.enterprise.pk}/edit/", form_data(world.enterprise, name="第一次保存"))
    response = client.post(
        f"/enterprises/{world.enterprise.pk}/edit/", form_data(world.enterprise, name="第二次保存", version=1)
    )
    assert response.status_code == 409
    assert "该记录已被他人修改" in response.content.decode()
    assert Enterprise.objects.get(pk=world.enterprise.pk).name == "第一次保存"


def test_the_form_explains_a_bad_credit_code_in_chinese(world, client_for):
    response = client_for("economy_staff").post(
        f"/enterprises/{world.enterprise.pk}/edit/", form_data(world.enterprise, credit_code="91630100ABC")
    )
    assert response.status_code == 400 and "统一社会信用代码应为18位" in response.content.decode()


def test_the_enterprise_user_form_offers_only_its_own_fields(world, client_for):
    client = client_for("enterprise_user")
    form = client.get(f"/enterprises/{world.enterprise.pk}/edit/").context["form"]
    assert set(form.fields) == {"version", "address", "website", "description"}
    response = client.post(
        f"/enterprises/{world.enterprise.pk}/edit/",
        {"version": 1, "address": "新地址", "name": "改名", "status": "deregistered"},
    )
    assert response.status_code == 302
    e = Enterprise.objects.get(pk=world.enterprise.pk)
    assert (e.address, e.name, e.status) == ("新地址", world.enterprise.name, "operating")


def test_staff_create_an_enterprise(world, client_for):
    response = client_for("economy_staff").post(
        "/enterprises/add/",
        {
            "park": world.park.pk,
            "credit_code": "91350100M000100Y43",
            "name": "新药研发有限公司",
            "industry": "2720",
            "activity_type": "industry",
            "status": "operating",
        },
    )
    assert response.status_code == 302
    assert Enterprise.objects.filter(name="新药研发有限公司", park=world.park).exists()


def test_status_periods_are_added_and_ended_through_htmx_forms(world, client_for):
    client = client_for("economy_staff")
    url = f"/enterprises/{world.enterprise.pk}/statuses/add/"
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    response = client.post(url, {"kind": "incubation", "valid_from": "2024-01-01"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 204 and response["HX-Redirect"].endswith(
        f"/enterprises/{world.enterprise.pk}/"
    )
    overlap = client.post(url, {"kind": "incubation", "valid_from": "2024-06-01"})
    assert overlap.status_code == 400 and "重叠" in overlap.content.decode()
    period = EnterpriseStatus.objects.get(enterprise=world.enterprise)
    ended = client.post(f"/enterprises/statuses/{period.pk}/end/", {"valid_to": "2024-12-31", "version": 1})
    assert ended.status_code == 302
    period.refresh_from_db()
    assert period.valid_to == dt.date(2024, 12, 31)


def test_enterprise_users_may_not_record_statuses(world, client_for):
    url = f"/enterprises/{world.enterprise.pk}/statuses/add/"
    assert client_for("enterprise_user").get(url).status_code == 403


def test_enterprise_users_add_and_edit_contacts(world, client_for):
    client = client_for("enterprise_user")
    response = client.post(
        f"/enterprises/{world.enterprise.pk}/contacts/add/", {"name": "赵六", "phone": "13700000000"}
    )
    assert response.status_code == 302
    contact = Contact.objects.get(enterprise=world.enterprise)
    response = client.post(
        f"/enterprises/contacts/{contact.pk}/edit/", {"name": "赵六", "position": "经理", "version": 1}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.position == "经理"


def test_roles_seeing_masked_contacts_cannot_open_their_edit_form(world, client_for):
    contact = Contact.objects.create(enterprise=world.enterprise, name="张三")
    assert client_for("environment_staff").get(f"/enterprises/contacts/{contact.pk}/edit/").status_code == 403
    assert client_for("other_park_staff").get(f"/enterprises/contacts/{contact.pk}/edit/").status_code == 404


def test_a_conflict_is_known_by_its_type_not_by_its_wording(world, client_for, monkeypatch):
    # The edit page used to search the message for "他人修改": any other wording came back as a 400.
    from scipark.core.services import ConflictError
    from scipark.enterprises import services

    def stale(**kwargs):
        raise ConflictError("版本已变化,请刷新后重试。")

    monkeypatch.setattr(services, "enterprise_update", stale)
    response = client_for("economy_staff").post(
        f"/enterprises/{world.enterprise.pk}/edit/", form_data(world.enterprise, name="不会保存")
    )
    assert response.status_code == 409 and "版本已变化" in response.content.decode()


def test_stale_short_forms_answer_409_and_change_nothing(world, client_for):
    period = EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2024, 1, 1)
    )
    contact = Contact.objects.create(enterprise=world.enterprise, name="张三")
    EnterpriseStatus.objects.filter(pk=period.pk).update(version=2)  # saved by someone else meanwhile
    Contact.objects.filter(pk=contact.pk).update(version=2)
    client = client_for("economy_staff")
    ended = client.post(f"/enterprises/statuses/{period.pk}/end/", {"valid_to": "2024-12-31", "version": 1})
    edited = client.post(
        f"/enterprises/contacts/{contact.pk}/edit/", {"name": "张三", "position": "经理", "version": 1}
    )
    for response in (ended, edited):
        assert response.status_code == 409
        assert "该记录已被他人修改" in response.content.decode()
    assert EnterpriseStatus.objects.get(pk=period.pk).valid_to is None
    assert Contact.objects.get(pk=contact.pk).position == ""


def test_a_contact_is_deleted_from_its_form(world, client_for):
    contact = Contact.objects.create(enterprise=world.enterprise, name="张三")
    response = client_for("enterprise_user").post(
        f"/enterprises/contacts/{contact.pk}/edit/", {"delete": "1"}
    )
    assert response.status_code == 302 and response["Location"] == f"/enterprises/{world.enterprise.pk}/"
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_the_new_enterprise_form_offers_only_the_parks_the_user_adds_to(world, client_for):
    form = client_for("economy_staff").get("/enterprises/add/").context["form"]
    assert list(form.fields["park"].queryset) == [world.park]
    assert form.fields["park"].initial == world.park.pk

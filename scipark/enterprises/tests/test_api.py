"""Registry API: reach, writes through services, mass assignment, optimistic locking, query counts."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from scipark.core.identifiers import credit_code_from_number
from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise
from scipark.enterprises.models import Contact, Enterprise, EnterpriseStatus

API = "/api/v1/enterprises/"


@pytest.fixture
def api_for(world):
    def make(persona):
        client = APIClient()
        client.force_authenticate(world.user(persona))
        return client

    return make


def ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_requests_are_401(world):
    client = APIClient()
    assert client.get(API).status_code == 401
    assert client.get("/api/v1/industries/").status_code == 401


def test_the_list_holds_only_enterprises_within_reach(world, api_for):
    assert ids(api_for("economy_staff").get(API)) == {world.enterprise.pk, world.other_enterprise.pk}
    assert ids(api_for("enterprise_user").get(API)) == {world.enterprise.pk}
    assert api_for("zone_viewer").get(API).status_code == 403


def test_search_and_filters_are_the_pages_filterset(world, api_for):
    client = api_for("economy_staff")
    assert ids(client.get(API, {"q": "胶囊"})) == {world.other_enterprise.pk}
    assert ids(client.get(API, {"industry_division": "27", "ordering": "-name"})) == {
        world.enterprise.pk,
        world.other_enterprise.pk,
    }


def test_another_parks_enterprise_is_a_404(world, api_for):
    assert api_for("economy_staff").get(f"{API}{world.foreign_enterprise.pk}/").status_code == 404


def test_staff_create_an_enterprise_through_the_service(world, api_for):
    response = api_for("economy_staff").post(
        API,
        {
            "park": world.park.pk,
            "credit_code": credit_code_from_number(500),
            "name": "接口新建企业有限公司",
            "industry": "2710",
            "activity_type": "industry",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["version"] == 1 and response.json()["industry_name"] == "化学药品原料药制造"


def test_a_bad_credit_code_is_a_400_naming_the_field(world, api_for):
    response = api_for("economy_staff").post(
        API,
        {
            "park": world.park.pk,
            "credit_code": "123",
            "name": "x",
            "industry": "2710",
            "activity_type": "industry",
        },
        format="json",
    )
    assert response.status_code == 400 and "credit_code" in response.json()


def test_creating_in_another_park_is_refused(world, api_for):
    response = api_for("economy_staff").post(
        API,
        {
            "park": world.other_park.pk,
            "credit_code": credit_code_from_number(501),
            "name": "外园",
            "industry": "2710",
            "activity_type": "industry",
        },
        format="json",
    )
    assert response.status_code in (400, 403)
    assert not Enterprise.objects.filter(name="外园").exists()


def test_an_update_needs_the_version_and_a_stale_one_is_a_409(world, api_for):
    client = api_for("economy_staff")
    url = f"{API}{world.enterprise.pk}/"
    assert client.patch(url, {"short_name": "a"}, format="json").status_code == 400
    assert client.patch(url, {"short_name": "a", "version": 1}, format="json").json()["version"] == 2
    stale = client.patch(url, {"short_name": "b", "version": 1}, format="json")
    assert stale.status_code == 409
    assert Enterprise.objects.get(pk=world.enterprise.pk).short_name == "a"


@pytest.mark.parametrize(
    "payload",
    [
        {"status": "deregistered"},
        {"credit_code": credit_code_from_number(999)},
        {"name": "改名"},
        {"park": "other_park"},
    ],
)
def test_an_enterprise_user_patching_registry_fields_writes_nothing(world, api_for, payload):
    if payload.get("park") == "other_park":
        payload = {"park": world.other_park.pk}
    before = Enterprise.objects.values().get(pk=world.enterprise.pk)
    response = api_for("enterprise_user").patch(
        f"{API}{world.enterprise.pk}/", {**payload, "address": "新地址", "version": 1}, format="json"
    )
    assert response.status_code == 400
    assert Enterprise.objects.values().get(pk=world.enterprise.pk) == before


def test_an_enterprise_user_patches_its_address(world, api_for):
    response = api_for("enterprise_user").patch(
        f"{API}{world.enterprise.pk}/", {"address": "新地址", "version": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["address"] == "新地址"


def test_environment_staff_may_not_update_and_nobody_deletes(world, api_for):
    url = f"{API}{world.enterprise.pk}/"
    assert (
        api_for("environment_staff").patch(url, {"address": "x", "version": 1}, format="json").status_code
        == 403
    )
    assert api_for("economy_staff").delete(url).status_code == 405


def test_the_list_page_of_50_takes_a_constant_number_of_queries(
    world, api_for, django_assert_max_num_queries
):
    for n in range(60):
        e = make_enterprise(world.park, 1000 + n, f"批量企业{n:03d}")
        EnterpriseStatus.objects.create(enterprise=e, kind="incubation", valid_from=dt.date(2024, 1, 1))
    client = api_for("economy_staff")
    with django_assert_max_num_queries(6):
        response = client.get(API)
    assert response.status_code == 200 and len(response.json()["results"]) == 50


def test_industries_are_readable_by_any_member(world, api_for):
    response = api_for("enterprise_user").get("/api/v1/industries/", {"parent": "27"})
    codes = {row["code"] for row in response.json()["results"]}
    assert {"271", "276", "278"} <= codes
    assert api_for("audit_admin").get("/api/v1/industries/2710/").json()["name"] == "化学药品原料药制造"


def test_statuses_are_added_and_ended_by_registry_keepers_only(world, api_for):
    payload = {"enterprise": world.enterprise.pk, "kind": "incubation", "valid_from": "2024-01-01"}
    assert (
        api_for("enterprise_user").post("/api/v1/enterprise-statuses/", payload, format="json").status_code
        == 403
    )
    created = api_for("economy_staff").post("/api/v1/enterprise-statuses/", payload, format="json")
    assert created.status_code == 201, created.json()
    again = api_for("economy_staff").post("/api/v1/enterprise-statuses/", payload, format="json")
    assert again.status_code == 400 and "valid_from" in again.json()
    end_url = f"/api/v1/enterprise-statuses/{created.json()['id']}/end/"
    assert (
        api_for("enterprise_user").post(end_url, {"valid_to": "2024-12-31"}, format="json").status_code == 403
    )
    ended = api_for("economy_staff").post(end_url, {"valid_to": "2024-12-31"}, format="json")
    assert ended.status_code == 200 and ended.json()["valid_to"] == "2024-12-31"


def test_contacts_are_masked_by_role_and_unmasked_reads_are_audited(world, api_for):
    Contact.objects.create(enterprise=world.enterprise, name="张三丰", phone="13812345678")
    masked = api_for("environment_staff").get("/api/v1/enterprise-contacts/").json()["results"][0]
    assert (masked["name"], masked["phone"], masked["masked"]) == ("张**", "138****5678", True)
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).exists()
    shown = api_for("service_staff").get("/api/v1/enterprise-contacts/").json()["results"][0]
    assert shown["phone"] == "13812345678"
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).count() == 1


def test_a_contact_cannot_be_moved_to_another_enterprise(world, api_for):
    contact = Contact.objects.create(enterprise=world.enterprise, name="张三")
    response = api_for("enterprise_user").patch(
        f"/api/v1/enterprise-contacts/{contact.pk}/",
        {"enterprise": world.other_enterprise.pk, "position": "经理", "version": 1},
        format="json",
    )
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.enterprise == world.enterprise and contact.position == "经理"


def test_enterprise_users_add_contacts_only_to_their_own_enterprise(world, api_for):
    client = api_for("enterprise_user")
    own = client.post(
        "/api/v1/enterprise-contacts/", {"enterprise": world.enterprise.pk, "name": "李四"}, format="json"
    )
    assert own.status_code == 201
    other = client.post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": world.other_enterprise.pk, "name": "李四"},
        format="json",
    )
    assert other.status_code == 400
    assert not Contact.objects.filter(enterprise=world.other_enterprise).exists()


def _stale_enterprise(world, client):
    client.patch(f"{API}{world.enterprise.pk}/", {"short_name": "先保存", "version": 1}, format="json")
    return "patch", f"{API}{world.enterprise.pk}/", {"short_name": "后保存", "version": 1}


def _stale_status_end(world, client):
    period = EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="incubation", valid_from=dt.date(2024, 1, 1)
    )
    EnterpriseStatus.objects.filter(pk=period.pk).update(version=2)  # someone else saved it meanwhile
    return "post", f"/api/v1/enterprise-statuses/{period.pk}/end/", {"valid_to": "2024-12-31", "version": 1}


def _stale_contact(world, client):
    contact = Contact.objects.create(enterprise=world.enterprise, name="张三")
    Contact.objects.filter(pk=contact.pk).update(version=2)
    return "patch", f"/api/v1/enterprise-contacts/{contact.pk}/", {"position": "经理", "version": 1}


@pytest.mark.parametrize("stale", [_stale_enterprise, _stale_status_end, _stale_contact])
def test_a_stale_version_answers_409_with_the_one_message_on_every_write(world, api_for, stale):
    client = api_for("economy_staff")
    method, url, payload = stale(world, client)
    response = getattr(client, method)(url, payload, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "该记录已被他人修改,请刷新后重试。", "code": "conflict"}
    assert not EnterpriseStatus.objects.filter(valid_to__isnull=False).exists()
    assert not Contact.objects.filter(position="经理").exists()
    assert Enterprise.objects.get(pk=world.enterprise.pk).short_name != "后保存"

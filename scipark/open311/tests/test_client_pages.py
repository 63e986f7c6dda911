"""The service department's Open311 clients pages: list, create (key shown once), revoke, export."""

import io

from openpyxl import load_workbook

from scipark.core.models import AuditEvent
from scipark.open311.client_services import client_create
from scipark.open311.keys import key_digest
from scipark.open311.models import Open311Client


def test_service_staff_create_a_client_and_see_its_key_once(world, client_for):
    browser = client_for("service_staff")
    assert browser.get("/open311/v2/clients/add/").status_code == 200
    response = browser.post(
        "/open311/v2/clients/add/", {"park": world.park.pk, "name": "园区小程序", "contact": "王工"}
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    key = response.context["key"]
    assert key in response.content.decode()
    created = Open311Client.objects.get(name="园区小程序")
    assert created.key_hash == key_digest(key) and created.created_by == world.user("service_staff")
    event = AuditEvent.objects.get(kind="api_key_issue")
    assert event.user == world.user("service_staff") and event.result == "ok"
    listing = browser.get("/open311/v2/clients/").content.decode()
    assert "园区小程序" in listing and key[:12] in listing and key not in listing


def test_a_bad_form_is_answered_with_messages_and_nothing_is_created(world, client_for):
    browser = client_for("service_staff")
    client_create(park=world.park, name="已有")
    response = browser.post("/open311/v2/clients/add/", {"park": world.park.pk, "name": "已有"})
    assert response.status_code == 400
    assert "已有名为“已有”的客户端" in response.content.decode()
    foreign = browser.post("/open311/v2/clients/add/", {"park": world.other_park.pk, "name": "越权"})
    assert foreign.status_code == 400
    assert not Open311Client.objects.filter(name="越权").exists()


def test_revoking_from_the_page_ends_the_key(world, client_for):
    own, key = client_create(park=world.park, name="园区小程序")
    browser = client_for("service_staff")
    confirm = browser.get(f"/open311/v2/clients/{own.pk}/revoke/")
    assert confirm.status_code == 200 and "确认吊销" in confirm.content.decode()
    assert browser.post(f"/open311/v2/clients/{own.pk}/revoke/").status_code == 302
    own.refresh_from_db()
    assert not own.is_active and own.revoked_by == world.user("service_staff")
    assert browser.get("/open311/v2/services.json", {"api_key": key}).status_code == 403
    assert AuditEvent.objects.filter(kind="api_key_revoke", user=world.user("service_staff")).count() == 1


def test_other_parks_clients_are_out_of_reach(world, client_for):
    foreign, _key = client_create(park=world.other_park, name="南川小程序")
    browser = client_for("service_staff")
    assert "南川小程序" not in browser.get("/open311/v2/clients/").content.decode()
    assert browser.post(f"/open311/v2/clients/{foreign.pk}/revoke/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_active


def test_leaders_read_the_list_but_only_the_service_department_manages_keys(world, client_for):
    own, _key = client_create(park=world.park, name="园区小程序")
    leader = client_for("park_leader")
    page = leader.get("/open311/v2/clients/")
    assert page.status_code == 200 and "园区小程序" in page.content.decode()
    assert 'data-testid="revoke-' not in page.content.decode()
    assert leader.get("/open311/v2/clients/add/").status_code == 403
    assert client_for("environment_staff").post(f"/open311/v2/clients/{own.pk}/revoke/").status_code == 403
    assert client_for("enterprise_user").get("/open311/v2/clients/").status_code == 403
    assert client_for("audit_admin").get("/open311/v2/clients/").status_code == 403
    own.refresh_from_db()
    assert own.is_active


def test_the_list_exports_to_xlsx_with_its_filters(world, client_for):
    client_create(park=world.park, name="园区小程序")
    gone, _key = client_create(park=world.park, name="旧热线")
    from scipark.open311.client_services import client_revoke

    client_revoke(client=gone)
    response = client_for("service_staff").get("/open311/v2/clients/", {"status": "active", "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("名称", "园区", "密钥前缀")
    assert [r[0] for r in rows[1:]] == ["园区小程序"]

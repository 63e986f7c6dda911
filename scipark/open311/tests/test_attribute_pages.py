"""The services' questions pages: the service department adds, edits and deletes; others read or not."""

from scipark.appeals.testing import make_category
from scipark.open311.models import ServiceAttribute


def test_service_staff_add_an_attribute_with_options_and_clients_see_it(world, client_for, client):
    category = make_category(world.park, "telecom")
    browser = client_for("service_staff")
    assert browser.get("/open311/v2/attributes/add/").status_code == 200
    response = browser.post(
        "/open311/v2/attributes/add/",
        {
            "category": category.pk,
            "code": "carrier",
            "datatype": "singlevaluelist",
            "required": "on",
            "variable": "on",
            "order": 1,
            "description": "涉及哪家运营商?",
            "options": "telecom=中国电信\n\nmobile = 中国移动\n",
        },
    )
    assert response.status_code == 302
    attribute = ServiceAttribute.objects.get()
    assert attribute.values == [{"key": "telecom", "name": "中国电信"}, {"key": "mobile", "name": "中国移动"}]
    definition = client.get("/open311/v2/services/telecom.json", {"jurisdiction_id": world.park.code}).json()
    assert definition["attributes"][0]["code"] == "carrier"
    assert "carrier" in browser.get("/open311/v2/attributes/").content.decode()


def test_a_bad_option_line_or_a_stale_edit_is_answered_on_the_form(world, client_for):
    category = make_category(world.park, "telecom")
    browser = client_for("service_staff")
    bad = browser.post(
        "/open311/v2/attributes/add/",
        {
            "category": category.pk,
            "code": "c",
            "datatype": "singlevaluelist",
            "order": 1,
            "description": "?",
            "options": "电信",
        },
    )
    assert bad.status_code == 400 and "第 1 行应为 key=名称" in bad.content.decode()
    attribute = ServiceAttribute.objects.create(
        category=category, code="n", datatype="number", description="人数"
    )
    form = {
        "code": "n",
        "datatype": "number",
        "order": 2,
        "description": "人数?",
        "version": attribute.version,
    }
    assert browser.post(f"/open311/v2/attributes/{attribute.pk}/", form).status_code == 302
    stale = browser.post(f"/open311/v2/attributes/{attribute.pk}/", {**form, "order": 3})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    # a form without the version it was read at cannot be checked: refused, not saved over
    missing = browser.post(f"/open311/v2/attributes/{attribute.pk}/", {**form, "version": "", "order": 4})
    assert missing.status_code == 400 and "缺少版本号" in missing.content.decode()
    attribute.refresh_from_db()
    assert attribute.order == 2 and attribute.description == "人数?"


def test_deleting_and_reach(world, client_for):
    own = ServiceAttribute.objects.create(
        category=make_category(world.park, "telecom"), code="n", datatype="number", description="人数"
    )
    foreign = ServiceAttribute.objects.create(
        category=make_category(world.other_park, "telecom"), code="n", datatype="number", description="人数"
    )
    browser = client_for("service_staff")
    assert (
        'data-testid="attribute-delete"' in browser.get(f"/open311/v2/attributes/{own.pk}/").content.decode()
    )
    assert browser.post(f"/open311/v2/attributes/{foreign.pk}/delete/").status_code == 404
    assert client_for("economy_staff").post(f"/open311/v2/attributes/{own.pk}/delete/").status_code == 403
    assert client_for("enterprise_user").get("/open311/v2/attributes/").status_code == 403
    assert browser.get(f"/open311/v2/attributes/{own.pk}/delete/").status_code == 405
    assert browser.post(f"/open311/v2/attributes/{own.pk}/delete/").status_code == 302
    assert list(ServiceAttribute.objects.all()) == [foreign]

"""GET discovery, services and service definitions, in both formats, with their errors."""

import pytest

from scipark.appeals.testing import make_category
from scipark.open311.client_services import client_revoke

from .conftest import body, child, xml


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery_names_the_endpoint_its_formats_and_how_to_get_a_key(api, fmt):
    response = api.get("discovery", fmt)
    assert response.status_code == 200
    if fmt == "json":
        doc = body(response)
        assert set(doc) == {"changeset", "contact", "key_service", "endpoints"}
        (endpoint,) = doc["endpoints"]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2"
        assert endpoint["type"] == "production"
        assert endpoint["formats"] == ["text/xml", "application/json"]
        assert doc["changeset"].endswith("+08:00")
    else:
        root = xml(response)
        assert root.tag == "discovery"
        assert [c.tag for c in root] == ["changeset", "contact", "key_service", "endpoints"]
        endpoint = child(root, "endpoints/endpoint")
        assert [c.tag for c in endpoint] == ["specification", "url", "changeset", "type", "formats"]
        assert [f.text for f in endpoint.findall("formats/format")] == ["text/xml", "application/json"]


SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_are_the_parks_active_categories(api, world, fmt):
    make_category(world.park, "finance", name="融资服务", department_kind="economy")
    make_category(world.park, "retired", name="已停用类别", is_active=False)
    response = api.get("services", fmt, jurisdiction_id=world.park.code)
    assert response.status_code == 200
    if fmt == "json":
        services = body(response)
        assert [s["service_code"] for s in services] == ["finance", "telecom"]
        finance, telecom = services
        assert list(telecom) == SERVICE_FIELDS
        assert telecom == {
            "service_code": "telecom",
            "service_name": "通信网络",
            "description": "信号、宽带等通信问题",
            "metadata": True,
            "type": "realtime",
            "keywords": "信号, 宽带, 基站",
            "group": "基础设施",
        }
        assert finance["metadata"] is False and finance["description"] is None
    else:
        root = xml(response)
        assert root.tag == "services"
        assert [s.tag for s in root] == ["service", "service"]
        telecom = root[1]
        assert [c.tag for c in telecom] == SERVICE_FIELDS
        assert telecom.findtext("metadata") == "true" and telecom.findtext("type") == "realtime"
        assert root[0].findtext("metadata") == "false"


def test_services_need_a_park_named_by_jurisdiction_id_or_by_the_key(api, world):
    missing = api.get("services")
    assert missing.status_code == 400
    assert body(missing) == [{"code": 400, "description": "缺少参数 jurisdiction_id(园区代码)或 api_key。"}]
    unknown = api.get("services", "xml", jurisdiction_id="atlantis")
    assert unknown.status_code == 404 and xml(unknown).findtext("error/code") == "404"
    by_key = body(api.get("services", api_key=api.foreign_key))
    assert [s["service_code"] for s in by_key] == ["telecom"]
    assert by_key[0]["metadata"] is False  # the other park's service has no attributes


def test_a_key_of_another_park_than_the_jurisdiction_named_is_refused(api, world):
    response = api.get("services", api_key=api.key, jurisdiction_id=world.other_park.code)
    assert response.status_code == 403


def test_a_revoked_key_cannot_read_services_either(api):
    client_revoke(client=api.client)
    assert api.get("services", api_key=api.key).status_code == 403


ATTRIBUTE_FIELDS = [
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_service_definition_lists_its_attributes_in_order(api, world, fmt):
    response = api.get("services/telecom", fmt, jurisdiction_id=world.park.code)
    assert response.status_code == 200
    if fmt == "json":
        definition = body(response)
        assert definition["service_code"] == "telecom"
        carrier, services, since, staff = definition["attributes"]
        assert list(carrier) == [*ATTRIBUTE_FIELDS, "values"]
        assert carrier["variable"] is True and carrier["required"] is True and carrier["order"] == 1
        assert carrier["datatype"] == "singlevaluelist"
        assert carrier["values"] == [
            {"key": "telecom", "name": "中国电信"},
            {"key": "mobile", "name": "中国移动"},
        ]
        assert services["datatype"] == "multivaluelist" and services["required"] is False
        assert since["datatype"] == "datetime" and "values" not in since
        assert staff == {
            "variable": True,
            "code": "staff",
            "datatype": "number",
            "required": False,
            "datatype_description": None,
            "order": 4,
            "description": "受影响人数",
        }
    else:
        root = xml(response)
        assert root.tag == "service_definition"
        assert [c.tag for c in root] == ["service_code", "attributes"]
        attributes = root.findall("attributes/attribute")
        assert [a.findtext("code") for a in attributes] == ["carrier", "services", "since", "staff"]
        assert [c.tag for c in attributes[0]] == [*ATTRIBUTE_FIELDS, "values"]
        assert [v.findtext("name") for v in attributes[0].findall("values/value")] == ["中国电信", "中国移动"]
        assert attributes[3].findtext("required") == "false"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_or_inactive_service_is_a_404_in_the_requested_format(api, world, fmt):
    make_category(world.park, "retired", is_active=False)
    for code in ("nothing", "retired"):
        response = api.get(f"services/{code}", fmt, jurisdiction_id=world.park.code)
        assert response.status_code == 404
        if fmt == "json":
            assert body(response) == [{"code": 404, "description": f"service_code“{code}”不存在。"}]
        else:
            root = xml(response)
            assert root.tag == "errors"
            assert [c.tag for c in child(root, "error")] == ["code", "description"]


def test_english_clients_get_english_errors(api):
    response = api.http.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "jurisdiction_id" in body(response)[0]["description"]
    assert "缺少" not in body(response)[0]["description"]

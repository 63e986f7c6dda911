"""End to end, as a client would do it: discover, list services, read a definition, file a request,
follow it by token and id while staff work it, in the Django test client and over real HTTP (urllib)."""

import json
import urllib.error
import urllib.parse
import urllib.request

import defusedxml.ElementTree as SafeET
import pytest

from scipark.appeals.models import Appeal
from scipark.parks.models import Department

from .conftest import take_step


def walk(call, api, world):
    """The client's journey; ``call(method, path, params) -> (status, content_type, bytes)``."""
    status, _type, raw = call("GET", "discovery.json", {})
    assert status == 200
    status, _type, raw = call("GET", "services.xml", {"jurisdiction_id": world.park.code})
    assert status == 200
    codes = [s.findtext("service_code") for s in SafeET.fromstring(raw).findall("service")]
    assert codes == ["telecom"]
    status, _type, raw = call("GET", "services/telecom.json", {"jurisdiction_id": world.park.code})
    required = [a["code"] for a in json.loads(raw)["attributes"] if a["required"]]
    assert required == ["carrier"]
    status, content_type, raw = call(
        "POST",
        "requests.json",
        {
            "api_key": api.key,
            "service_code": "telecom",
            "lat": "36.65",
            "long": "101.75",
            "attribute[carrier]": "telecom",
            "description": "企业周边电信信号弱,影响生产调度。",
            "first_name": "三",
            "last_name": "张",
        },
    )
    assert status == 201 and content_type == "application/json; charset=utf-8"
    created = json.loads(raw)[0]
    status, _type, raw = call("GET", f"tokens/{created['token']}.xml", {"api_key": api.key})
    number = SafeET.fromstring(raw).findtext("request/service_request_id")
    assert number == created["service_request_id"]

    # The park's staff work the appeal in the same workflow as every other appeal.
    staff = world.user("service_staff")
    appeal = Appeal.objects.get(number=number)
    appeal = take_step(staff, appeal, "accept")
    appeal = take_step(
        staff, appeal, "assign", lead_department=Department.objects.get(park=world.park, kind="service")
    )
    appeal = take_step(staff, appeal, "start")
    status, _type, raw = call("GET", f"requests/{number}.json", {"api_key": api.key})
    assert json.loads(raw)[0]["status_notes"] == "办理中(牵头:企业服务)"
    take_step(staff, appeal, "conclude", resolved=True, notes="运营商已新建基站。")
    status, _type, raw = call("GET", "requests.xml", {"api_key": api.key, "status": "closed"})
    request = SafeET.fromstring(raw).find("request")
    assert request.findtext("service_request_id") == number
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "已办结(已解决):运营商已新建基站。"

    status, content_type, raw = call("GET", "requests.xml", {"api_key": "o311_forged"})
    assert status == 403 and content_type == "text/xml; charset=utf-8"
    assert SafeET.fromstring(raw).findtext("error/code") == "403"


def test_a_client_files_and_follows_a_request_with_the_django_test_client(api, world):
    def call(method, path, params):
        url = f"/open311/v2/{path}"
        response = api.http.get(url, params) if method == "GET" else api.http.post(url, params)
        return response.status_code, response["Content-Type"], response.content

    walk(call, api, world)


@pytest.mark.django_db(transaction=True)
def test_a_client_files_and_follows_a_request_over_http_like_curl(live_server, api, world):
    def call(method, path, params):
        data = urllib.parse.urlencode(params).encode()
        url = f"{live_server.url}/open311/v2/{path}"
        if method == "GET":
            request = urllib.request.Request(f"{url}?{data.decode()}")
        else:
            request = urllib.request.Request(
                url, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
            )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.headers["Content-Type"], response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers["Content-Type"], error.read()

    walk(call, api, world)

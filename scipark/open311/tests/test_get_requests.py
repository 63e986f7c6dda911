"""GET requests, requests/{id} and tokens/{token}: shapes in both formats, the park and channel limits,
no personal data, the date range rules, and status/notes following the appeals workflow."""

import datetime as dt

import pytest
from django.utils import timezone

from scipark.appeals import services as appeal_services
from scipark.appeals.models import AppealChannel
from scipark.parks.models import Department

from .conftest import body, child, take_step, xml

REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
    "extended_attributes",
]


def filed_at(api, telecom, when, description="信号弱"):
    """An Open311 appeal received at ``when`` (through the appeals service, as a client would file it)."""
    appeal = appeal_services.appeal_submit(
        user=None,
        park=api.world.park,
        category=telecom,
        description=description,
        channel=AppealChannel.OPEN311,
        received_at=when,
    )
    return appeal.number


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_reads_back_with_every_field_and_no_personal_data(api, fmt):
    number = api.file(
        email="zhang@example.cn",
        first_name="三",
        last_name="张",
        phone="13800001234",
        address_string="纬二路 8 号",
        address_id="B-12",
        media_url="https://img.example.cn/a.jpg",
    )
    response = api.get(f"requests/{number}", fmt, api_key=api.key)
    assert response.status_code == 200
    text = response.content.decode()
    for personal in ("zhang@example.cn", "13800001234", "张三"):
        assert personal not in text
    if fmt == "json":
        (request,) = body(response)
        assert list(request) == REQUEST_FIELDS
        assert request["service_request_id"] == number
        assert request["status"] == "open" and request["status_notes"] == "待受理"
        assert request["agency_responsible"] == "企业服务"
        assert request["address"] == "纬二路 8 号" and request["address_id"] == "B-12"
        assert request["lat"] == 36.65 and request["long"] == 101.75
        assert request["media_url"] == "https://img.example.cn/a.jpg"
        assert request["zipcode"] is None
        for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
            assert request[name].endswith("+08:00"), name
        assert request["expected_datetime"].endswith("T23:59:59+08:00")
        assert request["extended_attributes"] == {
            "state": "submitted",
            "state_name": "待受理",
            "overdue": False,
            "closed_datetime": None,
        }
    else:
        root = xml(response)
        assert root.tag == "service_requests"
        (request,) = root.findall("request")
        assert [c.tag for c in request] == REQUEST_FIELDS
        assert request.findtext("status") == "open"
        assert request.findtext("lat") == "36.65"
        assert [c.tag for c in child(request, "extended_attributes")] == [
            "state",
            "state_name",
            "overdue",
            "closed_datetime",
        ]
        assert request.findtext("extended_attributes/overdue") == "false"


def test_the_status_and_notes_follow_the_workflow_step_by_step(api, world):
    number = api.file()
    staff = world.user("service_staff")
    economy = Department.objects.get(park=world.park, kind="economy")
    environment = Department.objects.get(park=world.park, kind="environment")

    def read():
        (request,) = body(api.get(f"requests/{number}", api_key=api.key))
        return request["status"], request["status_notes"], request["agency_responsible"]

    from scipark.appeals.models import Appeal

    appeal = Appeal.objects.get(number=number)
    appeal = take_step(staff, appeal, "accept")
    assert read() == ("open", "已受理", "企业服务")
    appeal = take_step(staff, appeal, "assign", lead_department=economy, co_departments=[environment])
    assert read() == ("open", "已转办(牵头:经济发展;协办:生态环保)", "经济发展")
    appeal = take_step(staff, appeal, "start")
    assert read() == ("open", "办理中(牵头:经济发展;协办:生态环保)", "经济发展")
    appeal = take_step(staff, appeal, "conclude", resolved=True, notes="已协调电信公司新建基站。")
    status, notes, _agency = read()
    assert status == "closed"
    assert notes == "已办结(已解决):已协调电信公司新建基站。"
    (request,) = body(api.get(f"requests/{number}", api_key=api.key))
    assert request["extended_attributes"]["state"] == "concluded"
    assert request["extended_attributes"]["closed_datetime"].endswith("+08:00")
    take_step(staff, appeal, "archive")
    assert read()[:2] == ("closed", "已归档(已解决):已协调电信公司新建基站。")


def test_a_request_sent_back_to_its_requester_says_why(api, world):
    number = api.file()
    from scipark.appeals.models import Appeal

    appeal = Appeal.objects.get(number=number)
    take_step(world.user("service_staff"), appeal, "send_back", notes="请补充具体位置。")
    (request,) = body(api.get(f"requests/{number}", api_key=api.key))
    assert request["status"] == "open"
    assert request["status_notes"] == "已退回:请补充具体位置。"
    assert request["extended_attributes"]["state"] == "sent_back"
    assert request["extended_attributes"]["state_name"] == "已退回"


def test_every_state_of_the_workflow_has_an_open311_status():
    from scipark.appeals.models import AppealState
    from scipark.open311.payloads import STATUS_OF_STATE

    assert set(STATUS_OF_STATE) == set(AppealState.values)
    assert {s for s, status in STATUS_OF_STATE.items() if status == "open"} == {
        "submitted",
        "accepted",
        "assigned",
        "in_progress",
        "sent_back",
    }


def test_an_overdue_request_says_so(api, telecom):
    number = filed_at(api, telecom, timezone.now() - dt.timedelta(days=30))
    (request,) = body(api.get(f"requests/{number}", api_key=api.key))
    assert request["status_notes"] == "待受理,已超期"
    assert request["extended_attributes"]["overdue"] is True


def test_requests_need_a_valid_key(api):
    number = api.file()
    for params, status in (({}, 403), ({"api_key": "o311_wrong"}, 403)):
        assert api.get("requests", **params).status_code == status
        assert api.get(f"requests/{number}", "xml", **params).status_code == status


def test_another_parks_key_cannot_read_this_parks_requests(api):
    number = api.file()
    assert api.get(f"requests/{number}", api_key=api.foreign_key).status_code == 404
    assert body(api.get("requests", api_key=api.foreign_key)) == []
    listed = body(api.get("requests", api_key=api.foreign_key, service_request_id=number))
    assert listed == []


def test_appeals_filed_in_the_portal_are_not_readable_through_open311(api, world, telecom):
    portal = appeal_services.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=telecom,
        enterprise=world.enterprise,
        description="保密的融资需求",
    )
    assert api.get(f"requests/{portal.number}", api_key=api.key).status_code == 404
    assert body(api.get("requests", api_key=api.key)) == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_the_list_is_newest_first_and_filters_by_id_code_and_status(api, world, telecom, fmt):
    now = timezone.now()
    old = filed_at(api, telecom, now - dt.timedelta(days=3), "三天前")
    new = filed_at(api, telecom, now - dt.timedelta(days=1), "一天前")
    from scipark.appeals.models import Appeal

    closed = Appeal.objects.get(number=old)
    staff = world.user("service_staff")
    closed = take_step(staff, closed, "accept")
    closed = take_step(
        staff, closed, "assign", lead_department=Department.objects.get(park=world.park, kind="service")
    )
    closed = take_step(staff, closed, "start")
    take_step(staff, closed, "conclude", resolved=True, notes="好了")

    def ids(**params):
        response = api.get("requests", fmt, api_key=api.key, **params)
        assert response.status_code == 200
        if fmt == "json":
            return [r["service_request_id"] for r in body(response)]
        return [r.findtext("service_request_id") for r in xml(response).findall("request")]

    assert ids() == [new, old]
    assert ids(status="open") == [new]
    assert ids(status="closed") == [old]
    assert ids(status="open,closed") == [new, old]
    assert ids(service_code="telecom") == [new, old]
    assert ids(service_code="finance") == []
    assert ids(service_request_id=f"{old},nothing") == [old]
    # service_request_id overrides the other filters, as the spec says.
    assert ids(service_request_id=old, status="open") == [old]


def test_the_default_range_is_the_last_90_days_and_a_range_may_not_span_more(api, telecom):
    now = timezone.now()
    recent = filed_at(api, telecom, now - dt.timedelta(days=89))
    ancient = filed_at(api, telecom, now - dt.timedelta(days=91))

    def ids(**params):
        response = api.get("requests", api_key=api.key, **params)
        assert response.status_code == 200, response.content
        return [r["service_request_id"] for r in body(response)]

    assert ids() == [recent]
    start = (now - dt.timedelta(days=180)).isoformat()
    assert ids(start_date=start) == [ancient]  # start + 90 days ends a day before ``recent``
    end = (now - dt.timedelta(days=90)).isoformat()
    assert ids(end_date=end) == [ancient]
    too_wide = api.get("requests", api_key=api.key, start_date=start, end_date=now.isoformat())
    assert too_wide.status_code == 400
    assert body(too_wide)[0]["description"] == "start_date 与 end_date 相隔不能超过 90 天。"
    exactly_90 = api.get(
        "requests",
        api_key=api.key,
        start_date=(now - dt.timedelta(days=90)).isoformat(),
        end_date=now.isoformat(),
    )
    assert [r["service_request_id"] for r in body(exactly_90)] == [recent]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"start_date": "2023-13-01"},
            "参数 start_date 的值“2023-13-01”不是 ISO 8601 日期时间(例如 2023-05-01T09:30:00+08:00)。",
        ),
        ({"start_date": "2023-05-02", "end_date": "2023-05-01"}, "start_date 不能晚于 end_date。"),
        ({"status": "pending"}, "参数 status 只能是 open 或 closed(可用逗号分隔),收到“pending”。"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_bad_list_parameters_are_a_400(api, fmt, params, message):
    response = api.get("requests", fmt, api_key=api.key, **params)
    assert response.status_code == 400
    if fmt == "json":
        assert body(response) == [{"code": 400, "description": message}]
    else:
        assert xml(response).findtext("error/description") == message


def test_the_list_stops_at_its_limit(api, telecom, monkeypatch):
    from scipark.open311 import selectors

    monkeypatch.setattr(selectors, "MAX_RESULTS", 2)
    now = timezone.now()
    numbers = [filed_at(api, telecom, now - dt.timedelta(hours=h)) for h in (3, 2, 1)]
    listed = [r["service_request_id"] for r in body(api.get("requests", api_key=api.key))]
    assert listed == [numbers[2], numbers[1]]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_token_leads_to_its_request_for_clients_of_the_same_park_only(api, fmt):
    response = api.post(
        "json",
        api_key=api.key,
        service_code="telecom",
        address_string="纬二路",
        **{"attribute[carrier]": "mobile"},
    )
    created = body(response)[0]
    token_response = api.get(f"tokens/{created['token']}", fmt, api_key=api.key)
    assert token_response.status_code == 200
    if fmt == "json":
        assert body(token_response) == [
            {"service_request_id": created["service_request_id"], "token": created["token"]}
        ]
    else:
        (request,) = xml(token_response).findall("request")
        assert [c.tag for c in request] == ["service_request_id", "token"]
    assert api.get(f"tokens/{created['token']}", fmt, api_key=api.foreign_key).status_code == 404
    assert api.get("tokens/0000", fmt, api_key=api.key).status_code == 404
    assert api.get(f"tokens/{created['token']}", fmt).status_code == 403


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_an_unknown_request_is_a_404(api, fmt):
    response = api.get("requests/SQ2099999999", fmt, api_key=api.key)
    assert response.status_code == 404
    if fmt == "json":
        assert body(response) == [{"code": 404, "description": "service_request_id“SQ2099999999”不存在。"}]
    else:
        assert xml(response).findtext("error/code") == "404"

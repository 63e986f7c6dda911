"""POST requests: the answer in both formats, every refusal with its status, the key rules, the rate
limit, and that the request becomes an appeal in the park's workflow."""

import json

import pytest
from django.test import Client

from scipark.appeals.models import Appeal, AppealChannel, AppealState
from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise
from scipark.open311.client_services import client_revoke
from scipark.open311.models import Submission

from .conftest import body, child, xml

VALID = {
    "service_code": "telecom",
    "lat": "36.6500",
    "long": "101.7500",
    "attribute[carrier]": "telecom",
    "description": "企业周边电信信号弱,影响生产调度。",
}


def post(api, fmt="json", **changes):
    data = {"api_key": api.key, **VALID, **changes}
    return api.post(fmt, **{k: v for k, v in data.items() if v is not None})


def test_a_request_posted_in_json_becomes_an_appeal_waiting_for_acceptance(api, world):
    response = post(
        api,
        email="zhang@example.cn",
        first_name="三",
        last_name="张",
        phone="13800001234",
        device_id="dev-1",
        account_id="acc-9",
        address_string="园区纬二路 8 号",
        media_url="https://img.example.cn/signal.jpg",
        **{
            "attribute[services][]": ["voice", "data"],
            "attribute[since]": "2023-05-01 08:00",
            "attribute[staff]": "120",
        },
    )
    assert response.status_code == 201
    (created,) = body(response)
    assert list(created) == ["service_request_id", "token", "service_notice", "account_id"]
    assert created["account_id"] == "acc-9"
    appeal = Appeal.objects.get(number=created["service_request_id"])
    assert appeal.park == world.park
    assert appeal.channel == AppealChannel.OPEN311 and appeal.state == AppealState.SUBMITTED
    assert appeal.submitted_by is None
    assert appeal.requester_name == "张三" and appeal.requester_email == "zhang@example.cn"
    assert appeal.requester_phone == "13800001234"
    assert appeal.address == "园区纬二路 8 号"
    assert str(appeal.latitude) == "36.650000" and str(appeal.longitude) == "101.750000"
    assert appeal.attributes == {
        "carrier": "telecom",
        "services": ["voice", "data"],
        "since": "2023-05-01T08:00:00+08:00",
        "staff": 120,
        "media_url": "https://img.example.cn/signal.jpg",
    }
    assert appeal.steps.get().action == "submit"
    submission = Submission.objects.get(appeal=appeal)
    assert submission.client == api.client and submission.token == created["token"]
    assert (submission.device_id, submission.account_id) == ("dev-1", "acc-9")
    expected_due = appeal.due_at.astimezone().strftime("%Y-%m-%d")
    assert created["service_notice"] == f"由企业服务在 5 个工作日内办理,办理期限 {expected_due}。"


def test_a_request_posted_in_xml_answers_in_xml(api):
    response = post(api, "xml", address_string="纬二路", lat=None, long=None)
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    (request,) = root.findall("request")
    assert [c.tag for c in request] == ["service_request_id", "token", "service_notice", "account_id"]
    assert str(request.findtext("service_request_id")).startswith("SQ")
    assert child(request, "account_id").text is None


def test_an_address_id_alone_is_a_location(api):
    response = post(api, lat=None, long=None, address_id="B-12")
    assert response.status_code == 201
    assert Submission.objects.get().address_id == "B-12"


def test_a_missing_description_gets_a_placeholder_naming_the_service(api):
    response = post(api, description=None)
    assert response.status_code == 201
    assert Appeal.objects.get().description == "(通过 Open311 客户端提交“通信网络”,未填写描述)"


@pytest.mark.parametrize(
    ("changes", "status", "message"),
    [
        ({"api_key": None}, 403, "缺少 api_key 参数。"),
        ({"api_key": "o311_not-a-key"}, 403, "api_key 无效。"),
        ({"service_code": None}, 400, "缺少参数 service_code。"),
        ({"service_code": "nothing"}, 404, "service_code“nothing”不存在。"),
        ({"lat": None, "long": None}, 400, "须提供位置:lat 与 long,或 address_string,或 address_id。"),
        ({"long": None}, 400, "参数 lat 和 long 须同时提供。"),
        ({"lat": "95"}, 400, "参数 lat 应在 -90 到 90 之间,收到“95”。"),
        ({"attribute[carrier]": None}, 400, "缺少必填参数 attribute[carrier](涉及哪家运营商?)。"),
        (
            {"attribute[carrier]": "unicom"},
            400,
            "参数 attribute[carrier] 的值“unicom”不在可选项 telecom, mobile 之中。",
        ),
        ({"attribute[staff]": "很多"}, 400, "参数 attribute[staff] 应为数字,收到“很多”。"),
        ({"attribute[since]": "昨天"}, 400, None),
        ({"attribute[colour]": "red"}, 400, "服务“telecom”没有属性 attribute[colour]。"),
        ({"attributes": "x"}, 400, "参数名“attributes”不是 attribute[代码] 的形式。"),
        ({"description": "长" * 4001}, 400, "参数 description 最多 4000 个字符,收到 4001 个。"),
        ({"email": "not-an-email"}, 400, "参数 email 不是有效的电子邮箱地址。"),
        ({"phone": "call me"}, 400, "参数 phone 只能包含数字、空格和 + - ( ),长度 3–20。"),
        ({"media_url": "ftp://x.cn/a.jpg"}, 400, "参数 media_url 应为 http 或 https 开头的网址。"),
        ({"attribute[enterprise_credit_code]": "91630100XXXXXXXXXX"}, 400, None),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_each_bad_request_is_refused_with_its_status_and_nothing_is_filed(api, fmt, changes, status, message):
    response = post(api, fmt, **changes)
    assert response.status_code == status
    if fmt == "json":
        (error,) = body(response)
        assert error["code"] == status and isinstance(error["code"], int)
        if message:
            assert error["description"] == message
    else:
        root = xml(response)
        assert root.tag == "errors"
        assert root.findtext("error/code") == str(status)
        if message:
            assert root.findtext("error/description") == message
    assert not Appeal.objects.exists() and not Submission.objects.exists()


def test_a_revoked_key_is_refused_and_the_attempt_is_audited(api):
    client_revoke(client=api.client)
    response = post(api)
    assert response.status_code == 403
    assert body(response)[0]["description"] == "api_key 已被吊销。"
    event = AuditEvent.objects.filter(kind="api_key_use").latest("id")
    assert event.result == "denied" and event.detail["reason"] == "revoked"
    assert event.object_id == str(api.client.pk)


def test_every_use_of_a_key_is_audited_with_the_client_and_the_endpoint(api):
    post(api)
    api.get("requests", api_key=api.key)
    post(api, api_key="o311_wrong")
    events = list(AuditEvent.objects.filter(kind="api_key_use").order_by("id"))
    assert [(e.result, e.detail["endpoint"], e.detail["method"]) for e in events] == [
        ("ok", "requests", "POST"),
        ("ok", "requests", "GET"),
        ("denied", "requests", "POST"),
    ]
    assert events[0].username == "open311:园区小程序" and events[0].user is None
    assert events[2].detail["key_prefix"] == "o311_wrong"


def test_the_enterprise_named_by_credit_code_must_be_in_the_clients_park(api, world):
    response = post(api, **{"attribute[enterprise_credit_code]": world.enterprise.credit_code})
    assert response.status_code == 201
    # Named, not linked: the enterprise's inbox gets it only when 企业服务 accept it.
    filed = Appeal.objects.get()
    assert (filed.claimed_enterprise, filed.enterprise) == (world.enterprise, None)
    foreign = post(api, **{"attribute[enterprise_credit_code]": world.foreign_enterprise.credit_code})
    assert foreign.status_code == 400
    assert body(foreign)[0]["description"] == (
        f"本园区没有统一社会信用代码为 {world.foreign_enterprise.credit_code} 的企业。"
    )
    assert Appeal.objects.count() == 1


def test_a_signed_in_session_does_not_stand_in_for_the_key(api, client_for):
    browser = client_for("service_staff")
    response = browser.post("/open311/v2/requests.json", VALID)
    assert response.status_code == 403
    assert not Appeal.objects.exists()


def test_posts_need_no_csrf_token_because_they_carry_no_cookie_credential(api):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/open311/v2/requests.json", {"api_key": api.key, **VALID})
    assert response.status_code == 201


def test_a_key_may_post_only_so_many_requests_a_minute(api, settings):
    settings.SCIPARK_OPEN311_POSTS_PER_MINUTE = 2
    assert post(api).status_code == 201
    assert post(api).status_code == 201
    third = post(api, "xml")
    assert third.status_code == 429
    assert xml(third).findtext("error/code") == "429"
    assert third["Retry-After"] == "60"
    assert Appeal.objects.count() == 2
    # Reads are not limited, and another park's key has its own allowance.
    assert api.get("requests", api_key=api.key).status_code == 200
    foreign = {k: v for k, v in VALID.items() if k != "attribute[carrier]"}  # no attributes there
    other = Client().post("/open311/v2/requests.json", {**foreign, "api_key": api.foreign_key})
    assert other.status_code == 201


def test_the_rate_window_starts_again_after_a_minute(api, settings):
    import datetime as dt

    from django.utils import timezone

    from scipark.open311.client_services import client_take_post_slot

    settings.SCIPARK_OPEN311_POSTS_PER_MINUTE = 1
    start = timezone.now()
    assert client_take_post_slot(client=api.client, now=start)
    assert not client_take_post_slot(client=api.client, now=start + dt.timedelta(seconds=59))
    assert client_take_post_slot(client=api.client, now=start + dt.timedelta(seconds=61))


def test_other_methods_are_refused_in_the_error_format(api):
    response = api.http.delete("/open311/v2/requests.json")
    assert response.status_code == 405
    assert body(response)[0]["code"] == 405
    assert response["Allow"] == "GET, POST, HEAD, OPTIONS"


@pytest.mark.parametrize(
    "path", ["/open311/v2/requests.yaml", "/open311/v2/requests", "/open311/v2/nothing.xml"]
)
def test_an_unknown_format_or_path_is_a_404_in_the_error_format(api, path):
    response = api.http.get(path)
    assert response.status_code == 404
    assert xml(response).findtext("error/code") == "404"


def test_an_unknown_path_with_a_json_suffix_answers_in_json(api):
    response = api.http.get("/open311/v2/nothing.json")
    assert response.status_code == 404
    assert json.loads(response.content)[0]["code"] == 404


def test_an_enterprise_in_the_park_that_is_not_the_clients_own_can_be_named(api, world):
    other = make_enterprise(world.park, 77, "青海第三家药业有限公司")
    response = post(api, **{"attribute[enterprise_credit_code]": other.credit_code})
    assert response.status_code == 201
    assert Appeal.objects.get().claimed_enterprise == other

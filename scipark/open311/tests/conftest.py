"""Fixtures of the Open311 tests: a service with attributes in the world's park, and a client's key."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
import pytest
from django.test import Client

from scipark.appeals.models import Appeal
from scipark.appeals.services import appeal_step
from scipark.appeals.testing import make_category
from scipark.core.testing import World
from scipark.open311.client_services import client_create
from scipark.open311.models import ServiceAttribute

BASE = "/open311/v2"


def take_step(user: Any, appeal: Appeal, action: str, **data: Any) -> Appeal:
    """One workflow step on ``appeal`` by ``user``, with the version stored now (as a fresh page posts)."""
    stored = Appeal.objects.get(pk=appeal.pk)
    return appeal_step(user=user, appeal=stored, action=action, version=stored.version, **data)


@dataclass
class Api:
    """A GeoReport client: the park's key, the other park's key, and helpers to call and parse."""

    world: World
    key: str
    foreign_key: str
    client: Any
    http: Client

    def get(self, path: str, fmt: str = "json", **params: Any) -> Any:
        return self.http.get(f"{BASE}/{path}.{fmt}", params)

    def post(self, fmt: str = "json", **data: Any) -> Any:
        return self.http.post(f"{BASE}/requests.{fmt}", data)

    def file(self, **overrides: Any) -> str:
        """POST a valid request and return its service_request_id."""
        data = {
            "api_key": self.key,
            "service_code": "telecom",
            "lat": "36.6500",
            "long": "101.7500",
            "attribute[carrier]": "telecom",
            "description": "企业周边电信信号弱,影响生产调度。",
        }
        data.update(overrides)
        response = self.post(**data)
        assert response.status_code == 201, response.content.decode()
        return json.loads(response.content)[0]["service_request_id"]


def xml(response: Any) -> Element:
    """The response's XML, parsed safely; checks the declaration and the content type on the way."""
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return SafeET.fromstring(response.content)


def child(element: Element, path: str) -> Element:
    """The element at ``path``, which must be there."""
    found = element.find(path)
    assert found is not None, path
    return found


def body(response: Any) -> Any:
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content.decode("utf-8"))


@pytest.fixture
def telecom(world: World) -> Any:
    """The park's 通信网络 service: a required carrier list, a multi-value list, a date-time."""
    category = make_category(
        world.park,
        "telecom",
        name="通信网络",
        description="信号、宽带等通信问题",
        group="基础设施",
        keywords="信号 宽带,基站",
        time_limit_days=5,
    )
    ServiceAttribute.objects.create(
        category=category,
        code="carrier",
        datatype="singlevaluelist",
        required=True,
        order=1,
        description="涉及哪家运营商?",
        values=[{"key": "telecom", "name": "中国电信"}, {"key": "mobile", "name": "中国移动"}],
    )
    ServiceAttribute.objects.create(
        category=category,
        code="services",
        datatype="multivaluelist",
        order=2,
        description="受影响的业务",
        values=[{"key": "voice", "name": "语音"}, {"key": "data", "name": "数据"}],
    )
    ServiceAttribute.objects.create(
        category=category, code="since", datatype="datetime", order=3, description="何时开始?"
    )
    ServiceAttribute.objects.create(
        category=category, code="staff", datatype="number", order=4, description="受影响人数"
    )
    return category


@pytest.fixture
def api(world: World, telecom: Any) -> Api:
    client, key = client_create(park=world.park, name="园区小程序")
    make_category(world.other_park, "telecom", name="通信网络")
    _foreign, foreign_key = client_create(park=world.other_park, name="南川小程序")
    return Api(world=world, key=key, foreign_key=foreign_key, client=client, http=Client())

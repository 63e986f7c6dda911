"""Innovation's refusals in the reader's language: the services, the API and the import wrote them as
Chinese literals, so a reader of the English pages (or an API client asking for English) read them in
Chinese. Each is a catalogue string now; the Chinese pages say exactly what they said before."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.core.testing import in_chinese
from scipark.innovation.models import Incubation, Incubator, TechArchive
from scipark.innovation.testing import FILLED

pytestmark = pytest.mark.django_db
BASE = "/api/v1/innovation"


def send(client: Client, url: str, data: dict[str, Any], **headers: Any) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_the_archive_form_names_a_part_above_its_whole_in_the_readers_language(world: Any) -> None:
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023)
    client = Client()
    client.force_login(world.user("enterprise_user"))
    form = {**{k: str(v) for k, v in FILLED.items()}, "tech_staff": "150", "employees": "120"}
    url = reverse("innovation:archive_edit", args=[archive.pk])

    chinese = client.post(url, {**form, "version": archive.version})
    assert chinese.status_code == 400
    assert chinese.context["form"].errors["tech_staff"] == ["科技人员数不能超过职工总数(占比不能超过100%)。"]

    client.cookies["django_language"] = "en"
    english = client.post(url, {**form, "version": archive.version})
    assert english.status_code == 400
    assert english.context["form"].errors["tech_staff"] == [
        "Science and technology staff cannot outnumber all employees (the share cannot exceed 100%)."
    ]


def test_the_api_refuses_a_malformed_patent_number_in_the_clients_language(
    world: Any, client_for: Any
) -> None:
    firm = client_for("enterprise_user")
    patent = {"enterprise": world.enterprise.pk, "owner_name": "青海测试药业有限公司", "kind": "invention",
              "number": "ZL2022", "title": "一种藏药复方制剂", "applied_on": "2022-01-05"}  # fmt: skip
    chinese = send(firm, f"{BASE}/ip/", patent)
    assert chinese.status_code == 400
    assert chinese.json()["number"] == [
        "专利号「ZL2022」格式有误,应如 ZL202310123456.7(年份+类型+流水号+校验位)。"
    ]
    english = send(firm, f"{BASE}/ip/", patent, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    assert english.json()["number"] == [
        "Patent number “ZL2022” is malformed; it should look like ZL202310123456.7"
        " (year + type + serial number + check digit)."
    ]


def test_an_overlapping_stay_is_refused_in_the_clients_language(world: Any, client_for: Any) -> None:
    incubator = Incubator.objects.create(park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1),
                                         area_m2=5000, incubatee_area_m2=4000)  # fmt: skip
    Incubation.objects.create(
        park=world.park, incubator=incubator, enterprise=world.enterprise, entered_on=dt.date(2021, 3, 1)
    )
    staff = client_for("innovation_staff")
    stay = {"incubator": incubator.pk, "enterprise": world.enterprise.pk, "entered_on": "2022-04-01"}

    chinese = send(staff, f"{BASE}/stays/", stay)
    assert chinese.status_code == 400
    assert chinese.json()["entered_on"] == ["该企业在生物园孵化器的在孵时段与此重叠。"]

    english = send(staff, f"{BASE}/stays/", stay, HTTP_ACCEPT_LANGUAGE="en")
    assert english.status_code == 400
    message = english.json()["entered_on"]
    assert message == ["This overlaps the enterprise's stay in 生物园孵化器."]
    assert not in_chinese([message[0].replace("生物园孵化器", "")])

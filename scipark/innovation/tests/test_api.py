"""The innovation API: an enterprise opens and fills its own archive and records its IP and certificates
through the same services as the pages; another enterprise's rows are out of its reach (404, and no
row written for another firm); a stale version answers 409; bad input 400 naming the field in Chinese;
experts' personal fields masked for other staff, unmasked for the innovation department and audited."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from scipark.core.models import AuditEvent
from scipark.enterprises.models import EnterpriseStatus
from scipark.innovation.models import (
    Expert,
    Incubator,
    IntellectualProperty,
    TechArchive,
    TechDemand,
    TierCertificate,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/innovation"


def send(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    return client.generic(method, url, json.dumps(data), content_type="application/json")


def ids(response: Any) -> set[int]:
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {row["id"] for row in rows}


def test_an_enterprise_fills_its_own_archive_and_cannot_reach_another(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    opened = send(firm, "POST", f"{BASE}/archives/", {"enterprise": world.enterprise.pk, "year": 2023})
    assert opened.status_code == 201, opened.content
    archive = opened.json()
    filled = send(firm, "PATCH", f"{BASE}/archives/{archive['id']}/",
                  {"version": archive["version"], "rd_expense": "1200000", "sales": "20000000"})  # fmt: skip
    assert filled.status_code == 200 and filled.json()["rd_expense"] == "1200000.00"
    stale = send(firm, "PATCH", f"{BASE}/archives/{archive['id']}/",
                 {"version": archive["version"], "sales": "1"})  # fmt: skip
    assert stale.status_code == 409
    assert TechArchive.objects.get(pk=archive["id"]).sales == 20000000

    other = TechArchive.objects.create(park=world.park, enterprise=world.other_enterprise, year=2023)
    assert ids(firm.get(f"{BASE}/archives/")) == {archive["id"]}
    assert firm.get(f"{BASE}/archives/{other.pk}/").status_code == 404
    assert send(firm, "PATCH", f"{BASE}/archives/{other.pk}/", {"version": 1}).status_code == 404
    refused = send(firm, "POST", f"{BASE}/archives/", {"enterprise": world.other_enterprise.pk, "year": 2022})
    assert refused.status_code == 403
    assert not TechArchive.objects.filter(enterprise=world.other_enterprise, year=2022).exists()


def test_ip_and_certificates_through_the_services(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    patent = {"enterprise": world.enterprise.pk, "owner_name": "青海测试药业有限公司", "kind": "invention",
              "number": "ZL202210000009.1", "title": "一种藏药复方制剂", "applied_on": "2022-01-05",
              "granted_on": "2021-01-05", "status": "granted"}  # fmt: skip
    bad = send(firm, "POST", f"{BASE}/ip/", patent)
    assert bad.status_code == 400 and "授权日期不能早于申请日期" in bad.json()["granted_on"][0]
    made = send(firm, "POST", f"{BASE}/ip/", {**patent, "granted_on": "2023-05-09"})
    assert made.status_code == 201 and made.json()["ip_class"] == "I"
    other = send(firm, "POST", f"{BASE}/ip/", {**patent, "enterprise": world.other_enterprise.pk,
                                                "number": "ZL202210000010.1"})  # fmt: skip
    assert other.status_code == 403
    assert IntellectualProperty.objects.count() == 1

    cert = {"enterprise": world.enterprise.pk, "tier": "high_tech", "number": "GR202363000123",
            "granted_on": "2023-12-12", "expires_on": "2023-01-01"}  # fmt: skip
    bad = send(firm, "POST", f"{BASE}/certificates/", cert)
    assert bad.status_code == 400 and "有效期不能早于认定日期" in bad.json()["expires_on"][0]
    assert (
        send(firm, "POST", f"{BASE}/certificates/", {**cert, "expires_on": "2026-12-11"}).status_code == 201
    )
    assert TierCertificate.objects.get().expires_on == dt.date(2026, 12, 11)
    # The economy department reads them, and may not write.
    reader = client_for("economy_staff")
    assert len(ids(reader.get(f"{BASE}/certificates/"))) == 1
    assert send(reader, "POST", f"{BASE}/ip/", {**patent, "number": "ZL202210000011.1"}).status_code == 403


def test_experts_are_masked_unless_the_readers_work_needs_them(world: Any, client_for: Any) -> None:
    Expert.objects.create(park=world.park, name="张三丰", organisation="青海大学", field="中藏药",
                          phone="13912345678")  # fmt: skip
    masked = client_for("economy_staff").get(f"{BASE}/libraries/experts/").json()["results"][0]
    assert masked["name"] != "张三丰" and "12345678" not in masked["phone"]
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).exists()
    shown = client_for("innovation_staff").get(f"{BASE}/libraries/experts/").json()["results"][0]
    assert (shown["name"], shown["phone"]) == ("张三丰", "13912345678")
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.VIEW_PERSONAL).count() == 1
    # Staff-only libraries are not an enterprise user's (no rows), and another park's are not listed.
    assert ids(client_for("enterprise_user").get(f"{BASE}/libraries/experts/")) == set()
    assert ids(client_for("other_park_staff").get(f"{BASE}/libraries/experts/")) == set()


def test_the_schema_describes_the_innovation_api(world: Any, client_for: Any) -> None:
    schema = client_for("innovation_staff").get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    for path in ("archives/", "ip/", "certificates/", "evaluations/", "libraries/experts/", "stays/"):
        assert f"{BASE}/{path}" in paths


def test_stays_are_written_by_the_innovation_department_only(world: Any, client_for: Any) -> None:
    incubator = Incubator.objects.create(park=world.park, name="生物园孵化器", opened_on=dt.date(2018, 1, 1),
                                         area_m2=5000, incubatee_area_m2=4000)  # fmt: skip
    stay = {"incubator": incubator.pk, "enterprise": world.enterprise.pk, "entered_on": "2022-04-01"}
    firm = client_for("enterprise_user")
    assert send(firm, "POST", f"{BASE}/stays/", stay).status_code == 403
    assert send(client_for("economy_staff"), "POST", f"{BASE}/stays/", stay).status_code == 403
    staff = client_for("innovation_staff")
    bad = send(staff, "POST", f"{BASE}/stays/", {**stay, "left_on": "2021-01-01", "outcome": "graduated"})
    assert bad.status_code == 400 and "离孵日期不能早于入孵日期" in bad.json()["left_on"][0]
    made = send(staff, "POST", f"{BASE}/stays/", stay)
    assert made.status_code == 201, made.content
    row = made.json()
    flag = EnterpriseStatus.objects.get(enterprise=world.enterprise, kind=EnterpriseStatus.Kind.INCUBATION)
    assert (flag.valid_from, flag.valid_to) == (dt.date(2022, 4, 1), None)
    # The enterprise reads its own stay but may not change it; a stale version is a 409.
    assert firm.get(f"{BASE}/stays/{row['id']}/").status_code == 200
    graduate = {"version": row["version"], "left_on": "2023-06-30", "outcome": "graduated"}
    assert send(firm, "PATCH", f"{BASE}/stays/{row['id']}/", graduate).status_code == 403
    assert send(staff, "PATCH", f"{BASE}/stays/{row['id']}/", graduate).status_code == 200
    assert send(staff, "PATCH", f"{BASE}/stays/{row['id']}/", graduate).status_code == 409
    flag.refresh_from_db()
    assert flag.valid_to == dt.date(2023, 6, 30) and "毕业" in flag.note


def test_library_records_are_written_through_the_same_service(world: Any, client_for: Any) -> None:
    firm = client_for("enterprise_user")
    demand = {"enterprise": world.enterprise.pk, "title": "牦牛骨胶原肽纯化", "description": "纯度提升至95%",
              "published_on": "2023-03-01", "deadline": "2023-01-01"}  # fmt: skip
    bad = send(firm, "POST", f"{BASE}/libraries/demands/", demand)
    assert bad.status_code == 400 and "截止日期不能早于发布日期" in bad.json()["deadline"][0]
    made = send(firm, "POST", f"{BASE}/libraries/demands/", {**demand, "deadline": "2023-12-31"})
    assert made.status_code == 201, made.content
    row = made.json()
    other = send(firm, "POST", f"{BASE}/libraries/demands/",
                 {**demand, "deadline": "2023-12-31", "enterprise": world.other_enterprise.pk})  # fmt: skip
    assert other.status_code == 403
    changed = send(firm, "PATCH", f"{BASE}/libraries/demands/{row['id']}/",
                   {"version": row["version"], "title": "牦牛骨胶原蛋白肽纯化"})  # fmt: skip
    assert changed.status_code == 200 and changed.json()["title"] == "牦牛骨胶原蛋白肽纯化"
    stale = send(
        firm, "PATCH", f"{BASE}/libraries/demands/{row['id']}/", {"version": row["version"], "title": "乙"}
    )
    assert stale.status_code == 409
    assert TechDemand.objects.get().title == "牦牛骨胶原蛋白肽纯化"

    # Experts are the park's: the department adds them, an enterprise user and other staff may not.
    expert = {"name": "李四", "organisation": "青海大学", "field": "中藏药", "phone": "13900000002"}
    assert send(firm, "POST", f"{BASE}/libraries/experts/", expert).status_code == 403
    assert send(client_for("economy_staff"), "POST", f"{BASE}/libraries/experts/", expert).status_code == 403
    added = send(client_for("innovation_staff"), "POST", f"{BASE}/libraries/experts/", expert)
    assert added.status_code == 201, added.content
    assert Expert.objects.get().park_id == world.park.pk


def test_evaluations_are_filtered_by_enterprise_tier_and_year(world: Any, inn: Any, client_for: Any) -> None:
    """``?enterprise=`` was ignored (every evaluation in reach came back); an id outside the reader's reach
    finds nothing, as an unknown one does, and a malformed filter is refused naming it."""
    from scipark.innovation import services
    from scipark.innovation.models import Evaluation

    from .test_cultivation_batch import YEAR, _varied_park

    _varied_park(world, inn)
    services.evaluate_park(park=world.park, year=YEAR)
    firm = world.enterprise.pk
    staff = client_for("innovation_staff")
    every = staff.get(f"{BASE}/evaluations/?page_size=500").json()["count"]
    found = staff.get(f"{BASE}/evaluations/?enterprise={firm}&page_size=500").json()
    assert 0 < found["count"] == Evaluation.objects.filter(enterprise_id=firm).count() < every
    assert {row["enterprise"] for row in found["results"]} == {firm}
    one = staff.get(f"{BASE}/evaluations/?enterprise={firm}&tier=high_tech&year={YEAR}").json()
    assert one["count"] >= 1 and {(r["tier"], r["year"]) for r in one["results"]} == {("high_tech", YEAR)}
    assert ids(client_for("other_park_staff").get(f"{BASE}/evaluations/?enterprise={firm}")) == set()
    bad = staff.get(f"{BASE}/evaluations/?enterprise=abc")
    assert bad.status_code == 400 and "enterprise" in bad.json()
    assert staff.get(f"{BASE}/evaluations/?tier=nonsense").status_code == 400

"""Park pages: who sees which parks, and the aggregates a park's detail shows."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from scipark.enterprises.models import EnterpriseStatus


def test_the_zone_viewer_sees_every_park_of_the_zone_with_enterprise_counts(world, client_for):
    response = client_for("zone_viewer").get(reverse("parks:park_list"))
    assert response.status_code == 200
    rows = {p.name: p.enterprise_count for p in response.context["table"].data}
    assert rows == {world.park.name: 2, world.other_park.name: 1}


def test_staff_see_only_their_own_park(world, client_for):
    response = client_for("economy_staff").get(reverse("parks:park_list"))
    assert [p.name for p in response.context["table"].data] == [world.park.name]


def test_an_enterprise_user_sees_its_park_without_counts(world, client_for):
    response = client_for("enterprise_user").get(reverse("parks:park_list"))
    assert [p.name for p in response.context["table"].data] == [world.park.name]
    assert "enterprise_count" not in [c.name for c in response.context["table"].columns]


def test_the_audit_admin_may_not_open_the_park_pages(world, client_for):
    assert client_for("audit_admin").get(reverse("parks:park_list")).status_code == 403


def test_the_detail_shows_departments_and_counts_by_activity_type_and_status(world, client_for):
    EnterpriseStatus.objects.create(
        enterprise=world.enterprise, kind="above_scale_industry", valid_from=date(2020, 1, 1)
    )
    EnterpriseStatus.objects.create(
        enterprise=world.other_enterprise,
        kind="incubation",
        valid_from=date(2020, 1, 1),
        valid_to=date(2021, 1, 1),
    )
    url = reverse("parks:park_detail", args=[world.park.pk])
    response = client_for("zone_viewer").get(url, {"on": "2023-12-31"})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.total == 2
    assert {r.key: r.count for r in summary.by_activity_type} == {"industry": 2}
    by_kind = {r.key: r.count for r in summary.by_status_kind}
    assert by_kind["above_scale_industry"] == 1 and by_kind["incubation"] == 0
    assert len(response.context["departments"]) == 6
    assert "青海测试药业有限公司" not in response.content.decode()  # aggregates only, no enterprise


def test_another_parks_detail_is_not_found_for_staff(world, client_for):
    url = reverse("parks:park_detail", args=[world.other_park.pk])
    assert client_for("economy_staff").get(url).status_code == 404
    assert client_for("enterprise_user").get(url).status_code == 404
    assert client_for("other_park_staff").get(url).status_code == 200


def test_the_list_exports_to_xlsx_with_the_same_rows(world, client_for):
    response = client_for("zone_viewer").get(reverse("parks:park_list"), {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]

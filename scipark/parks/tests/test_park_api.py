"""The read-only API of zones, parks and departments follows the same reach as the pages."""

from __future__ import annotations

from rest_framework.test import APIClient


def api(world, persona):
    client = APIClient()
    client.force_authenticate(world.user(persona))  # the 三员 hold no API tokens (accounts.tokens)
    return client


def names(response):
    assert response.status_code == 200, response.content
    return sorted(row["name"] for row in response.json()["results"])


def test_the_zone_viewer_lists_the_zone_and_all_its_parks(world):
    client = api(world, "zone_viewer")
    assert names(client.get("/api/v1/zones/")) == [world.zone.name]
    assert names(client.get("/api/v1/parks/")) == sorted([world.park.name, world.other_park.name])
    assert len(client.get("/api/v1/departments/").json()["results"]) == 12


def test_staff_list_only_their_park_and_its_departments(world):
    client = api(world, "economy_staff")
    assert names(client.get("/api/v1/parks/")) == [world.park.name]
    departments = client.get("/api/v1/departments/").json()["results"]
    assert len(departments) == 6 and {d["park"] for d in departments} == {world.park.pk}
    assert names(client.get("/api/v1/zones/")) == [world.zone.name]


def test_another_park_is_not_found_for_staff(world):
    client = api(world, "economy_staff")
    assert client.get(f"/api/v1/parks/{world.other_park.pk}/").status_code == 404
    assert client.get(f"/api/v1/parks/{world.park.pk}/").json()["code"] == world.park.code


def test_the_api_is_read_only_and_closed_to_anonymous_and_audit_admin(world):
    assert APIClient().get("/api/v1/parks/").status_code in (401, 403)
    assert api(world, "audit_admin").get("/api/v1/parks/").status_code == 403
    response = api(world, "system_admin").post("/api/v1/parks/", {"name": "x"}, format="json")
    assert response.status_code == 405


def test_parks_filter_by_search_term(world):
    client = api(world, "zone_viewer")
    assert names(client.get("/api/v1/parks/", {"q": "南川"})) == [world.other_park.name]

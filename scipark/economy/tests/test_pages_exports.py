"""Every economy page that exports answers ``?export=xlsx`` with an .xlsx and exactly one audit event; the
route then needs EXPORT; a stale edit of a project answers 409."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.models import AuditEvent
from scipark.core.testing import World
from scipark.economy.models import FixedAssetProject

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def park(world: World) -> dict[str, Any]:
    return {"park": world.park.pk, "year": 2023, "month": 12}


EXPORTS: list[tuple[str, Any, str]] = [
    ("/economy/returns/", lambda w: {}, "economy.monthlyreturn"),
    ("/economy/returns/missing/", lambda w: {"period": "2023-12"}, "economy.missingreturn"),
    ("/economy/pipeline/", lambda w: {"park": w.park.pk}, "economy.pipeline"),
    ("/economy/", lambda w: {**park(w), "table": "headlines"}, "economy.dashboard.headlines"),
    ("/economy/", lambda w: {**park(w), "table": "changes"}, "economy.dashboard.changes"),
    ("/economy/drill/", park, "economy.monthlyreturn"),
    ("/economy/projects/", lambda w: {}, "economy.fixedassetproject"),
    ("/economy/targets/", lambda w: {}, "economy.annualtarget"),
    ("/economy/indicators/", lambda w: {}, "economy.indicator"),
]


@pytest.mark.parametrize(("url", "params", "object_type"), EXPORTS, ids=[e[2] for e in EXPORTS])
def test_an_export_is_one_xlsx_and_one_audit_event(
    world: World, client_for: Any, url: str, params: Any, object_type: str
) -> None:
    response = client_for("economy_staff").get(url, {**params(world), "export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    events = AuditEvent.objects.filter(kind__in=[AuditEvent.Kind.EXPORT, AuditEvent.Kind.VIEW_CONFIDENTIAL])
    assert [(e.kind, e.object_type) for e in events] == [(AuditEvent.Kind.EXPORT, object_type)]


def test_reading_the_drill_down_is_recorded_as_a_confidential_view_not_an_export(
    world: World, client_for: Any
) -> None:
    assert client_for("economy_staff").get("/economy/drill/", park(world)).status_code == 200
    assert list(
        AuditEvent.objects.values_list("kind", flat=True).filter(object_type="economy.monthlyreturn")
    ) == [AuditEvent.Kind.VIEW_CONFIDENTIAL]


def test_an_unknown_dashboard_table_is_not_found_and_not_recorded(world: World, client_for: Any) -> None:
    response = client_for("economy_staff").get("/economy/", {**park(world), "export": "xlsx", "table": "x"})
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).exists()


def test_a_stale_project_edit_answers_409_and_keeps_the_project(world: World, client_for: Any) -> None:
    client = client_for("economy_staff")
    data = {"park": world.park.pk, "name": "冷链物流中心", "planned_total": "800", "start_date": "2023-04-01"}
    assert client.post("/economy/projects/add/", data).status_code == 302
    project = FixedAssetProject.objects.get(name="冷链物流中心")
    url = f"/economy/projects/{project.pk}/edit/"
    edit = {**data, "version": project.version}
    assert client.post(url, {**edit, "name": "冷链物流中心一期"}).status_code == 302
    stale = client.post(url, {**edit, "name": "冷链物流中心二期"})
    assert stale.status_code == 409
    assert "已被他人修改" in stale.content.decode()
    project.refresh_from_db()
    assert project.name == "冷链物流中心一期"

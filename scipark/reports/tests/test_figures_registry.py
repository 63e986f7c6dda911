"""The figures registry (``core.figures``), the ``scipark figures`` command and the figures page."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from scipark.core import figures as registry
from scipark.core.figures import Figure, FigureSpec, Source, UnknownFigures, compute_figures, figure
from scipark.core.models import AuditEvent
from scipark.reports.figures import rows_asked


def _count_enterprises(park: Any, year: int) -> Figure:
    """A test figure computed from records: the park's enterprises registered up to the year's end."""
    rows = park.enterprises.all()
    ids = tuple(rows.values_list("pk", flat=True))
    return Figure(
        value=len(ids),
        unit="家",
        basis=f"截至{year}年末登记",
        sources=(Source("enterprises.enterprise", "园区企业", len(ids), ids),),
        details={"share": Decimal("0.5")},
    )


@pytest.fixture
def test_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", dict(registry._REGISTRY))
    monkeypatch.setitem(
        registry._REGISTRY, "Z9", FigureSpec("Z9", "测试:园区企业数", "test", _count_enterprises)
    )


def test_ids_must_look_like_figures_md_rows() -> None:
    with pytest.raises(ValueError, match="E1 or S3"):
        figure("e1", title="x", module="economy")
    with pytest.raises(ValueError, match="E1 or S3"):
        figure("E", title="x", module="economy")


def test_a_row_cannot_be_registered_by_two_functions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", {})

    def one(park: Any, year: int) -> Figure:
        return Figure(1, "个", "x")

    def two(park: Any, year: int) -> Figure:
        return Figure(2, "个", "x")

    figure("Z1", title="one", module="a")(one)
    figure("Z1", title="one", module="a")(one)  # the same function again (module re-import) is fine
    with pytest.raises(ValueError, match="registered twice"):
        figure("Z1", title="two", module="b")(two)


def test_rows_are_ordered_by_family_then_number(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", {})
    monkeypatch.setattr(registry, "discover", lambda: None)
    for row_id in ("S3", "E10", "E2", "I1"):
        registry._REGISTRY[row_id] = FigureSpec(row_id, row_id, "m", _count_enterprises)
    assert [s.row_id for s in registry.registered()] == ["E2", "E10", "I1", "S3"]


@pytest.mark.django_db
def test_compute_gives_plain_data_keyed_by_row(world: Any, test_figure: None) -> None:
    data = compute_figures(world.park, 2023, only=["Z9"])
    assert list(data) == ["Z9"]
    row = data["Z9"]
    assert row["value"] == 2  # world.park holds two enterprises
    assert row["details"] == {"share": 0.5}
    assert row["sources"][0]["count"] == 2
    assert sorted(row["sources"][0]["ids"]) == sorted([world.enterprise.pk, world.other_enterprise.pk])
    json.dumps(data)  # every value is JSON-ready


@pytest.mark.django_db
def test_command_prints_json_keyed_by_row_id(world: Any, test_figure: None) -> None:
    out = io.StringIO()
    call_command("figures", park=world.park.code, year=2023, json=True, only="z9", stdout=out)
    payload = json.loads(out.getvalue())
    assert payload["park"] == world.park.code and payload["year"] == 2023
    assert payload["figures"]["Z9"]["value"] == 2


@pytest.mark.django_db
def test_command_refuses_an_unknown_park_and_a_silly_year(world: Any) -> None:
    with pytest.raises(CommandError, match="找不到园区"):
        call_command("figures", park="nowhere", year=2023)
    with pytest.raises(CommandError, match="年份"):
        call_command("figures", park=world.park.code, year=99)


@pytest.mark.django_db
def test_page_shows_the_parks_figures_and_exports_them(
    client_for: Any, world: Any, test_figure: None
) -> None:
    client = client_for("park_leader")
    response = client.get("/reports/figures/", {"park": world.park.code, "year": 2023})
    assert response.status_code == 200
    assert "测试:园区企业数" in response.content.decode()
    response = client.get("/reports/figures/", {"park": world.park.code, "year": 2023, "export": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    z9 = next(r for r in rows if r[0] == "Z9")
    assert z9[2] == 2 and z9[5] == 2
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, object_type="reports.figure").exists()


@pytest.mark.django_db
def test_page_refuses_another_parks_figures_and_non_readers(client_for: Any, world: Any) -> None:
    leader = client_for("park_leader")
    assert leader.get("/reports/figures/", {"park": world.other_park.code}).status_code == 404
    assert client_for("enterprise_user").get("/reports/figures/").status_code == 403
    assert client_for("audit_admin").get("/reports/figures/").status_code == 403


def test_rows_asked_as_a_person_writes_them() -> None:
    assert rows_asked(" e1, S1,,e1;t2 、g3 ") == ["E1", "S1", "T2", "G3"]
    assert rows_asked("") == [] and rows_asked(None) == []


@pytest.mark.django_db
def test_unknown_rows_are_refused_by_name(world: Any, test_figure: None) -> None:
    with pytest.raises(UnknownFigures) as refused:
        compute_figures(world.park, 2023, only=["Z9", "E99", "X1"])
    assert refused.value.row_ids == ("E99", "X1")
    assert "Z9" in refused.value.known


@pytest.mark.django_db
def test_command_refuses_unknown_rows_instead_of_printing_nothing(world: Any) -> None:
    # Regression: ``scipark figures --only E9,X1`` printed nothing and exited 0.
    out = io.StringIO()
    with pytest.raises(CommandError, match="E9、X1"):
        call_command("figures", park=world.park.code, year=2023, only="E9,X1", stdout=out)
    assert out.getvalue() == ""
    with pytest.raises(CommandError, match="X1") as refused:
        call_command("figures", park=world.park.code, year=2023, only="E1,X1", stdout=out)
    assert "编号:X1(" in str(refused.value)  # E1 is known: only X1 is named as unknown


@pytest.mark.django_db
def test_page_names_unknown_rows_without_a_server_error(client_for: Any, world: Any) -> None:
    client = client_for("park_leader")
    for export in ("", "xlsx"):
        response = client.get(
            "/reports/figures/", {"park": world.park.code, "year": 2023, "only": "E9,X1", "export": export}
        )
        assert response.status_code == 400
        assert "未知的数据项编号:E9、X1" in response.content.decode()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, object_type="reports.figure").exists()


@pytest.mark.django_db
def test_page_shows_only_the_rows_asked(client_for: Any, world: Any, test_figure: None) -> None:
    response = client_for("park_leader").get("/reports/figures/", {"park": world.park.code, "only": "z9"})
    assert response.status_code == 200
    assert [f["id"] for f in response.context["figures"]] == ["Z9"]


def test_the_registry_is_whole_again_after_a_test_emptied_it(monkeypatch: pytest.MonkeyPatch) -> None:
    before = [s.row_id for s in registry.registered()]
    assert "E1" in before
    monkeypatch.setattr(registry, "_REGISTRY", {})
    assert [s.row_id for s in registry.registered()] == before

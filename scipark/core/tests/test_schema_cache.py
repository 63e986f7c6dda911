"""The API schema is built once per process and language, and the kept copy is the document itself."""

from __future__ import annotations

from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator

from scipark.core.views import schema as schema_view

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    monkeypatch.setattr(schema_view, "_SCHEMAS", {})
    calls: list[int] = []
    original = SchemaGenerator.get_schema

    def get_schema(self: SchemaGenerator, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SchemaGenerator, "get_schema", get_schema)
    return calls


def test_the_schema_is_generated_once_and_served_again(client_for: Any, counted: list[int]) -> None:
    client = client_for("economy_staff")
    first = client.get("/api/schema/?format=json")
    second = client_for("enterprise_user").get("/api/schema/?format=json")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert "/api/v1/enterprises/" in first.json()["paths"]
    assert len(counted) == 1


def test_each_language_has_its_own_document(client_for: Any, counted: list[int]) -> None:
    client = client_for("economy_staff")
    chinese = client.get("/api/schema/?format=json&lang=zh-hans")
    english = client.get("/api/schema/?format=json&lang=en")
    assert chinese.status_code == english.status_code == 200
    assert len(counted) == 2


def test_anonymous_readers_still_sign_in_first(client: Any, counted: list[int]) -> None:
    assert client.get("/api/schema/?format=json").status_code in (401, 403)
    assert counted == []

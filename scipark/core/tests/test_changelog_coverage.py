"""Change log by inheritance: every model of a scipark app is logged unless it declares why not.

The list of models is taken from Django's registry by module name, not from ``core.changelog``, so a
model the registration misses (a new app that is not a ``ModuleConfig``, a broken declaration) fails here.
Regression: Zone, Park, Department and Submission were not logged, because each app registered its
models by hand and these were forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.db.models import Model

from scipark.core.changelog import ChangeLog, declared, register
from scipark.core.models import AuditEvent


def scipark_models() -> list[type[Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("scipark.") and not m._meta.auto_created and not m._meta.proxy
    ]


def unaccounted(models: Iterable[type[Model]]) -> list[str]:
    """Models neither logged nor declared out of the log with a reason (or logged against their word)."""
    problems = []
    for model in models:
        declaration = getattr(model, "changelog", None)
        said_off = isinstance(declaration, ChangeLog) and not declaration.logged
        if auditlog.contains(model) == said_off:
            problems.append(model._meta.label)
    return problems


def test_every_scipark_model_is_logged_or_says_why_not() -> None:
    models = scipark_models()
    assert len(models) > 40
    assert unaccounted(models) == []


def test_a_model_neither_logged_nor_excluded_is_caught() -> None:
    zone = apps.get_model("parks", "Zone")
    auditlog.unregister(zone)
    try:
        assert unaccounted([zone]) == ["parks.Zone"]
    finally:
        register([zone])
    assert unaccounted([zone]) == []


@pytest.mark.parametrize(
    "label", ["parks.Zone", "parks.Park", "parks.Department", "open311.Submission", "accounts.Membership"]
)
def test_models_once_missed_are_logged(label: str) -> None:
    assert auditlog.contains(apps.get_model(label))


def test_derived_and_log_tables_are_left_out_with_a_reason() -> None:
    aggregate = apps.get_model("economy", "MonthlyAggregate")
    assert not auditlog.contains(aggregate)
    assert "派生数据" in declared(aggregate).reason
    assert not auditlog.contains(AuditEvent) and declared(AuditEvent).reason


def test_declared_options_reach_django_auditlog() -> None:
    user = apps.get_model("accounts", "User")
    assert {"password", "last_login"} <= set(auditlog.get_model_fields(user)["exclude_fields"])
    client = apps.get_model("open311", "Open311Client")
    assert "key_hash" in auditlog.get_model_fields(client)["exclude_fields"]
    # django-auditlog keeps many-to-many options only in its registry.
    m2m = {
        label: auditlog._registry[apps.get_model(label)]["m2m_fields"]
        for label in ("alliance.JointAction", "appeals.Appeal", "appeals.Visit", "enterprises.Enterprise")
    }
    assert m2m == {
        "alliance.JointAction": {"needs", "resources", "partners", "partner_orgs"},
        "appeals.Appeal": {"co_handlers"},
        "appeals.Visit": {"appeals", "staff"},
        "enterprises.Enterprise": {"tags"},
    }


def test_a_declaration_must_say_why_and_be_a_changelog() -> None:
    with pytest.raises(ValueError, match="say why"):
        ChangeLog.off(" ")

    class Odd:
        changelog = "off"
        _meta: Any = type("Meta", (), {"label": "x.Odd"})()

    with pytest.raises(TypeError, match="must be a ChangeLog"):
        declared(Odd)  # type: ignore[arg-type]


@pytest.mark.django_db
def test_a_park_change_is_logged(world: Any) -> None:
    world.park.name = "改名后的园区"
    world.park.save()
    entry = LogEntry.objects.get_for_object(world.park).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes_dict["name"][1] == "改名后的园区"

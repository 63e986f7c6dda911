"""One write path for monthly returns (issue 8 §5): the form and the import write the same revisions,
versions and change-log entries; superseded revisions move their version on; a re-import changes nothing.
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from scipark.core import middleware as request_ids
from scipark.core.imports.logentries import LogEntryBatch
from scipark.core.imports.runner import run_import
from scipark.core.services import ConflictError, save_changes
from scipark.core.testing import World
from scipark.core.tests import hostile
from scipark.economy import services
from scipark.economy.importers import MonthlyReturnImporter
from scipark.economy.models import EnergyCarrier, EnergyUse, MonthlyReturn

from .conftest import month, rebuilt, snapshot
from .test_import_monthly import HEADER

#: What differs between two writes of the same figures by nature: keys, months, times, the import's note.
VOLATILE = {"id", "period", "created_at", "updated_at", "submitted_at", "reviewed_at", "review_note"}
VOLATILE_ENERGY = {"id", "monthly_return", "created_at", "updated_at"}


def figures(world: World, output: str) -> dict[int, tuple[dict[str, D], dict[str, D] | None]]:
    """The same month for both enterprises, in 元, as the form gives it (and the file below in 万元)."""
    return {
        world.enterprise.pk: (
            {
                "industrial_output": D(output) * 10000,
                "revenue": D(1100000),
                "value_added": D(300000),
                "profit": D(25000),
            },
            {"electricity": D(10000)},
        ),
        world.other_enterprise.pk: (
            {
                "industrial_output": D(800000),
                "revenue": D(750000),
                "value_added": D(200000),
                "profit": D(30000),
            },
            None,
        ),
    }


def file_rows(world: World, output: str) -> list[list[Any]]:
    return [
        HEADER,
        [world.enterprise.credit_code, world.enterprise.name, output, "110", "30", "2.5", "10000"],
        [world.other_enterprise.credit_code, world.other_enterprise.name, "80", "75", "20", "3", ""],
    ]


def import_file(world: World, tmp_path: Path, rows: list[list[Any]], period: str) -> Any:
    path = tmp_path / "upload"
    path.write_bytes(hostile.xlsx(rows, title="月报"))
    importer = MonthlyReturnImporter(user=world.user("economy_staff"), park=world.park, period=period)
    result = run_import(importer, path, filename="月报.xlsx")
    assert result.ok, result.problems
    return result


def enter_on_the_form(world: World, period: dt.date, output: str) -> None:
    for enterprise in (world.enterprise, world.other_enterprise):
        data, energy = figures(world, output)[enterprise.pk]
        services.return_record(
            user=world.user("economy_staff"), enterprise=enterprise, period=period, data=data, energy=energy
        )


def written(enterprise: Any, period: dt.date) -> dict[str, Any]:
    """The month's revisions, their energy rows and every change-log entry about them, keys left out."""
    returns = list(MonthlyReturn.objects.filter(enterprise=enterprise, period=period).order_by("revision"))
    revision_of = {r.pk: r.revision for r in returns}
    uses = list(EnergyUse.objects.filter(monthly_return__in=returns).select_related("carrier"))
    use_revision = {u.pk: revision_of[u.monthly_return_id] for u in uses}
    entries = []
    for model, objects, volatile in (
        (MonthlyReturn, revision_of, VOLATILE),
        (EnergyUse, use_revision, VOLATILE_ENERGY),
    ):
        rows = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id__in=list(objects)
        )
        for entry in rows:
            changes = {k: v for k, v in entry.changes_dict.items() if k not in volatile}
            entries.append((model.__name__, objects[entry.object_id], entry.action, entry.actor_id, changes))
    return {
        "revisions": [
            (
                r.revision,
                r.is_current,
                r.status,
                r.version,
                r.months,
                r.industrial_output,
                r.revenue,
                r.value_added,
                r.profit,
                r.energy_tce,
                r.reasons,
                r.submitted_by_id,
                r.reviewed_by_id,
            )
            for r in returns
        ],
        "energy": sorted((use_revision[u.pk], u.carrier.code, u.quantity, u.tce) for u in uses),
        "log": sorted(entries, key=repr),
    }


def test_the_form_and_the_import_write_the_same_revisions_versions_and_change_log(
    world: World, tmp_path: Path
) -> None:
    by_form, by_import = month(2023, 11), month(2023, 12)
    enter_on_the_form(world, by_form, "120.5")
    enter_on_the_form(world, by_form, "130")
    import_file(world, tmp_path, file_rows(world, "120.5"), "2023-12")
    import_file(world, tmp_path, file_rows(world, "130"), "2023-12")
    for enterprise in (world.enterprise, world.other_enterprise):
        assert written(enterprise, by_form) == written(enterprise, by_import)
    first = written(world.enterprise, by_import)
    staff = world.user("economy_staff").pk
    # The revised month: the first revision superseded with its version moved on, the second counting.
    assert [r[:4] for r in first["revisions"]] == [(1, False, "superseded", 2), (2, True, "accepted", 1)]
    actions = sorted((model, revision, action) for model, revision, action, _a, _c in first["log"])
    assert actions == [
        ("EnergyUse", 1, LogEntry.Action.CREATE),
        ("EnergyUse", 2, LogEntry.Action.CREATE),
        ("MonthlyReturn", 1, LogEntry.Action.CREATE),
        ("MonthlyReturn", 1, LogEntry.Action.UPDATE),
        ("MonthlyReturn", 2, LogEntry.Action.CREATE),
    ]
    superseded = next(c for m, r, a, _x, c in first["log"] if a == LogEntry.Action.UPDATE)
    assert superseded == {"is_current": ["True", "False"], "status": ["accepted", "superseded"]}
    assert {actor for _m, _r, _a, actor, _c in first["log"]} == {staff}
    assert snapshot() == rebuilt()


def test_an_import_twice_changes_nothing(world: World, tmp_path: Path) -> None:
    rows = file_rows(world, "120.5")
    import_file(world, tmp_path, rows, "2023-12")
    before = (
        list(MonthlyReturn.objects.order_by("pk").values("pk", "version", "status", "is_current")),
        list(EnergyUse.objects.order_by("pk").values("pk", "version")),
        LogEntry.objects.count(),
        snapshot(),
    )
    again = import_file(world, tmp_path, rows, "2023-12")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    after = (
        list(MonthlyReturn.objects.order_by("pk").values("pk", "version", "status", "is_current")),
        list(EnergyUse.objects.order_by("pk").values("pk", "version")),
        LogEntry.objects.count(),
        snapshot(),
    )
    assert after == before


def test_an_open_revision_is_completed_by_the_import_not_left_behind(world: World, tmp_path: Path) -> None:
    submitted = services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=month(2023, 12),
        data={"industrial_output": D(1)},
    )
    import_file(world, tmp_path, file_rows(world, "120.5"), "2023-12")
    revisions = list(MonthlyReturn.objects.filter(enterprise=world.enterprise, period=month(2023, 12)))
    assert [(r.pk, r.revision, r.status, r.is_current) for r in revisions] == [
        (submitted.pk, 1, "accepted", True)
    ]
    assert revisions[0].industrial_output == D("1205000.00") and revisions[0].version == submitted.version + 1
    assert snapshot() == rebuilt()


def test_a_month_changed_since_the_comparison_is_a_conflict(world: World, record: Any) -> None:
    record(world.enterprise, 2023, 12, industrial_output=100)
    row = services.ReturnInput(
        world.enterprise.pk, month(2023, 12), {"industrial_output": D(200)}, counting_version=0
    )
    with pytest.raises(ConflictError, match="已被他人修改"):
        services.returns_write(user=world.user("economy_staff"), rows=[row], status="accepted")
    assert MonthlyReturn.objects.filter(enterprise=world.enterprise).count() == 1


def test_values_out_of_the_columns_range_are_refused_before_writing(world: World) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.return_clean(period=month(2023, 12), data={"revenue": D(10) ** 17})
    assert "营业收入" in error.value.message_dict["revenue"][0]
    with pytest.raises(ValidationError):
        services.return_clean(period=month(2023, 12), data={"employees": -1})


# --- the bulk change log is what auditlog writes ------------------------------------------------------

COMPARED = (
    "content_type_id",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor_id",
    "actor_email",
    "cid",
    "remote_addr",
    "remote_port",
    "additional_data",
)


def last_two(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The two newest entries about ``obj``: auditlog's, then the batch's.

    auditlog logs an update at ``pre_save``, before ``auto_now`` stamps ``updated_at`` once more, so its
    entry shows a time a few microseconds before the stored one: that value is not compared.
    """
    rows = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(obj)), object_pk=str(obj.pk)
    ).order_by("-id")
    batch, auditlog = rows.values(*COMPARED)[:2]
    for entry in (batch, auditlog):
        if entry["action"] == LogEntry.Action.UPDATE and "updated_at" in entry["changes"]:
            entry["changes"]["updated_at"] = entry["changes"]["updated_at"][0]
    return auditlog, batch


def test_entries_built_in_bulk_equal_the_entries_auditlog_writes(world: World) -> None:
    staff = world.user("economy_staff")
    token = request_ids._request_id.set("req-bulk-0001")
    try:
        with set_actor(staff, remote_addr="10.0.0.9"):
            record = MonthlyReturn(
                park=world.park,
                enterprise=world.enterprise,
                period=month(2023, 12),
                status="submitted",
                revenue=D("12.50"),
                employees=12,
                reasons={"revenue": "新订单"},
                submitted_by=staff,
                submitted_at=timezone.now(),
            )
            record.save()
            batch = LogEntryBatch()
            batch.created(record)
            batch.save()
            auditlog, bulk = last_two(record)
            assert bulk == auditlog

            before = copy.copy(record)
            save_changes(record, status="accepted", is_current=True, reviewed_by=staff)
            # auditlog reads the row after save_changes' compare-and-swap: the version is already moved on.
            before.version = record.version
            batch.updated(before, record, ["status", "is_current", "reviewed_by", "version", "updated_at"])
            batch.save()
            auditlog, bulk = last_two(record)
            assert bulk == auditlog and set(bulk["changes"]) >= {"status", "is_current", "reviewed_by"}

            carrier = EnergyCarrier.objects.get(code="electricity", is_current=True)
            use = EnergyUse.objects.create(
                monthly_return=record, carrier=carrier, quantity=D("10.5"), tce=D(1)
            )
            batch.created(use)
            batch.save()
            assert last_two(use)[1] == last_two(use)[0]

            gone = copy.copy(use)
            use.delete()
            batch.deleted(gone)
            batch.save()
            auditlog, bulk = last_two(gone)
            assert bulk == auditlog and bulk["action"] == LogEntry.Action.DELETE
    finally:
        request_ids._request_id.reset(token)
    assert bulk["actor_id"] == staff.pk and bulk["cid"] == "req-bulk-0001"


def test_a_finished_request_context_lends_no_actor_to_later_entries(world: World) -> None:
    # auditlog's context variable outlives its block; the batch must not take that stale actor.
    with set_actor(world.user("park_leader"), remote_addr="10.0.0.7"):
        pass
    batch = LogEntryBatch(user=world.user("economy_staff"))
    batch.created(world.enterprise)
    batch.save()
    entry = LogEntry.objects.order_by("-id").first()
    assert entry is not None
    assert (entry.actor_id, entry.remote_addr) == (world.user("economy_staff").pk, None)

"""The import's write of a month, made cheaper without changing what it writes (issue 15 item 2): each
row is checked once, instances for the change log are built without ``Model.__init__``, and the entries'
changes are encoded as text the way the insert would encode their dicts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scipark.core.imports import logentries
from scipark.core.imports.bulk import JSONText
from scipark.core.imports.logentries import LogEntryBatch
from scipark.core.testing import World
from scipark.core.tests import hostile
from scipark.economy import services
from scipark.economy.models import EnergyCarrier, EnergyUse, MonthlyReturn
from scipark.economy.services import returns as returns_module
from scipark.economy.services import revisions

from .conftest import month
from .test_import_monthly import rows, run


def counting(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every ``return_clean`` call, by the importer (``services.return_clean``) or the write path."""
    calls: list[Any] = []
    original: Callable[..., Any] = returns_module.return_clean

    def spy(**kwargs: Any) -> Any:
        calls.append(kwargs["period"])
        return original(**kwargs)

    monkeypatch.setattr(returns_module, "return_clean", spy)
    monkeypatch.setattr(services, "return_clean", spy)
    return calls


def test_an_imported_row_is_checked_once(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = counting(monkeypatch)
    result = run(world, tmp_path, hostile.xlsx(rows(world)))
    assert result.ok and result.written and result.created == 2
    assert len(calls) == 2
    assert MonthlyReturn.objects.filter(period=month(2023, 12), is_current=True).count() == 2


def test_the_forms_write_still_checks_every_row(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch)
    services.return_record(
        user=world.user("economy_staff"),
        enterprise=world.enterprise,
        period=month(2023, 11),
        data={"revenue": D(1000)},
    )
    assert len(calls) == 1
    with pytest.raises(ValidationError):
        services.returns_write(
            user=world.user("economy_staff"),
            rows=[services.ReturnInput(world.enterprise.pk, month(2023, 10), {"revenue": "十万"})],
            status=MonthlyReturn.Status.ACCEPTED,
        )
    assert not MonthlyReturn.objects.filter(period=month(2023, 10)).exists()


def test_cleaned_rows_must_match_the_rows(world: World) -> None:
    row = services.ReturnInput(world.enterprise.pk, month(2023, 11), {"revenue": D(5)})
    clean = services.return_clean(period=row.period, data=row.data, submitting=True)
    for cleaned in ([], [clean, clean], [row.data]):
        with pytest.raises(ValueError, match="cleaned"):
            services.returns_write(
                user=world.user("economy_staff"),
                rows=[row],
                status=MonthlyReturn.Status.ACCEPTED,
                cleaned=cleaned,  # type: ignore[arg-type]
            )
    assert not MonthlyReturn.objects.exists()


def test_written_with_cleaned_rows_is_written_as_checked_here(world: World) -> None:
    staff = world.user("economy_staff")
    data = {"revenue": D("1250.456"), "employees": "12"}
    energy = {"electricity": D(10000)}
    written = []
    for given in (False, True):
        period = month(2023, 10 + given)
        row = services.ReturnInput(world.enterprise.pk, period, data, energy=energy)
        clean = services.return_clean(period=period, data=data, energy=energy, submitting=True)
        (pk,) = services.returns_write(
            user=staff, rows=[row], status=MonthlyReturn.Status.ACCEPTED, cleaned=[clean] if given else None
        )
        stored = MonthlyReturn.objects.get(pk=pk)
        uses = [(u.carrier_id, u.quantity, u.tce) for u in EnergyUse.objects.filter(monthly_return=stored)]
        written.append((stored.revenue, stored.employees, stored.energy_tce, uses))
    assert written[0] == written[1]
    assert written[0][:2] == (D("1250.46"), 12)


def stored_return(world: World) -> MonthlyReturn:
    staff = world.user("economy_staff")
    return services.return_record(
        user=staff,
        enterprise=world.enterprise,
        period=month(2023, 12),
        data={"revenue": D("12.50"), "profit": D("-3"), "employees": 7},
        energy={"electricity": D(10000)},
        reasons={"profit": '汇率损失 "美元"\n'},
    )


def test_as_stored_builds_the_instance_from_db_builds(world: World) -> None:
    record = stored_return(world)
    values = MonthlyReturn.objects.filter(pk=record.pk).values(*revisions.STORED_FIELDS, "park_id").get()
    values["ignored"] = "not a column"
    fast = revisions.as_stored(MonthlyReturn, values)
    given = {("id" if k == "pk" else k): v for k, v in values.items()}
    names = [f.attname for f in MonthlyReturn._meta.concrete_fields if f.attname in given]
    slow = MonthlyReturn.from_db(None, names, [given[n] for n in names])
    fields = [f.attname for f in MonthlyReturn._meta.concrete_fields if f.attname in slow.__dict__]
    assert "revenue" in fields and "enterprise_id" in fields
    assert [getattr(fast, f) for f in fields] == [getattr(slow, f) for f in fields]
    assert fast.pk == record.pk and not fast._state.adding and not hasattr(fast, "ignored")
    assert fast.get_deferred_fields() == slow.get_deferred_fields() != set()
    fast._state.fields_cache["enterprise"] = world.enterprise
    assert str(fast) == str(record)


def test_the_changes_text_is_what_the_insert_would_encode_of_the_dict(world: World) -> None:
    record = stored_return(world)
    record.submitted_at = timezone.now()
    use = EnergyUse.objects.select_related("carrier").get(monthly_return=record)
    batch = LogEntryBatch()
    for instance in (record, use):
        plan = batch._plan_for(instance)
        assert plan is not None and plan.mask is None
        for after in (True, False):
            text = logentries._whole_json(plan, instance, after=after)
            as_dict = logentries._whole(plan.whole, instance, after=after)
            assert type(text) is JSONText
            assert text == json.dumps(as_dict, ensure_ascii=False)
            assert json.loads(text) == as_dict
    # Hand-read: a created return lists its profit as text beside the absent side, the reasons sorted.
    created = json.loads(logentries._whole_json(batch._plan_for(record), record, after=True))  # type: ignore[arg-type]
    assert created["profit"] == ["None", "-3.00"]
    assert created["reasons"] == ["None", json.dumps({"profit": '汇率损失 "美元"'}, sort_keys=True)]
    assert "employees" in created and created["employees"] == ["None", "7"]
    assert EnergyCarrier.objects.filter(pk=use.carrier_id).exists()


def test_among_filters_what_in_filters_and_takes_only_integers(world: World) -> None:
    record = stored_return(world)
    other = services.return_record(
        user=world.user("economy_staff"),
        enterprise=world.other_enterprise,
        period=month(2023, 12),
        data={"revenue": D(9)},
    )
    for keys in ([world.enterprise.pk], [world.enterprise.pk, world.other_enterprise.pk, 10**9], []):
        fast = MonthlyReturn.objects.filter(revisions.among(MonthlyReturn, "enterprise", keys))
        slow = MonthlyReturn.objects.filter(enterprise_id__in=keys)
        assert sorted(fast.values_list("pk", flat=True)) == sorted(slow.values_list("pk", flat=True))
    assert set(
        MonthlyReturn.objects.filter(
            revisions.among(MonthlyReturn, "enterprise_id", [world.other_enterprise.pk])
        ).values_list("pk", flat=True)
    ) == {other.pk}
    uses = EnergyUse.objects.filter(revisions.among(EnergyUse, "monthly_return", [record.pk]))
    assert uses.count() == 1
    with pytest.raises(ValueError):
        revisions.among(MonthlyReturn, "enterprise", ["1) OR (1=1"])  # type: ignore[list-item]

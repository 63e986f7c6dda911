"""Importing a month of returns: units, idempotence, revisions, and bad input (SECURITY.md row 11)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from scipark.core.imports.runner import run_import
from scipark.core.models import AuditEvent
from scipark.core.testing import World
from scipark.core.tests import hostile
from scipark.economy import services
from scipark.economy.importers import MonthlyReturnImporter
from scipark.economy.models import EnergyUse, MonthlyAggregate, MonthlyReturn

from .conftest import month, rebuilt, snapshot

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "工业总产值(万元)",
    "营业收入(万元)",
    "工业增加值(万元)",
    "利润总额(万元)",
    "电力(kWh)",
]


def counts() -> tuple[int, int, int]:
    return MonthlyReturn.objects.count(), EnergyUse.objects.count(), MonthlyAggregate.objects.count()


def rows(world: World, output: str = "120.5") -> list[list[Any]]:
    return [
        HEADER,
        [world.enterprise.credit_code, world.enterprise.name, output, "110", "30", "-2.5", "10000"],
        [world.other_enterprise.credit_code, world.other_enterprise.name, "80", "75", "20", "3", ""],
    ]


def run(
    world: World,
    tmp_path: Path,
    data: bytes,
    *,
    name: str = "月报.xlsx",
    period: Any = "2023-12",
    persona: str = "economy_staff",
    dry_run: bool = False,
) -> Any:
    path = tmp_path / "upload"
    path.write_bytes(data)
    importer = MonthlyReturnImporter(user=world.user(persona), park=world.park, period=period)
    return run_import(importer, path, filename=name, dry_run=dry_run)


def refused(world: World, tmp_path: Path, data: bytes, **kwargs: Any) -> Any:
    before = counts()
    result = run(world, tmp_path, data, **kwargs)
    assert not result.ok and not result.written
    assert counts() == before
    for problem in result.problems:
        assert problem.sheet or problem.filename
    return result


def test_a_month_is_imported_in_yuan_with_energy_and_aggregates(world: World, tmp_path: Path) -> None:
    result = run(world, tmp_path, hostile.xlsx(rows(world), title="月报"))
    assert result.ok and result.written and result.created == 2
    first = MonthlyReturn.objects.current().get(enterprise=world.enterprise, period=month(2023, 12))
    assert first.industrial_output == D("1205000.00")  # 120.5 万元
    assert first.profit == D("-25000.00")
    assert first.energy_tce == D("1.2290")
    assert first.status == "accepted" and first.revision == 1
    assert snapshot() == rebuilt()
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.IMPORT, result=AuditEvent.Result.OK).count() == 1


def test_importing_the_same_file_again_changes_nothing(world: World, tmp_path: Path) -> None:
    data = hostile.xlsx(rows(world))
    run(world, tmp_path, data)
    before = (counts(), snapshot())
    again = run(world, tmp_path, data)
    assert again.ok and again.unchanged == 2 and again.changed == 0
    assert (counts(), snapshot()) == before


def test_a_changed_figure_makes_a_new_revision_that_counts(world: World, tmp_path: Path) -> None:
    run(world, tmp_path, hostile.xlsx(rows(world)))
    result = run(world, tmp_path, hostile.xlsx(rows(world, output="130")))
    assert result.updated == 1 and result.unchanged == 1
    revisions = MonthlyReturn.objects.filter(enterprise=world.enterprise, period=month(2023, 12)).order_by(
        "revision"
    )
    assert [(r.revision, r.is_current, r.status) for r in revisions] == [
        (1, False, "superseded"),
        (2, True, "accepted"),
    ]
    assert snapshot() == rebuilt()


def test_a_gb18030_csv_with_a_period_column(world: World, tmp_path: Path) -> None:
    data = [[*HEADER, "报告期"], [*rows(world)[1], "2023年11月"]]
    result = run(world, tmp_path, hostile.csv_bytes(data, encoding="gb18030"), name="月报.csv", period=None)
    assert result.ok, result.problems
    assert MonthlyReturn.objects.get().period == month(2023, 11)


def test_a_dry_run_writes_nothing(world: World, tmp_path: Path) -> None:
    result = run(world, tmp_path, hostile.xlsx(rows(world)), dry_run=True)
    assert result.ok and result.created == 2 and not result.written
    assert counts() == (0, 0, 0)


def test_an_unknown_credit_code_is_refused(world: World, tmp_path: Path) -> None:
    data = rows(world)
    from scipark.core.identifiers import credit_code_from_number

    data[2][0] = credit_code_from_number(9999)
    result = refused(world, tmp_path, hostile.xlsx(data))
    assert result.problems[0].row == 3 and "没有统一社会信用代码" in result.problems[0].message
    assert result.problems[0].header == "统一社会信用代码"


def test_an_enterprise_of_another_park_is_refused(world: World, tmp_path: Path) -> None:
    data = rows(world)
    data[2][0] = world.foreign_enterprise.credit_code
    result = refused(world, tmp_path, hostile.xlsx(data))
    assert "不属于本次导入的园区" in result.problems[0].message


def test_a_future_period_is_refused(world: World, tmp_path: Path) -> None:
    future = (services.current_period() + dt.timedelta(days=40)).replace(day=1)
    result = refused(world, tmp_path, hostile.xlsx(rows(world)), period=future)
    assert "未来" in result.problems[0].message


def test_units_mixed_up_are_refused(world: World, tmp_path: Path, record: Any) -> None:
    # Value added over output: one of the two columns was filled in another unit.
    data = rows(world)
    data[1][4] = "300000"
    result = refused(world, tmp_path, hostile.xlsx(data))
    assert "单位" in result.problems[0].message and result.problems[0].header == "工业增加值(万元)"
    # Figures in 元 under a 万元 header: ten thousand times last month's.
    record(world.enterprise, 2023, 11, industrial_output=1200000, revenue=1100000)
    data = rows(world)
    data[1][2:4] = ["1205000", "1100000"]
    result = refused(world, tmp_path, hostile.xlsx(data))
    assert "疑似金额单位填错" in result.problems[0].message


def test_text_in_a_number_column_and_duplicates_are_located(world: World, tmp_path: Path) -> None:
    data = rows(world)
    data[1][2] = "一百万"
    data.append(list(data[2]))
    result = refused(world, tmp_path, hostile.xlsx(data, title="月报"))
    messages = {(p.row, p.column_letter): p.message for p in result.problems}
    assert "应为数字" in messages[(2, "C")]
    assert "重复" in messages[(4, "A")]


def test_formulas_and_merged_headers_are_refused(world: World, tmp_path: Path) -> None:
    data = rows(world)
    data[1][2] = "=1+1"
    refused(world, tmp_path, hostile.xlsx(data))
    refused(world, tmp_path, hostile.xlsx(rows(world), merge="C1:D1"))


@pytest.mark.parametrize(
    "data",
    [
        hostile.pdf_renamed(),
        hostile.random_bytes(),
        hostile.zip_bomb(),
        hostile.ratio_bomb(),
        hostile.billion_laughs(),
        hostile.zip_not_workbook(),
    ],
    ids=["pdf", "random", "zip-bomb", "ratio-bomb", "billion-laughs", "zip"],
)
def test_hostile_files_write_nothing(world: World, tmp_path: Path, data: bytes) -> None:
    refused(world, tmp_path, data)


def test_too_many_rows_are_refused(world: World, tmp_path: Path, settings: Any) -> None:
    settings.SCIPARK_IMPORT_MAX_ROWS = 5
    data = [HEADER] + [[world.enterprise.credit_code, "x", "1", "1", "1", "1", ""]] * 6
    refused(world, tmp_path, hostile.csv_bytes(data), name="月报.csv")


def test_only_economy_staff_import(world: World, tmp_path: Path) -> None:
    result = refused(world, tmp_path, hostile.xlsx(rows(world)), persona="service_staff")
    assert result.problems


def test_the_command_takes_a_period(world: World, tmp_path: Path) -> None:
    path = tmp_path / "月报.xlsx"
    path.write_bytes(hostile.xlsx(rows(world)))
    out = io.StringIO()
    call_command(
        "import_data",
        "monthly",
        str(path),
        "--period",
        "2023-12",
        "--user",
        "economy_staff",
        stdout=out,
        stderr=io.StringIO(),
    )
    assert "新建 2" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "import_data",
            "monthly",
            str(path),
            "--period",
            "2023-13",
            "--user",
            "economy_staff",
            stderr=io.StringIO(),
        )
    with pytest.raises(CommandError):
        call_command(
            "import_data",
            "enterprises",
            str(path),
            "--period",
            "2023-12",
            "--user",
            "economy_staff",
            stderr=io.StringIO(),
        )


def test_the_running_month_is_refused_until_it_ends(world: World, tmp_path: Path) -> None:
    result = refused(world, tmp_path, hostile.xlsx(rows(world)), period=services.current_period())
    assert "尚未结束" in result.problems[0].message


def test_a_closed_month_is_not_changed_by_an_import_but_reimporting_it_is_fine(
    world: World, tmp_path: Path
) -> None:
    data = hostile.xlsx(rows(world))
    run(world, tmp_path, data)
    services.period_close(user=world.user("economy_staff"), park=world.park, period=month(2023, 12))
    again = run(world, tmp_path, data)
    assert again.ok and again.unchanged == 2
    result = refused(world, tmp_path, hostile.xlsx(rows(world, output="130")))
    assert "已关账" in result.problems[0].message and result.problems[0].row == 2


def _written() -> tuple[Any, ...]:
    """The returns, energy rows, aggregates and change-log entries as stored (times and ids left out)."""
    from auditlog.models import LogEntry

    returns = sorted(
        MonthlyReturn.objects.values_list(
            "enterprise_id", "period", "revision", "status", "is_current", "industrial_output", "energy_tce"
        )
    )
    energy = sorted(EnergyUse.objects.values_list("monthly_return__enterprise_id", "carrier_id", "quantity"))
    entries = sorted(
        (
            entry.content_type_id,
            entry.action,
            entry.object_repr,
            sorted(
                (name, tuple(pair))
                for name, pair in entry.changes_dict.items()
                if not name.endswith("_at") and name not in ("id", "monthly_return")
            ),
        )
        for entry in LogEntry.objects.all()
    )
    return returns, energy, snapshot(), entries


def test_a_month_written_a_row_per_chunk_is_the_month_written_in_one_chunk(
    world: World, tmp_path: Path, monkeypatch: Any
) -> None:
    from django.db import transaction

    data = hostile.xlsx(rows(world))
    run(world, tmp_path, hostile.xlsx(rows(world, output="100")), period="2023-11")

    class Undo(Exception):
        pass

    found: list[tuple[Any, ...]] = []
    for size in (1, None):
        monkeypatch.setattr(MonthlyReturnImporter, "chunk_rows", size)
        try:
            with transaction.atomic():
                result = run(world, tmp_path, data)
                assert result.ok and result.written and result.created == 2
                found.append(_written())
                assert snapshot() == rebuilt()
                raise Undo
        except Undo:
            pass
    assert found[0] == found[1]


def test_new_revisions_are_logged_without_reading_each_one_back(world: World, tmp_path: Path) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        result = run(world, tmp_path, hostile.xlsx(rows(world)))
    assert result.ok and result.created == 2
    table = MonthlyReturn._meta.db_table
    read_back = [q["sql"] for q in queries if f'WHERE "{table}"."id" = ' in q["sql"]]
    assert read_back == []

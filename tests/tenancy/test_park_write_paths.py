"""Each way a child row is written sets its park equal to its parent's (issue 15 item 8): services, imports,
the API and the demo's bulk writes. ``mismatched`` counts rows whose copy differs from the parent's park."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db.models import F
from django.test import Client
from django.utils import timezone

from scipark.core.imports.runner import run_import
from scipark.core.tenancy import ParkCopied
from scipark.core.tests import hostile

from .test_park_column import copied_models

pytestmark = pytest.mark.django_db


def mismatched(model: type[ParkCopied]) -> int:
    return model._base_manager.exclude(park_id=F(f"{model.park_parent}__park_id")).count()


def parks_of(label: str) -> set[int]:
    return set(apps.get_model(label)._base_manager.values_list("park_id", flat=True))


def assert_every_copy_follows_its_parent() -> None:
    assert {m._meta.label: mismatched(m) for m in copied_models() if mismatched(m)} == {}


def api(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(client: Client, url: str, data: dict[str, Any]) -> Any:
    return client.post(url, json.dumps(data), content_type="application/json")


def test_an_appeal_filed_through_the_service_gives_its_steps_the_appeals_park(world: Any) -> None:
    from scipark.appeals import services
    from scipark.appeals.testing import make_category

    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    appeal = services.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱。",
    )
    assert appeal.steps.exists()
    assert parks_of("appeals.AppealStep") == {world.park.pk}
    assert_every_copy_follows_its_parent()


def test_an_events_registration_through_the_service_gives_participation_and_posts_the_events_park(
    world: Any,
) -> None:
    from scipark.events import services
    from scipark.events.testing import _event

    event = _event(world.park, "春季招聘会", dt.datetime.now(dt.UTC) + dt.timedelta(days=30))
    services.participation_register(
        user=world.user("service_staff"),
        event=event,
        enterprise=world.enterprise,
        posts=[{"title": "化验员", "headcount": 2, "salary_min": 4200, "salary_max": 6000}],
    )
    assert parks_of("events.Participation") == parks_of("events.Post") == {world.park.pk}
    assert_every_copy_follows_its_parent()


def test_a_month_imported_writes_its_energy_rows_with_the_returns_park(world: Any, tmp_path: Path) -> None:
    from scipark.economy.importers import MonthlyReturnImporter

    header = ["统一社会信用代码", "企业名称", "工业总产值(万元)", "营业收入(万元)", "电力(kWh)"]
    rows = [
        header,
        [world.enterprise.credit_code, world.enterprise.name, "120.5", "110", "10000"],
        [world.other_enterprise.credit_code, world.other_enterprise.name, "80", "75", "2000"],
    ]
    path = tmp_path / "月报.xlsx"
    path.write_bytes(hostile.xlsx(rows, title="月报"))
    importer = MonthlyReturnImporter(user=world.user("economy_staff"), park=world.park, period="2023-12")
    result = run_import(importer, path, filename=path.name)
    assert result.ok, [str(p) for p in result.problems]
    assert apps.get_model("economy", "EnergyUse").objects.count() == 2
    assert parks_of("economy.EnergyUse") == {world.park.pk}
    # A changed figure replaces the energy rows through the same bulk path.
    rows[1][4] = "12000"
    path.write_bytes(hostile.xlsx(rows, title="月报"))
    assert run_import(importer, path, filename=path.name).ok
    assert parks_of("economy.EnergyUse") == {world.park.pk}
    assert_every_copy_follows_its_parent()


def test_a_loan_ledger_imported_gives_each_loan_its_enterprises_park(world: Any, tmp_path: Path) -> None:
    from scipark.investment.importers import LoanImporter
    from scipark.investment.models import LoanProduct
    from scipark.investment.tests.conftest import staff_of
    from scipark.investment.tests.test_imports import workbook

    LoanProduct.objects.create(park=world.park, name="科创贷")
    header = ["借款合同编号", "企业", "贷款产品", "贷款银行", "贷款金额(万元)", "放款日期", "期限(月)"]
    rows = [["QHB-2023-0415", world.enterprise.credit_code, "科创贷", "青海银行", 500, "2023/4/15", 12]]
    path = workbook(tmp_path / "loans.xlsx", "企业贷款", [header, *rows])
    staff = staff_of(world.park, "inv_staff")
    result = run_import(LoanImporter(user=staff, park=world.park), path, filename=path.name)
    assert result.ok and result.created == 1, [str(p) for p in result.problems]
    assert parks_of("investment.Loan") == {world.park.pk}
    assert_every_copy_follows_its_parent()


def test_rows_made_through_the_api_carry_their_parents_park(world: Any) -> None:
    from scipark.investment.models import LoanProduct, Stage
    from scipark.investment.tests.conftest import Inv, staff_of

    base = "/api/v1/investment"
    staff = staff_of(world.other_park, "inv_other")
    inv = Inv(world, staff_of(world.park, "inv_staff"), staff)
    project = inv.project(Stage.SIGNED, park=world.other_park, signed=Decimal(100_000_000))
    entry = {
        "project": project.pk,
        "arrived_on": timezone.localdate().isoformat(),
        "amount": "60000000",
        "source_class": "other_province",
    }
    made = post(api(staff), f"{base}/funds-in-place/", entry)
    assert made.status_code == 201, made.content.decode()
    product = LoanProduct.objects.create(park=world.park, name="科创贷")
    body = {"enterprise": world.enterprise.pk, "product": product.pk, "bank": "青海银行", "amount": "3000000",
            "granted_on": "2023-05-10", "term_months": 12}  # fmt: skip
    reported = post(api(world.user("enterprise_user")), f"{base}/loans/", body)
    assert reported.status_code == 201, reported.content.decode()
    assert parks_of("investment.FundsInPlace") == parks_of("investment.Contract") == {world.other_park.pk}
    assert parks_of("investment.Loan") == {world.park.pk}
    assert_every_copy_follows_its_parent()


def test_the_demo_writes_every_child_table_in_bulk_with_its_parents_park(without_world: None) -> None:
    from scipark.demo.builder import DemoBuilder

    DemoBuilder().build()
    empty = [m._meta.label for m in copied_models() if not m._base_manager.exists()]
    written = {m._meta.label for m in copied_models()} - set(empty)
    assert len(written) >= 20, empty
    assert_every_copy_follows_its_parent()

"""Investment on the workbench (issue 10, item 1): stalled projects and financing records to confirm."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from scipark.investment import workbench
from scipark.investment.models import Confirmation, Loan, LoanProduct, Stage, StageLimit

from .conftest import YI, Inv


def _counts(user: Any) -> dict[str, int]:
    return {str(todo.label): todo.count for todo in workbench.todos(user)}


def test_staff_are_reminded_of_stalled_projects_and_reported_loans(inv: Inv, client_for: Any) -> None:
    world = inv.world
    today = timezone.localdate()
    StageLimit.objects.create(park=world.park, stage=Stage.TALKS, days=30)
    inv.project(Stage.TALKS, name="滞留项目", since=today - dt.timedelta(days=45))
    inv.project(Stage.TALKS, name="按期项目", since=today - dt.timedelta(days=10))
    inv.project(Stage.TALKS, name="他园项目", since=today - dt.timedelta(days=400), park=world.other_park)
    product = LoanProduct.objects.create(park=world.park, name="科创贷")
    loan = Loan.objects.create(
        enterprise=world.enterprise,
        product=product,
        bank="青海银行",
        amount=YI,
        granted_on=today,
        term_months=12,
    )
    counts = _counts(inv.staff)
    assert counts["在本阶段停留超期的项目"] == 1
    assert counts["待确认的企业贷款"] == 1
    assert _counts(inv.other_staff)["在本阶段停留超期的项目"] == 0  # the other park's rule is not set
    assert "待确认的企业贷款" not in _counts(world.user("economy_staff"))

    loan.status = Confirmation.REJECTED
    loan.save()
    assert _counts(inv.staff)["待确认的企业贷款"] == 0
    assert _counts(world.user("enterprise_user"))["被退回的贷款记录"] == 1
    page = client_for("enterprise_user").get("/").content.decode()
    assert "被退回的贷款记录" in page and "/investment/loans/?status=rejected" in page

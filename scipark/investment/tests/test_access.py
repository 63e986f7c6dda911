"""Golden cases of the investment domain's access rules (issue 11 §7), typed out, not computed."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from scipark.investment.models import Fund, Loan, LoanProduct, Project, Stage

from .conftest import YI, Inv

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(inv: Inv) -> dict[str, Any]:
    world = inv.world
    today = timezone.localdate()
    product = LoanProduct.objects.create(park=world.park, name="科创贷")
    foreign_product = LoanProduct.objects.create(park=world.other_park, name="人才贷")
    loan = {
        "own": Loan.objects.create(
            enterprise=world.enterprise, product=product, bank="青海银行", amount=YI, granted_on=today, term_months=12
        ),
        "other": Loan.objects.create(
            enterprise=world.other_enterprise, product=product, bank="青海银行", amount=YI, granted_on=today,
            term_months=12,
        ),
        "foreign": Loan.objects.create(
            enterprise=world.foreign_enterprise, product=foreign_product, bank="青海银行", amount=YI,
            granted_on=today, term_months=12,
        ),
    }  # fmt: skip
    return {
        "project": inv.project(Stage.PRODUCING, enterprise=world.enterprise),
        "foreign_project": inv.project(park=world.other_park),
        "fund": Fund.objects.create(park=world.park, name="基金", manager="某", size=YI, set_up_on=today),
        "loan": loan,
        "product": product,
    }


#: persona → (projects seen, funds seen, loans seen, loans changeable)
GOLDEN = {
    "park_leader": (1, 1, {"own", "other"}, set()),
    "economy_staff": (1, 1, {"own", "other"}, set()),
    "inv_staff": (1, 1, {"own", "other"}, {"own", "other"}),
    "inv_other": (1, 0, {"foreign"}, {"foreign"}),
    "enterprise_user": (0, 0, {"own"}, {"own"}),  # never the pipeline, even the project it became
    "zone_viewer": (0, 0, set(), set()),
    "system_admin": (0, 0, set(), set()),
}


@pytest.mark.parametrize("persona", list(GOLDEN))
def test_who_sees_what(inv: Inv, rows: dict[str, Any], persona: str) -> None:
    user = {"inv_staff": inv.staff, "inv_other": inv.other_staff}.get(persona) or inv.world.user(persona)
    projects, funds, loans_seen, loans_changed = GOLDEN[persona]
    assert Project.objects.restrict(user, "view").count() == projects
    assert Fund.objects.restrict(user, "view").count() == funds
    names = {v: k for k, v in ((k, loan.pk) for k, loan in rows["loan"].items())}
    assert {
        names[pk] for pk in Loan.objects.restrict(user, "view").values_list("pk", flat=True)
    } == loans_seen
    changeable = Loan.objects.restrict(user, "change").values_list("pk", flat=True)
    assert {names[pk] for pk in changeable} == loans_changed


def test_an_enterprise_reads_its_parks_loan_products(inv: Inv, rows: dict[str, Any]) -> None:
    user = inv.world.user("enterprise_user")
    assert list(LoanProduct.objects.restrict(user, "view")) == [rows["product"]]
    assert not LoanProduct.objects.restrict(user, "change").exists()

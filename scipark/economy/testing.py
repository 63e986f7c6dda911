"""Route-matrix samples for the economy pages: for each model with a pk route, one in reach, one of the
other enterprise in the same park, one in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.testing import World, as_shown

from .models import AnnualTarget, FixedAssetProject, Indicator, MonthlyReturn

#: URL arguments that are not objects.
ROUTE_LITERALS: dict[str, Any] = {"period": "2023-12", "indicator_code": "above_scale_output"}


def _return(enterprise: Any, status: str) -> MonthlyReturn:
    return MonthlyReturn.objects.create(
        park=enterprise.park,
        enterprise=enterprise,
        period=dt.date(2023, 11, 1),
        status=status,
        revenue=Decimal("1000000"),
        industrial_output=Decimal("1200000"),
    )


def route_samples(world: World) -> dict[str, dict[str, Any]]:
    """Samples for MonthlyReturn, FixedAssetProject and AnnualTarget."""
    submitted = MonthlyReturn.Status.SUBMITTED
    returns = {
        "own": _return(world.enterprise, submitted),
        "other": _return(world.other_enterprise, submitted),
        "foreign": _return(world.foreign_enterprise, submitted),
    }
    projects = {
        key: FixedAssetProject.objects.create(
            park=park, name=f"样例项目{key}", planned_total=Decimal("8000000"), start_date=dt.date(2023, 3, 1)
        )
        for key, park in (("own", world.park), ("foreign", world.other_park))
    }
    indicator = Indicator.objects.get(code=ROUTE_LITERALS["indicator_code"])
    targets = {
        key: AnnualTarget.objects.create(
            park=park, indicator=indicator, year=2023, value=Decimal("100000000")
        )
        for key, park in (("own", world.park), ("foreign", world.other_park))
    }
    return {
        "economy.monthlyreturn": returns,
        "economy.fixedassetproject": projects,
        "economy.annualtarget": targets,
    }


def load_reference_data() -> None:
    """Put back what the data migration loads (a transactional test's flush empties the table)."""
    import importlib

    from django.apps import apps as global_apps

    importlib.import_module("scipark.economy.migrations.0002_load_reference_data").load(global_apps, None)


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "economy:project_edit": as_shown,
    "economy:target_edit": as_shown,
    "economy:indicator_edit": as_shown,
}
#: Route matrix: POST routes whose valid data is not declared yet, with what their form as shown gets.
WITHOUT_VALID_DATA = {
    "economy:indicator_add": 400,
    "economy:decision_add": 400,
    "economy:portal_return": 400,
    "economy:project_investment": 400,
    "economy:project_add": 400,
    "economy:return_import": 400,
    "economy:target_add": 400,
    # the detail page's buttons send a version the button view cannot read (版本号无效): see the report
    "economy:return_accept": 302,
    "economy:return_send_back": 302,
    "economy:remind": 302,  # the form as shown has no period
    "monthly-return-list": 400,
    "monthly-return-accept": 400,
    "monthly-return-reject": 400,
    "economy-target-list": 400,
}
_KEEPERS_ONLY = (403, "the economy's keepers only: an enterprise files its own returns")
#: Route matrix: allowed by role (an enterprise adds and changes its returns), refused by the page.
ROUTE_STATUS = {
    **{
        (name, method, "enterprise_user"): _KEEPERS_ONLY
        for name in (
            "economy:decision_add",
            "economy:project_add",
            "economy:target_add",
        )
        for method in ("GET", "POST")
    },
    ("economy:drill", "GET", "enterprise_user"): _KEEPERS_ONLY,
    ("economy:remind", "POST", "enterprise_user"): _KEEPERS_ONLY,
    ("economy:portal", "GET", "economy_staff"): (
        302,
        "the portal is an enterprise's page: staff go to the list",
    ),
}

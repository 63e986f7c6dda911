"""Route-matrix samples for the economy pages: for each model with a pk route, one in reach, one of the
other enterprise in the same park, one in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scipark.core.testing import World

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

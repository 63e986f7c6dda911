"""Route-matrix samples for the economy pages: for each model with a pk route, one in reach, one of the
other enterprise in the same park, one in the other park."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from scipark.core.testing import World, as_shown, csv_upload, enterprise_for, park_of

from .models import AnnualTarget, ClosedPeriod, FixedAssetProject, Indicator, MonthlyReturn

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


def _keyed(world: World, user: Any) -> Any:
    """The enterprise whose returns the user files: their own, or for 经济发展 staff the first of their park."""
    return enterprise_for(user, "add", "economy") or world.enterprise


def _other_indicator() -> Indicator:
    """An active indicator other than the samples' (which has a 2023 target)."""
    return (
        Indicator.objects.filter(is_active=True)
        .exclude(code=ROUTE_LITERALS["indicator_code"])
        .order_by("pk")[0]
    )


def _project(world: World, user: Any, **extra: Any) -> dict[str, Any]:
    return {
        "park": park_of(user, world).pk,
        "name": "年产 500 吨原料药技改项目",
        "planned_total": "8000",
        "start_date": "2023-03-01",
        **extra,
    }


def _portal_return(world: World, obj: Any, user: Any) -> dict[str, Any]:
    """December 2023 of the enterprise, close to its November (no change to explain); staff name it."""
    data: dict[str, Any] = {
        "industrial_output": "126",
        "revenue": "105",
        "value_added": "38",
        "profit": "12",
        "sales": "100",
        "employees": "80",
    }
    if not user.memberships.filter(enterprise__isnull=False).exists():
        data["enterprise"] = world.enterprise.pk  # staff enter a paper return for an enterprise of their park
    return data


def _returns_file(world: World, obj: Any, user: Any) -> dict[str, Any]:
    rows = [["统一社会信用代码", "报告期", "营业收入(万元)", "工业总产值(万元)"]]
    rows.append([world.enterprise.credit_code, "2023-12", "105", "126"])
    return {"park": park_of(user, world).pk, "file": csv_upload("returns.csv", rows)}


def _closed_october(world: World, obj: Any, user: Any) -> dict[str, Any]:
    """Reopening (重新开放) needs a closed month: the user's park has closed October 2023."""
    park = park_of(user, world)
    ClosedPeriod.objects.get_or_create(
        park=park, period=dt.date(2023, 10, 1), defaults={"closed_at": timezone.now()}
    )
    return {"park": park.pk, "period": "2023-10", "reason": "统计局反馈更正营业收入。"}


#: Route matrix: valid data per route (edit pages and buttons are valid as shown).
ROUTE_POSTS = {
    "economy:project_edit": as_shown,
    "economy:target_edit": as_shown,
    "economy:indicator_edit": as_shown,
    "economy:indicator_add": lambda world, obj, user: {
        "code": "matrix_revenue",
        "name": "矩阵营业收入",
        "definition": "规模以上工业企业营业收入合计。",
        "unit": "元",
        "measure": "revenue",
    },
    "economy:decision_add": lambda world, obj, user: {
        "enterprise": world.enterprise.pk
        if park_of(user, world) == world.park
        else world.foreign_enterprise.pk,
        "direction": "enter",
        "reason": "growth",
        "effective_period": "2023-12",
        "decided_on": "2024-01-10",
        "document": "青统字〔2024〕3号",
    },
    "economy:portal_return": _portal_return,
    "economy:project_investment": lambda world, obj, user: {"period": "2023-06", "amount": "500"},
    "economy:project_add": lambda world, obj, user: _project(world, user),
    "economy:return_import": _returns_file,
    "economy:target_add": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "indicator": _other_indicator().pk,
        "year": "2024",
        "value": "120000",
    },
    # the detail page's review form (MonthlyReturn has no get_absolute_url for the matrix to find it)
    "economy:return_accept": lambda world, obj, user: {
        "version": obj.version,
        "review_note": "数据核实无误。",
    },
    "economy:return_send_back": lambda world, obj, user: {
        "version": obj.version,
        "review_note": "营业收入与上月差异较大,请核实。",
    },
    "economy:remind": lambda world, obj, user: {"period": "2023-11"},
    "economy:period_close": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "period": "2023-10",
        "note": "应报企业均已报送。",
    },
    "economy:period_reopen": _closed_october,
    "monthly-return-list": lambda world, obj, user: {
        "enterprise": _keyed(world, user).pk,
        "period": "2023-12-01",
        "revenue": "1050000",
        "industrial_output": "1260000",
    },
    "monthly-return-accept": lambda world, obj, user: {"version": obj.version, "note": "数据核实无误。"},
    "monthly-return-reject": lambda world, obj, user: {"version": obj.version, "note": "营业收入请核实。"},
    "economy-target-list": lambda world, obj, user: {
        "park": park_of(user, world).pk,
        "indicator": _other_indicator().pk,
        "year": 2024,
        "value": "1200000000",
    },
    "investment-project-list": lambda world, obj, user: _project(world, user, planned_total="80000000"),
    "investment-project-detail": lambda world, obj, user: {
        "park": obj.park_id,
        "name": obj.name,
        "planned_total": str(obj.planned_total),
        "start_date": str(obj.start_date),
        "note": "计划总投资经复核",
        "version": obj.version,
    },
}
#: Route matrix: an import upload answers with its preview (200); a second POST confirms it.
_PREVIEW = (200, "an upload answers with its preview; a second POST confirms it")
_KEEPERS_ONLY = (403, "the economy's keepers only: an enterprise files its own returns")
#: Route matrix: allowed by role (an enterprise adds and changes its returns), refused by the page.
ROUTE_STATUS: dict[tuple[str, str, str | None], Any] = {
    ("economy:return_import", "POST", None): _PREVIEW,
    **{
        (name, method, "enterprise_user"): _KEEPERS_ONLY
        for name in (
            "economy:decision_add",
            "economy:project_add",
            "economy:target_add",
        )
        for method in ("GET", "POST")
    },
    **{
        (name, "POST", "enterprise_user"): _KEEPERS_ONLY
        for name in (
            "economy:remind",
            "economy:period_close",
            "economy:period_reopen",
            "economy:return_accept",
            "economy:return_send_back",
            "monthly-return-accept",
            "monthly-return-reject",
            "investment-project-list",
            "economy-target-list",
        )
    },
    ("economy:drill", "GET", "enterprise_user"): _KEEPERS_ONLY,
    ("economy:portal", "GET", "economy_staff"): (
        302,
        "the portal is an enterprise's page: staff go to the list",
    ),
}

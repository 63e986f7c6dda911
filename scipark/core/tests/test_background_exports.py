"""Large exports as background tasks (issue 15 item 3, ADR 0011): above the threshold the page follows a run
whose file is the synchronous download's sheet, cell for cell — suppression for a zone viewer included —
kept for its user only; below it the export stays synchronous.

The threshold is lowered in these tests (``SCIPARK_EXPORT_BACKGROUND_ROWS``): what is checked is that the two
paths give the same sheet, which does not depend on the size.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from scipark.core.models import AuditEvent, TaskRun
from scipark.core.tasks import export_list
from scipark.core.testing import World, make_enterprise
from scipark.economy import services
from scipark.economy.models import ScaleSet

DASHBOARD = "/economy/"
REGISTRY = "/enterprises/"
#: The lone wholesaler's own figures, as the exports would write them unsuppressed (see economy's
#: test_suppression_surfaces): none may reach a zone viewer.
SECRETS = ("98765.43", "9.88", "23.46", "7654.32", "53.09")


def wholesale_industry() -> Any:
    industry = apps.get_model("enterprises", "Industry")
    section = industry.objects.get_or_create(
        code="F", defaults={"name": "批发和零售业", "level": 1, "section": "F"}
    )[0]
    division = industry.objects.get_or_create(
        code="51", defaults={"name": "批发业", "level": 2, "parent": section, "section": "F"}
    )[0]
    group = industry.objects.get_or_create(
        code="515", defaults={"name": "食品批发", "level": 3, "parent": division, "section": "F"}
    )[0]
    return industry.objects.get_or_create(
        code="5151", defaults={"name": "米、面制品及食用油批发", "level": 4, "parent": group, "section": "F"}
    )[0]


@pytest.fixture
def lone_wholesaler(world: World) -> Any:
    """The park's only above-quota wholesaler (a one-enterprise cell: suppressed for a zone viewer)."""
    staff = world.user("economy_staff")
    wholesaler = make_enterprise(
        world.park, 31, "青海独家批发有限公司", industry=wholesale_industry(), activity_type="wholesale"
    )
    services.scale_decision_record(
        user=staff,
        enterprise=wholesaler,
        scale_set=ScaleSet.ABOVE_QUOTA_WHOLESALE,
        direction="enter",
        effective_period=dt.date(2022, 1, 1),
        decided_on=dt.date(2022, 1, 20),
    )
    for year, sales in ((2022, 800_000_000), (2023, 987_654_321)):
        services.return_record(
            user=staff,
            enterprise=wholesaler,
            period=dt.date(year, 12, 1),
            data={"sales": Decimal(sales)},
            reasons={"sales": "测试"},
        )
    return wholesaler


def cells(content: bytes) -> list[tuple[Any, ...]]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def background(settings: Any) -> None:
    settings.SCIPARK_EXPORT_BACKGROUND_ROWS = 0  # every non-empty export goes to the worker


def the_run(user: Any) -> TaskRun:
    return TaskRun.objects.get(kind="export:xlsx", user=user)


def download(client: Client, run: TaskRun, n: int = 0) -> Any:
    return client.get(reverse("core:task_run_file", args=[run.token.hex]), {"n": n})


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.mark.parametrize("table", ["breakdown", "headlines", "trend", "changes"])
def test_the_zone_viewers_export_by_the_worker_equals_the_synchronous_one_suppression_included(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any, table: str
) -> None:
    zone = client_for("zone_viewer")
    query = {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": table}
    synchronous = zone.get(DASHBOARD, query)
    assert synchronous["Content-Type"].startswith("application/vnd.openxmlformats")
    expected = cells(synchronous.content)

    background(settings)
    page = zone.get(DASHBOARD, query)
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    run = the_run(world.user("zone_viewer"))
    assert run.state == TaskRun.State.DONE, run.message
    assert run.done == run.total == len(expected) - 1  # the header is not a row
    assert reverse("core:task_run_file", args=[run.token.hex]) in page.content.decode()
    made = download(zone, run)
    assert made.status_code == 200 and made["Content-Type"].startswith("application/vnd.openxmlformats")
    assert made["Content-Disposition"] == synchronous["Content-Disposition"]
    got = cells(b"".join(made.streaming_content))
    assert got == expected
    text = " ".join(str(v) for row in got for v in row if v is not None)
    for secret in SECRETS:
        assert secret not in text
    # stored for this user only, under MEDIA_ROOT/runs/<user id>/
    assert [p.parent.name for p in (media / "runs").glob("*/*")] == [str(world.user("zone_viewer").pk)]


def test_the_export_and_the_download_are_audited_as_the_synchronous_export(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    zone = client_for("zone_viewer")
    query = {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"}
    zone.get(DASHBOARD, query)
    background(settings)
    zone.get(DASHBOARD, query)
    download(zone, the_run(world.user("zone_viewer")))
    sync, made, fetched = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).order_by("id")
    assert sync.object_type == made.object_type == fetched.object_type == "economy.dashboard.breakdown"
    assert sync.user == made.user == fetched.user == world.user("zone_viewer")
    assert made.detail == {**sync.detail, "run": made.detail["run"]}
    assert fetched.detail["rows"] == sync.detail["rows"] and fetched.detail["file"].endswith(".xlsx")


def test_a_registry_list_made_by_the_worker_equals_the_synchronous_one(
    world: World, client_for: Any, settings: Any, media: Any
) -> None:
    staff = client_for("economy_staff")
    query = {"export": "xlsx", "sort": "-name"}
    synchronous = staff.get(REGISTRY, query)
    assert synchronous.status_code == 200
    expected = cells(synchronous.content)
    assert len(expected) > 2
    background(settings)
    staff.get(REGISTRY, query)
    run = the_run(world.user("economy_staff"))
    assert cells(b"".join(download(staff, run).streaming_content)) == expected


def test_another_user_gets_404_on_the_download_and_the_fragment(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    background(settings)
    zone = client_for("zone_viewer")
    zone.get(
        DASHBOARD,
        {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"},
    )
    run = the_run(world.user("zone_viewer"))
    assert download(zone, run).status_code == 200
    for persona in ("park_leader", "economy_staff", "security_admin", "audit_admin"):
        other = client_for(persona)
        assert download(other, run).status_code == 404, persona
        assert other.get(reverse("core:task_run", args=[run.token.hex])).status_code == 404, persona
    assert download(Client(), run).status_code == 302  # to the sign-in page
    assert download(zone, run, n=1).status_code == 404  # no second file
    assert zone.get(reverse("core:task_run_file", args=["not-a-token"])).status_code == 404


def test_the_progress_fragment_shows_done_and_the_download_link(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    background(settings)
    zone = client_for("zone_viewer")
    zone.get(
        DASHBOARD,
        {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"},
    )
    run = the_run(world.user("zone_viewer"))
    fragment = zone.get(reverse("core:task_run", args=[run.token.hex])).content.decode()
    assert 'data-state="done"' in fragment and "已完成" in fragment and "hx-trigger" not in fragment
    link = f"{reverse('core:task_run_file', args=[run.token.hex])}?n=0"
    assert link in fragment and "导出完成" in fragment


def test_with_a_queue_the_page_polls_and_the_worker_makes_the_file_afterwards(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    background(settings)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # nothing runs
    zone = client_for("zone_viewer")
    query = {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"}
    page = zone.get(DASHBOARD, query)
    run = the_run(world.user("zone_viewer"))
    assert run.state == TaskRun.State.QUEUED and run.total > 0
    body = page.content.decode()
    assert 'hx-trigger="every 1s"' in body and "排队中" in body and "task-run-file" not in body
    assert download(zone, run).status_code == 404  # nothing to fetch yet

    from django_tasks import default_task_backend

    (queued,) = default_task_backend.results  # type: ignore[attr-defined]
    export_list.call(**queued.kwargs)  # the worker, later and outside the request
    run.refresh_from_db()
    assert run.state == TaskRun.State.DONE
    settings.SCIPARK_EXPORT_BACKGROUND_ROWS = 10**9
    assert cells(b"".join(download(zone, run).streaming_content)) == cells(zone.get(DASHBOARD, query).content)


def test_a_user_deactivated_before_the_worker_ran_gets_no_file(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    background(settings)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    zone = client_for("zone_viewer")
    zone.get(
        DASHBOARD,
        {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"},
    )
    from django_tasks import default_task_backend

    (queued,) = default_task_backend.results  # type: ignore[attr-defined]
    user = world.user("zone_viewer")
    user.is_active = False
    user.save()
    export_list.call(**queued.kwargs)
    run = the_run(user)
    assert run.state == TaskRun.State.FAILED and "已停用" in run.message and "files" not in run.result
    assert not (media / "runs").exists()


def test_a_refusal_on_replay_fails_the_run_in_chinese(
    world: World, client_for: Any, lone_wholesaler: Any, settings: Any, media: Any
) -> None:
    """The contributors table is individual data: the route refuses the zone viewer, so no file is made even
    when the request reaches the worker (here by hand: the page refuses it before any run is recorded)."""
    user = world.user("zone_viewer")
    run = TaskRun.objects.create(kind="export:xlsx", label="导出", user=user)
    export_list.call(
        run_id=run.pk,
        path=DASHBOARD,
        query="park=zone&year=2023&month=12&export=xlsx&table=contributors",
        host="testserver",
        language="zh-hans",
        client_ip="127.0.0.1",
        request_id="",
    )
    run.refresh_from_db()
    assert run.state == TaskRun.State.FAILED and "没有导出该列表的权限" in run.message


def test_below_the_threshold_the_export_stays_synchronous(
    world: World, client_for: Any, lone_wholesaler: Any
) -> None:
    zone = client_for("zone_viewer")
    response = zone.get(
        DASHBOARD,
        {"park": "zone", "year": 2023, "month": 12, "kpi": 1, "export": "xlsx", "table": "breakdown"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not TaskRun.objects.filter(kind="export:xlsx").exists()

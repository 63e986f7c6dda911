"""The generic run page (``/runs/<token>/``) and the runs whose app follows them on a page of its own.

An app declares ``run_pages`` (run kind → URL name) on its AppConfig; the generic page sends the run's owner
there — the pipe-network import's run ends with segments, points and metres, not the generic importers'
"新建 0 条". Anyone else still gets 404, and the generic importers' runs end on the generic page as before.
Tasks run with the immediate back end (settings.test).
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from scipark.core.contributions import module_configs, run_page_for
from scipark.core.models import TaskRun
from scipark.core.testing import World
from scipark.core.tests import hostile
from scipark.environment import tasks as network_tasks
from scipark.environment.tests.network_files import network_geojson


def generic(client: Client, run: TaskRun, **kwargs: Any) -> Any:
    return client.get(reverse("core:task_run", args=[run.token.hex]), **kwargs)


def network_run(client: Client, world: World) -> TaskRun:
    raw = network_geojson(5, vertices=3)
    file = SimpleUploadedFile("survey.geojson", raw)
    client.post(
        reverse("environment:network_import"), {"park": world.park.pk, "datum": "wgs84", "file": file}
    )
    return TaskRun.objects.get(kind=network_tasks.KIND)


def test_the_owner_of_a_network_run_is_sent_to_its_page_which_shows_segments_and_metres(
    client_for: Any, world: World
) -> None:
    client = client_for("environment_staff")
    run = network_run(client, world)
    assert run.state == TaskRun.State.DONE
    own_page = f"{reverse('environment:network_import')}?run={run.token.hex}"

    answer = generic(client, run)
    assert answer.status_code == 302 and answer["Location"] == own_page
    page = client.get(answer["Location"]).content.decode()
    assert run.message and run.message.startswith("已导入管段 ") and run.message in page
    assert "新建 0 条" not in page and "导入完成" not in page

    # a poll from an htmx fragment navigates to the page instead of swapping a whole page into itself
    polled = generic(client, run, headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Redirect"] == own_page


def test_a_network_run_in_progress_goes_to_the_page_that_follows_it(client_for: Any, world: World) -> None:
    owner = world.user("environment_staff")
    run = TaskRun.objects.create(
        kind=network_tasks.KIND, label="导入地下管网:a.geojson", user=owner, park=world.park, state="running"
    )
    answer = generic(client_for("environment_staff"), run, follow=True)
    page = answer.content.decode()
    assert answer.redirect_chain[0][1] == 302 and 'data-state="running"' in page
    assert f'hx-get="{reverse("environment:network_import")}?run={run.token.hex}"' in page


def test_anyone_else_still_gets_404_and_no_hint_of_the_page(client_for: Any, world: World) -> None:
    run = network_run(client_for("environment_staff"), world)
    for persona in ("park_leader", "economy_staff", "other_park_staff", "security_admin", "system_admin"):
        for headers in ({}, {"HX-Request": "true"}):
            answer = generic(client_for(persona), run, headers=headers)
            assert answer.status_code == 404, persona
            assert "HX-Redirect" not in answer and "Location" not in answer, persona
    anonymous = generic(Client(), run)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))


def test_the_generic_importers_runs_still_end_on_the_generic_page(client_for: Any, world: World) -> None:
    client = client_for("economy_staff")
    file = SimpleUploadedFile("企业.xlsx", hostile.xlsx(hostile.good_rows(2)))
    preview = client.post(reverse("enterprises:import"), {"park": world.park.pk, "file": file})
    client.post(reverse("enterprises:import"), {"token": preview.context["token"]})
    for run in TaskRun.objects.filter(kind="import:enterprises"):
        assert run_page_for(run.kind) is None
        answer = generic(client, run)
        assert answer.status_code == 200 and 'data-testid="task-run"' in answer.content.decode()
    write = TaskRun.objects.get(kind="import:enterprises", label__startswith="导入")
    assert "导入完成:新建 2 条" in generic(client, write).content.decode()


def test_every_declared_run_page_resolves_and_the_network_kind_is_the_task_s() -> None:
    declared = {kind: name for config in module_configs() for kind, name in config.run_pages.items()}
    assert declared.get(network_tasks.KIND) == "environment:network_import"
    for name in declared.values():
        reverse(name)
    assert run_page_for("export:xlsx") is None

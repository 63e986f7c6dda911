"""The pipe-network import as a background run (ADR 0011, ADR 0015 §8): the page answers with the run and
follows it to the counts or the located errors; all or nothing; the run is its starter's alone.

Under the tests' immediate back end the task has run when the POST's redirect is followed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from scipark.core import tasks as core_tasks
from scipark.core.imports import storage
from scipark.core.models import TaskRun
from scipark.core.testing import World
from scipark.environment import tasks
from scipark.environment.models import NetworkPoint, PipeSegment
from scipark.environment.tests.network_files import network_geojson
from scipark.environment.tests.test_network_import import GOOD, collection, line

URL = "/environment/map/import/"


def upload(client: Client, world: World, raw: bytes, name: str = "survey.geojson") -> Any:
    return client.post(
        URL,
        {"park": world.park.pk, "datum": "wgs84", "file": SimpleUploadedFile(name, raw)},
    )


@pytest.fixture
def stored_paths(monkeypatch: Any) -> list[Path]:
    """The paths the page stored its uploads at (the shared media directory holds other tests' files too)."""
    paths: list[Path] = []
    real = storage.store_upload

    def store(*args: Any, **kwargs: Any) -> storage.StoredUpload:
        stored = real(*args, **kwargs)
        paths.append(stored.path)
        return stored

    monkeypatch.setattr(storage, "store_upload", store)
    return paths


def the_run() -> TaskRun:
    return TaskRun.objects.get(kind=tasks.KIND)


def test_the_page_answers_with_the_run_which_ends_with_the_counts(
    client_for: Any, world: World, stored_paths: list[Path]
) -> None:
    client = client_for("environment_staff")
    assert reverse("environment:network_import") == URL
    answer = upload(client, world, network_geojson(50, vertices=4))
    run = the_run()
    assert answer.status_code == 302 and answer["Location"] == f"{URL}?run={run.token.hex}"
    assert (run.state, run.user, run.park, run.attempts) == (
        "done",
        world.user("environment_staff"),
        world.park,
        1,
    )
    length = sum(s.length_m for s in PipeSegment.objects.filter(park=world.park))
    assert run.result == {"filename": "survey.geojson", "segments": 40, "points": 10, "length_m": str(length)}
    assert run.message == f"已导入管段 40 条(合计 {length:.2f} 米)、点位 10 个。"
    page = client.get(answer["Location"]).content.decode()
    assert 'data-state="done"' in page and "hx-get" not in page
    assert f"已导入管段 40 条(合计 {length:.2f} 米)、点位 10 个。" in page
    assert len(stored_paths) == 1 and not stored_paths[0].exists()  # the task removed the stored upload
    assert storage.SESSION_KEY not in client.session or not client.session[storage.SESSION_KEY]


def test_a_bad_file_ends_the_run_with_located_errors_the_form_again_and_nothing_written(
    client_for: Any, world: World, stored_paths: list[Path]
) -> None:
    client = client_for("environment_staff")
    raw = collection(line("OK1", GOOD), line("X4", GOOD, network="gas"), line("X5", GOOD, work="new"))
    page = client.get(upload(client, world, raw, "bad.geojson")["Location"]).content.decode()
    run = the_run()
    assert run.state == "failed" and run.message == "文件“bad.geojson”有 2 处错误,未导入任何数据。"
    assert [e["text"].split(":")[0] for e in run.errors] == ["第 2 个要素(编号 X4)", "第 3 个要素(编号 X5)"]
    assert "文件“bad.geojson”有 2 处错误,未导入任何数据。请修改后重新上传。" in page
    assert "第 2 个要素(编号 X4):管网类型「gas」无效" in page
    assert 'data-testid="network-import-form"' in page  # upload the corrected file from here
    assert not PipeSegment.objects.filter(park=world.park).exists()
    assert len(stored_paths) == 1 and not stored_paths[0].exists()


def test_a_write_that_crashes_after_the_segments_writes_nothing_and_says_so(
    client_for: Any, world: World, monkeypatch: Any
) -> None:
    def crash(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(NetworkPoint.objects, "bulk_create", crash)
    client = client_for("environment_staff")
    page = client.get(upload(client, world, network_geojson(50, vertices=4))["Location"]).content.decode()
    run = the_run()
    assert (run.state, run.message, run.result) == ("failed", core_tasks.UNEXPECTED, {})
    assert not PipeSegment.objects.exists() and not NetworkPoint.objects.exists()
    assert str(core_tasks.UNEXPECTED) in page


def test_the_run_s_outcome_commits_with_the_rows(world: World, monkeypatch: Any, tmp_path: Path) -> None:
    """The rows and the run's "done" are one transaction: if recording the outcome fails, no row stays."""
    stored = tmp_path / "upload"
    stored.write_bytes(collection(line("T1", GOOD)))
    run = TaskRun.objects.create(kind=tasks.KIND, user=world.user("environment_staff"), park=world.park)
    real_finish = tasks.finish

    def finish(run: TaskRun, **kwargs: Any) -> None:
        if kwargs.get("ok"):
            raise RuntimeError("the run row could not be written")
        real_finish(run, **kwargs)

    monkeypatch.setattr(tasks, "finish", finish)
    tasks.network_import_run.call(
        run_id=run.pk, park_id=world.park.pk, path=str(stored), filename="t.geojson", datum="wgs84"
    )
    run.refresh_from_db()
    assert run.state == "failed" and not PipeSegment.objects.exists() and not stored.exists()


def test_the_task_rechecks_the_user(world: World, tmp_path: Path) -> None:
    for persona, message in [
        ("economy_staff", "您已没有向该园区导入管网数据的权限,未导入任何数据。"),
        ("environment_staff", "发起导入的账号已停用,未导入任何数据。"),
    ]:
        user = world.user(persona)
        if persona == "environment_staff":
            get_user_model().objects.filter(pk=user.pk).update(is_active=False)
        stored = tmp_path / persona
        stored.write_bytes(collection(line(f"U-{persona}", GOOD)))
        run = TaskRun.objects.create(kind=tasks.KIND, user=user, park=world.park)
        tasks.network_import_run.call(
            run_id=run.pk, park_id=world.park.pk, path=str(stored), filename="u.geojson", datum="wgs84"
        )
        run.refresh_from_db()
        assert (run.state, run.message) == ("failed", message)
        assert not stored.exists()
    assert not PipeSegment.objects.exists()


def test_a_file_over_the_upload_cap_is_refused_on_the_form(client_for: Any, world: World) -> None:
    client = client_for("environment_staff")
    raw = collection(*(line(f"C{i}", GOOD) for i in range(40)))
    with override_settings(SCIPARK_UPLOAD_MAX_BYTES=2000):
        answer = upload(client, world, raw)
    assert answer.status_code == 400
    assert f"文件大小 {len(raw) / 1048576:.1f} MB,超过上限 0.0 MB。" in answer.content.decode()
    assert not TaskRun.objects.exists() and not PipeSegment.objects.exists()


def test_a_run_in_progress_is_polled_and_htmx_gets_the_fragment_alone(client_for: Any, world: World) -> None:
    owner = world.user("environment_staff")
    run = TaskRun.objects.create(
        kind=tasks.KIND, label="导入地下管网:大文件.geojson", user=owner, park=world.park, state="running",
        stage="validate", done=12_500, total=50_000,
    )  # fmt: skip
    client = client_for("environment_staff")
    url = f"{URL}?run={run.token.hex}"
    page = client.get(url).content.decode()
    assert "<html" in page and f'hx-get="{url}"' in page and "12500 / 50000" in page and "检查" in page
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment and 'data-state="running"' in fragment and 'value="12500"' in fragment


def test_a_run_is_visible_only_to_who_started_it(client_for: Any, world: World) -> None:
    client = client_for("environment_staff")
    token = the_run_token(client, world)
    colleague = get_user_model().objects.create_user(username="environment_staff_2", password="x" * 12)
    membership = world.user("environment_staff").memberships.get()
    membership.pk, membership.user = None, colleague
    membership.save()
    other = Client()
    other.force_login(colleague)
    for url in (f"{URL}?run={token}", f"/runs/{token}/"):
        assert other.get(url).status_code == 404, url
        assert other.get(url, headers={"HX-Request": "true"}).status_code == 404, url
        assert client.get(url, follow=True).status_code == 200, url  # /runs/…: sent on to the page
    assert other.get(URL).status_code == 200  # the colleague's own import page
    assert client_for("system_admin").get(f"{URL}?run={token}").status_code in (403, 404)
    assert client_for("economy_staff").get(f"{URL}?run={token}").status_code == 403  # the route's rule first
    assert client.get(f"{URL}?run=not-a-token").status_code == 404
    assert client.get(f"{URL}?run={'0' * 32}").status_code == 404


def the_run_token(client: Client, world: World) -> str:
    upload(client, world, json.dumps({"type": "FeatureCollection", "features": [line("V1", GOOD)]}).encode())
    return the_run().token.hex


@pytest.mark.parametrize("persona", ["economy_staff", "enterprise_user"])
def test_only_the_department_reaches_the_import(client_for: Any, world: World, persona: str) -> None:
    client = client_for(persona)
    assert client.get(URL).status_code == 403
    assert upload(client, world, collection(line("Z", GOOD))).status_code == 403
    assert not TaskRun.objects.exists() and not PipeSegment.objects.exists()


def test_the_page_and_its_outcome_read_in_english(client_for: Any, world: World) -> None:
    client = client_for("environment_staff")
    client.cookies["django_language"] = "en"
    form = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Upload and import" in form and "nothing from the file is imported" in form
    answer = upload(client, world, collection(line("EN1", GOOD)))
    page = client.get(answer["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Pipe segments imported: 1 (" in page and "m in all); points: 0." in page

"""``kill -9`` of the task worker in the middle of a pipe-network import (ADR 0011, ADR 0015 §8): none or all of
the segments, the run retried by the next ``scipark tick`` and finished by a worker — never left running.

Real processes on a real SQLite file, as ``core/tests/test_worker_killed.py`` does for the generic import: the
import is enqueued as the page does (a ``TaskRun`` and ``environment.tasks.network_import_run``),
``manage.py db_worker`` picks it up and is killed once the run is running.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scipark.core.testing import sqlite_file_env
from scipark.core.tests.worker_processes import ROOT, WORKER, kill_worker_once_running, manage, query
from scipark.environment.tests.network_files import network_geojson

FEATURES = 20_000  # every fifth a point: 16,000 segments, 4,000 points
ENQUEUE = """
import sys, django
django.setup()
from scipark.accounts.models import User
from scipark.core.models import TaskRun
from scipark.environment.tasks import KIND, network_import_run
from scipark.parks.models import Park
park = Park.objects.get(code="test-bio")
run = TaskRun.objects.create(kind=KIND, label="导入地下管网", user=User.objects.get(username="environment_staff"),
                             park=park)
network_import_run.enqueue(run_id=run.pk, park_id=park.pk, path=sys.argv[1], filename="管网.geojson",
                           datum="wgs84")
"""


@pytest.mark.own_sqlite_file
def test_a_worker_killed_mid_network_import_leaves_all_or_nothing_and_the_run_is_retried_to_the_end(
    tmp_path: Path, seeded_sqlite_file: Path
) -> None:
    db = seeded_sqlite_file
    env = sqlite_file_env(db)
    env["SCIPARK_VAR_DIR"] = str(tmp_path / "var")
    env["SCIPARK_UPLOAD_MAX_BYTES"] = str(64 * 1024 * 1024)
    python = sys.executable
    upload = tmp_path / "upload"
    upload.write_bytes(network_geojson(FEATURES, vertices=5))
    segments = "SELECT count(*) FROM environment_pipesegment"
    enqueue = subprocess.run([python, "-c", ENQUEUE, str(upload)], cwd=ROOT, env=env, check=False)
    assert enqueue.returncode == 0

    kill_worker_once_running(db, env)
    assert query(db, "SELECT state FROM core_taskrun") == ("running",), "the run ended before the kill"
    assert query(db, segments) == (0,)  # the rows and the run's end commit together: not yet
    assert upload.exists()  # kept for the retry

    tick = manage(env, "tick")
    assert tick.returncode == 0 and "1 个中断的任务已重新排队" in tick.stdout, tick.stderr[-2000:]
    assert query(db, "SELECT state, attempts FROM core_taskrun") == ("queued", 1)

    again = manage(env, *WORKER)
    assert again.returncode == 0, again.stderr[-2000:]
    assert query(db, "SELECT state, attempts FROM core_taskrun") == ("done", 2)
    assert query(db, segments) == (16_000,)
    assert query(db, "SELECT count(*) FROM environment_networkpoint") == (4_000,)
    assert not upload.exists()  # the finished import removed the upload

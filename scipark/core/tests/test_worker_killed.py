"""``kill -9`` of the task worker in the middle of a web import (issue 15 item 3): none or all of the rows, and
the run is retried by the next ``scipark tick``, then finished by a worker — never left running.

Real processes on a real SQLite file: the import is enqueued as the page does (a ``TaskRun`` and
``core.tasks.import_file``), ``manage.py db_worker`` picks it up and is killed once the run is running.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scipark.core.identifiers import credit_code_from_number
from scipark.core.testing import sqlite_file_env
from scipark.core.tests.worker_processes import ROOT, WORKER, kill_worker_once_running, manage, query

ROWS = 3000
ENQUEUE = """
import sys, django
django.setup()
from scipark.accounts.models import User
from scipark.core.models import TaskRun
from scipark.core.tasks import import_file
from scipark.parks.models import Park
run = TaskRun.objects.create(kind="import:enterprises", label="导入企业", user=User.objects.get(username="economy_staff"),
                             park=Park.objects.get(code="test-bio"))
import_file.enqueue(run_id=run.pk, kind="enterprises", path=sys.argv[1], filename="企业.csv", dry_run=False)
"""


@pytest.mark.own_sqlite_file
def test_a_worker_killed_mid_import_leaves_all_or_nothing_and_the_run_is_retried_to_the_end(
    tmp_path: Path, seeded_sqlite_file: Path
) -> None:
    db = seeded_sqlite_file
    env = sqlite_file_env(db)
    env["SCIPARK_VAR_DIR"] = str(tmp_path / "var")
    python = sys.executable
    upload = tmp_path / "upload.csv"
    lines = ["统一社会信用代码,企业名称,行业代码"]
    lines += [f"{credit_code_from_number(200_000 + i)},青海中断测试{i:05d}有限公司,2710" for i in range(ROWS)]
    upload.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = int(str(query(db, "SELECT count(*) FROM enterprises_enterprise")[0]))
    enqueue = subprocess.run([python, "-c", ENQUEUE, str(upload)], cwd=ROOT, env=env, check=False)
    assert enqueue.returncode == 0

    kill_worker_once_running(db, env)
    assert query(db, "SELECT state FROM core_taskrun") == ("running",), "the run ended before the kill"
    assert query(db, "SELECT status FROM django_tasks_database_dbtaskresult") == ("RUNNING",)
    assert query(db, "SELECT count(*) FROM enterprises_enterprise")[0] in (before, before + ROWS)

    tick = manage(env, "tick")
    assert tick.returncode == 0 and "1 个中断的任务已重新排队" in tick.stdout, tick.stderr[-2000:]
    assert query(db, "SELECT state, attempts FROM core_taskrun") == ("queued", 1)
    assert query(db, "SELECT status FROM django_tasks_database_dbtaskresult") == ("READY",)

    again = manage(env, *WORKER)
    assert again.returncode == 0, again.stderr[-2000:]
    assert query(db, "SELECT state, attempts FROM core_taskrun") == ("done", 2)
    assert query(db, "SELECT status FROM django_tasks_database_dbtaskresult") == ("SUCCESSFUL",)
    assert query(db, "SELECT count(*) FROM enterprises_enterprise")[0] == before + ROWS
    assert not upload.exists()  # the finished write removed the upload

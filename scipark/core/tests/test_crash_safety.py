"""SECURITY.md row 16: `kill -9` during an import leaves no partial data, and the import can be re-run.

A real import (the CLI, in a subprocess, on a real SQLite file) of a few thousand enterprises is killed
at several moments; after each kill the registry holds either none or all of the file's rows."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scipark.core.identifiers import credit_code_from_number
from scipark.core.testing import sqlite_file_env

ROOT = Path(__file__).resolve().parents[3]
ROWS = 3000


def write_csv(path: Path) -> None:
    lines = ["统一社会信用代码,企业名称,行业代码"]
    lines += [f"{credit_code_from_number(100_000 + i)},青海崩溃测试{i:05d}有限公司,2710" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def enterprise_count(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM enterprises_enterprise").fetchone()[0])


@pytest.mark.own_sqlite_file
def test_an_import_killed_at_any_moment_writes_all_or_nothing_and_can_be_rerun(
    tmp_path: Path, seeded_sqlite_file: Path
) -> None:
    db = seeded_sqlite_file
    env = sqlite_file_env(db)
    python = sys.executable
    csv = tmp_path / "enterprises.csv"
    write_csv(csv)
    before = enterprise_count(db)
    command = [
        python,
        "manage.py",
        "import_data",
        "enterprises",
        str(csv),
        "--park",
        "test-bio",
        "--user",
        "economy_staff",
    ]

    for delay in (0.5, 1.5, 3.0, 5.0):
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        count = enterprise_count(db)
        assert count in (before, before + ROWS), (
            f"partial import after kill at {delay}s: {count - before} rows"
        )
        if count == before + ROWS:
            break

    rerun = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert enterprise_count(db) == before + ROWS
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"

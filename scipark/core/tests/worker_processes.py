"""Real worker processes on a real SQLite file, for the ``kill -9`` tests (``test_worker_killed.py`` and the
environment app's network import): read the file, wait for a state, run ``manage.py``, start ``db_worker`` and
kill it once the run is running."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
WORKER = ("db_worker", "--batch", "--no-startup-delay", "--no-reload", "-v", "0")


def query(db: Path, sql: str) -> tuple[object, ...]:
    with sqlite3.connect(db, timeout=30) as conn:
        row = conn.execute(sql).fetchone()
    return tuple(row) if row else ()


def wait_for(db: Path, sql: str, expected: object, seconds: float = 300) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if query(db, sql) == (expected,):
            return
        time.sleep(0.05)
    raise AssertionError(f"{sql} never gave {expected!r}")


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """``manage.py ARGS`` in a process of its own on ``env``'s database."""
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def kill_worker_once_running(db: Path, env: dict[str, str]) -> None:
    """Start ``db_worker``, wait until the (only) run is running, and ``kill -9`` it."""
    worker = subprocess.Popen(
        [sys.executable, "manage.py", *WORKER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(db, "SELECT state FROM core_taskrun", "running")
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=60)

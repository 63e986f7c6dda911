"""``scipark run``: a worker that dies on its own (``kill -9``) is started again and ``tick`` runs at once, so the
run it left is put back on the queue; the supervisor keeps serving. Stand-in children, real processes."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

from scipark import cli

WORKER = """
import os, signal, sys, time
starts = sys.argv[1]
with open(starts, "a") as f:
    f.write("start\\n")
if open(starts).read().count("start") == 1:
    os.kill(os.getpid(), signal.SIGKILL)  # the first worker is killed mid-task
signal.signal(signal.SIGINT, lambda *a: sys.exit(0))
open(sys.argv[2], "w").close()
time.sleep(120)
"""
WEB = """
import os, sys, time
end = time.monotonic() + 120
while not os.path.exists(sys.argv[1]) and time.monotonic() < end:
    time.sleep(0.05)
"""
TICK = "import sys; open(sys.argv[1], 'a').write('tick\\n')"


def test_a_killed_worker_is_started_again_and_tick_runs_at_once(tmp_path: Path) -> None:
    starts, second, ticks = tmp_path / "starts", tmp_path / "second", tmp_path / "ticks"
    commands = (
        [sys.executable, "-c", WEB, str(second)],
        [sys.executable, "-c", WORKER, str(starts), str(second)],
        [sys.executable, "-c", TICK, str(ticks)],
    )
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        code = cli.run("127.0.0.1:0", tick_every=3600, commands=commands)
    finally:
        signal.signal(signal.SIGINT, handlers[0])
        signal.signal(signal.SIGTERM, handlers[1])
    assert code == 0  # the web server ended on its own, cleanly
    assert starts.read_text().count("start") == 2 and second.exists()
    assert ticks.read_text().count("tick") == 2  # on start, and again right after the restart


def test_a_worker_that_keeps_dying_stops_the_supervisor(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(cli, "WORKER_RESTARTS", 1)
    commands = (
        [sys.executable, "-c", "import time; time.sleep(120)"],
        [sys.executable, "-c", "import sys; sys.exit(3)"],
        [sys.executable, "-c", "pass"],
    )
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    try:
        assert cli.run("127.0.0.1:0", tick_every=3600, commands=commands) == 3
    finally:
        signal.signal(signal.SIGINT, handlers[0])
        signal.signal(signal.SIGTERM, handlers[1])

"""``scipark run`` (``make run``): stopping passes one SIGINT to each child's process group and waits."""

from __future__ import annotations

import subprocess
import sys

from scipark import cli

GRACEFUL = "signal.signal(signal.SIGINT, lambda *a: sys.exit(0))"
STUBBORN = "signal.signal(signal.SIGINT, signal.SIG_IGN)"


def child(handler: str) -> subprocess.Popen[str]:
    """A child that, once its SIGINT handler is set (it says so), sleeps."""
    code = f"import signal, sys, time\n{handler}\nprint('ready', flush=True)\ntime.sleep(120)"
    process = subprocess.Popen(
        [sys.executable, "-c", code], start_new_session=True, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process


def test_stop_interrupts_every_child_and_waits_for_it():
    children = [child(GRACEFUL), child(GRACEFUL)]
    cli._stop(children)
    assert [c.poll() for c in children] == [0, 0]  # each ended by its own SIGINT handler


def test_a_child_that_ignores_sigint_is_killed_after_the_grace(monkeypatch):
    monkeypatch.setattr(cli, "GRACE", 0.5)
    stubborn = child(STUBBORN)
    cli._stop([stubborn])
    assert stubborn.poll() == -9

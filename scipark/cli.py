"""The ``scipark`` console command: manage.py with the project's settings, plus short verbs.

``scipark demo``, ``scipark import enterprises FILE``, ``scipark serve`` … are Django management
commands; ``scipark import KIND FILE`` is spelled ``import_data`` inside Django because ``import`` is
a Python keyword."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

ALIASES = {"import": "import_data"}
#: ``scipark run``: how often the supervisor runs ``tick`` (seconds), and how long Ctrl-C waits for the
#: worker to finish the task it is running before it is stopped (a second Ctrl-C stops it at once).
TICK_EVERY = 60
GRACE = 600
#: How many times ``scipark run`` starts again a worker that died on its own before it gives up (and stops).
WORKER_RESTARTS = 5


def run(
    address: str,
    *,
    tick_every: float = TICK_EVERY,
    commands: tuple[list[str], list[str], list[str]] | None = None,
) -> int:
    """``scipark run [ADDR]`` (``make run``): the web server and the task worker together, ``tick`` once a
    minute; Ctrl-C (or the web server ending) stops both. Each child has its own process group, so the
    terminal's Ctrl-C reaches only this supervisor, which passes one SIGINT on: the worker finishes its
    current task (an import is one transaction: none or all of its rows) and exits.

    A worker that dies on its own (``kill -9``, out of memory) is started again, up to ``WORKER_RESTARTS``
    times, and ``tick`` runs at once so the run it left is put back on the queue (``core.task_recovery``).
    ``commands`` (web server, worker, tick) replaces the real ones in tests."""
    manage = [sys.executable, "-m", "scipark.cli"]
    web_command, worker_command, tick_command = commands or (
        [*manage, "runserver", address],
        [*manage, "db_worker", "--interval", "1", "--no-reload"],
        [*manage, "tick"],
    )
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    signal.signal(signal.SIGTERM, _interrupt)
    web = subprocess.Popen(web_command, start_new_session=True)  # noqa: S603
    worker = subprocess.Popen(worker_command, start_new_session=True)  # noqa: S603
    code = 0
    restarts = WORKER_RESTARTS
    next_tick = time.monotonic()
    try:
        while web.poll() is None:
            if worker.poll() is not None:
                if restarts == 0:
                    code = worker.returncode or 1
                    break
                restarts -= 1
                print(
                    f"后台任务进程已退出(返回码 {worker.returncode}),正在重新启动并恢复中断的任务……",
                    file=sys.stderr,
                )
                worker = subprocess.Popen(worker_command, start_new_session=True)  # noqa: S603
                next_tick = time.monotonic()
            if time.monotonic() >= next_tick:
                subprocess.run(tick_command, check=False)  # noqa: S603
                next_tick = time.monotonic() + tick_every
            time.sleep(0.5)
        else:
            code = web.returncode or 0
    except KeyboardInterrupt:
        print("\n正在停止 Web 服务与后台任务进程(等待当前任务完成,再按 Ctrl-C 立即停止)……", file=sys.stderr)
    finally:
        _stop([web, worker])
    return code


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop(children: Sequence[subprocess.Popen[Any]]) -> None:
    for child in children:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGINT)
    try:
        for child in children:
            child.wait(timeout=GRACE)
    except (KeyboardInterrupt, subprocess.TimeoutExpired):
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scipark.settings.dev")
    if len(args) > 1 and args[1] == "run":
        sys.exit(run(args[2] if len(args) > 2 else "127.0.0.1:8000"))
    if len(args) > 1 and args[1] in ALIASES:
        args[1] = ALIASES[args[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(["scipark", *args[1:]])


if __name__ == "__main__":
    main()

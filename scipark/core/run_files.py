"""The files a background run produced for the person who started it (a large export, the annual summary).

They are kept under ``MEDIA_ROOT/runs/<user id>/``, named by the run's random token (no user-chosen name touches
the file system), listed on the run (``TaskRun.result["files"]``) and served only to that user by
``core:task_run_file`` — MEDIA is not served by the web server. ``scipark tick`` removes them after
``KEEP_DAYS``.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from django.conf import settings

from .models import TaskRun

RUNS_DIR = "runs"
#: A produced file is kept this many days after its run ended (settings: SCIPARK_RUN_FILES_DAYS).
KEEP_DAYS = 7


def keep_days() -> int:
    return int(getattr(settings, "SCIPARK_RUN_FILES_DAYS", KEEP_DAYS))


def user_dir(user_id: int) -> Path:
    """Where the files of this user's runs live."""
    return Path(settings.MEDIA_ROOT) / RUNS_DIR / str(int(user_id))


def store_run_file(
    run: TaskRun,
    data: bytes,
    *,
    suffix: str,
    download_name: str,
    fallback_name: str,
    content_type: str,
    label: str,
    audit: dict[str, Any],
) -> dict[str, Any]:
    """Write one produced file for ``run``'s user and return its entry for ``run.result["files"]``.

    ``audit`` holds what the download's audit event records (``object_type`` and ``detail``), the same as the
    synchronous download's event.
    """
    if run.user_id is None:
        raise ValueError("a run's file belongs to the user who started it")
    folder = user_dir(run.user_id)
    folder.mkdir(parents=True, exist_ok=True)
    index = len(list(folder.glob(f"{run.token.hex}-*")))
    target = folder / f"{run.token.hex}-{index}{suffix}"
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, target)  # a reader never sees half a file
    return {
        "file": target.name,
        "name": download_name,
        "fallback": fallback_name,
        "content_type": content_type,
        "label": label,
        "size": len(data),
        "audit": audit,
    }


def run_file_path(run: TaskRun, entry: dict[str, Any]) -> Path | None:
    """The stored file of one entry of ``run``, or None when it is gone (or the entry is not a plain name)."""
    name = str(entry.get("file", ""))
    if run.user_id is None or not name.startswith(run.token.hex) or "/" in name or "\\" in name:
        return None
    path = user_dir(run.user_id) / name
    return path if path.is_file() else None


def prune_run_files(now: dt.datetime) -> int:
    """Remove the produced files older than ``keep_days()`` (by the file's own time); how many went."""
    cutoff = (now - dt.timedelta(days=keep_days())).timestamp()
    removed = 0
    root = Path(settings.MEDIA_ROOT) / RUNS_DIR
    if not root.is_dir():
        return 0
    for path in root.glob("*/*"):
        if path.is_file() and path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
            removed += 1
    return removed

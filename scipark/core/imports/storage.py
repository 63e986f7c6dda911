"""Uploaded import files kept between the preview and the confirmation.

Files live under ``MEDIA_ROOT/imports/<uuid>`` (no user-chosen name touches the file system); the
session remembers which tokens belong to it, with the original file name, importer and park, so the
confirm step never trusts a hidden form field and one user cannot confirm another's upload.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from .problems import ImportProblem, ImportRefused

SESSION_KEY = "scipark_imports"
MAX_AGE_SECONDS = 24 * 60 * 60
MAX_PER_SESSION = 5


@dataclass(frozen=True)
class StoredUpload:
    """An upload waiting for confirmation."""

    token: str
    filename: str
    kind: str
    park_id: int

    @property
    def path(self) -> Path:
        return upload_dir() / self.token


def upload_dir() -> Path:
    directory = Path(settings.MEDIA_ROOT) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


def store_upload(session: Any, upload: UploadedFile, *, kind: str, park_id: int) -> StoredUpload:
    """Copy the upload to the store (refusing it past the size cap) and remember it in the session."""
    filename = Path(upload.name or "upload").name[:200]
    limit = settings.SCIPARK_UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ImportRefused(
            ImportProblem(
                message=_("文件大小 %(size)s MB,超过上限 %(limit)s MB。")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": f"{limit / 1048576:.1f}"},
                filename=filename,
            )
        )
    _purge_stale()
    stored = StoredUpload(token=uuid.uuid4().hex, filename=filename, kind=kind, park_id=park_id)
    written = 0
    with stored.path.open("wb") as target:
        for chunk in upload.chunks():
            written += len(chunk)
            if written > limit:
                target.close()
                stored.path.unlink(missing_ok=True)
                raise ImportRefused(ImportProblem(message=_("文件超过大小上限。"), filename=filename))
            target.write(chunk)
    entries: dict[str, dict[str, Any]] = dict(session.get(SESSION_KEY, {}))
    for old in sorted(entries, key=lambda t: entries[t].get("at", 0))[
        : max(0, len(entries) - MAX_PER_SESSION + 1)
    ]:
        discard(session, old, entries=entries)
    entries[stored.token] = {"filename": filename, "kind": kind, "park": park_id, "at": time.time()}
    session[SESSION_KEY] = entries
    return stored


def load_upload(session: Any, token: str, *, kind: str) -> StoredUpload | None:
    """The session's own upload for this token and importer, if it is still there."""
    entry = session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("kind") != kind:
        return None
    stored = StoredUpload(token=token, filename=entry["filename"], kind=kind, park_id=int(entry["park"]))
    return stored if stored.path.is_file() else None


def upload_cap_mb() -> float:
    """The upload cap (``SCIPARK_UPLOAD_MAX_BYTES``) in MB, as the import pages state it."""
    return round(int(settings.SCIPARK_UPLOAD_MAX_BYTES) / 1048576, 1)


def hand_over(session: Any, token: str) -> None:
    """Take the upload off the session without deleting its file: a background run now owns it (and removes
    it when it ends), so the session's list of uploads waiting for a confirmation must not discard it."""
    entries = dict(session.get(SESSION_KEY, {}))
    entries.pop(token, None)
    session[SESSION_KEY] = entries


def discard(session: Any, token: str, *, entries: dict[str, Any] | None = None) -> None:
    """Forget an upload and delete its file."""
    own = entries if entries is not None else dict(session.get(SESSION_KEY, {}))
    if own.pop(token, None) is not None and len(token) == 32 and token.isalnum():
        (upload_dir() / token).unlink(missing_ok=True)
    if entries is None:
        session[SESSION_KEY] = own


def _purge_stale() -> None:
    """Uploads never confirmed are removed after a day."""
    cutoff = time.time() - MAX_AGE_SECONDS
    for path in upload_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
        except OSError:
            continue

"""Evidence files (photos, documents): the park's one set of attachment rules (core.attachments), said about
the ``evidence`` field."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import UploadedFile

from scipark.core.attachments import content_type, stored_name, validate_attachments

__all__ = ["check_evidence", "content_type", "stored_name"]


def check_evidence(files: Sequence[UploadedFile]) -> None:
    """Refuse files of a type or size the park does not take, on the ``evidence`` field, naming the file."""
    validate_attachments(list(files), field="evidence")

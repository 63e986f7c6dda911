"""Evidence files (photos, documents): the park's one set of attachment rules, said about the evidence field."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from scipark.appeals.services.attachments import ATTACHMENT_TYPES, validate_attachments


def check_evidence(files: Sequence[UploadedFile]) -> None:
    """Refuse files of a type or size the park does not take, on the ``evidence`` field, naming the file."""
    try:
        validate_attachments(list(files))
    except ValidationError as exc:
        raise ValidationError({"evidence": exc.messages}) from None


def content_type(upload: UploadedFile) -> str:
    """The content type of a checked file, from its extension (the content was matched against it)."""
    return ATTACHMENT_TYPES[extension(upload)][0]


def extension(upload: UploadedFile) -> str:
    return (upload.name or "").rsplit(".", 1)[-1].lower()


def stored_name(upload: UploadedFile) -> str:
    """A random stored name keeping the checked extension: the uploader's name is never a path."""
    return f"{uuid.uuid4().hex}.{extension(upload)}"

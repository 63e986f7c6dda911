"""Files attached to an appeal at intake or at a step: the types and sizes the park takes, and storage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from scipark.core.attachments import (  # the park's one set of rules, re-exported for the appeal services
    ATTACHMENT_TYPES,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENTS,
    content_type,
    stored_name,
    validate_attachments,
)

from ..models import Appeal, AppealAttachment, AppealStep

__all__ = [
    "ATTACHMENT_TYPES",
    "MAX_ATTACHMENTS",
    "MAX_ATTACHMENT_BYTES",
    "save_attachments",
    "validate_attachments",
]


def save_attachments(appeal: Appeal, step: AppealStep, files: Sequence[UploadedFile], user: Any) -> None:
    """Store checked files under random names, each linked to the appeal and the step it came with."""
    for f in files:
        attachment = AppealAttachment(
            appeal=appeal,
            step=step,
            name=(f.name or "")[:200],
            content_type=content_type(f),
            size=f.size or 0,
            uploaded_by=user,
        )
        attachment.file.save(stored_name(f), f, save=False)
        attachment.save()

"""Files attached to an appeal at intake or at a step: the types and sizes the park takes, and storage."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from ..models import Appeal, AppealAttachment, AppealStep

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5
#: extension -> (content type, accepted leading bytes); empty prefixes: plain text, checked for NUL bytes.
ATTACHMENT_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
    "txt": ("text/plain", ()),
}


def validate_attachments(files: Sequence[UploadedFile]) -> None:
    """Refuse files of a type or size the park does not take, naming the file."""
    errors = []
    if len(files) > MAX_ATTACHMENTS:
        errors.append(f"一次最多上传 {MAX_ATTACHMENTS} 个附件(收到 {len(files)} 个)。")
    for f in files:
        name = f.name or ""
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ext not in ATTACHMENT_TYPES:
            allowed = "、".join(sorted(ATTACHMENT_TYPES))
            errors.append(f"附件「{name}」的类型不受支持:只接受 {allowed}。")
            continue
        if (f.size or 0) > MAX_ATTACHMENT_BYTES:
            errors.append(f"附件「{name}」超过 10 MB({(f.size or 0) // 1024 // 1024} MB)。")
            continue
        if (f.size or 0) == 0:
            errors.append(f"附件「{name}」是空文件。")
            continue
        head = f.read(16)
        f.seek(0)
        prefixes = ATTACHMENT_TYPES[ext][1]
        if prefixes and not any(head.startswith(p) for p in prefixes):
            errors.append(f"附件「{name}」的内容与扩展名 .{ext} 不符。")
        if not prefixes and b"\x00" in head:
            errors.append(f"附件「{name}」不是文本文件。")
    if errors:
        raise ValidationError({"attachments": errors})


def save_attachments(appeal: Appeal, step: AppealStep, files: Sequence[UploadedFile], user: Any) -> None:
    """Store checked files under random names, each linked to the appeal and the step it came with."""
    for f in files:
        ext = (f.name or "").rsplit(".", 1)[-1].lower()
        attachment = AppealAttachment(
            appeal=appeal,
            step=step,
            name=(f.name or "")[:200],
            content_type=ATTACHMENT_TYPES[ext][0],
            size=f.size or 0,
            uploaded_by=user,
        )
        attachment.file.save(f"{uuid.uuid4().hex}.{ext}", f, save=False)
        attachment.save()

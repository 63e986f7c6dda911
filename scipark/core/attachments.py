"""The files the park takes as attachments or evidence (appeals, inspection findings, campaign results):
the types by extension with the leading bytes their content must start with, the sizes, and the checks.

One set of rules for every module, so that a file refused in one place is refused everywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

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


def extension(upload: UploadedFile) -> str:
    name = upload.name or ""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def validate_attachments(files: Sequence[UploadedFile], *, field: str = "attachments") -> None:
    """Refuse files of a type or size the park does not take, naming the file, on ``field``."""
    errors = []
    if len(files) > MAX_ATTACHMENTS:
        errors.append(
            _("一次最多上传 %(limit)s 个附件(收到 %(count)s 个)。")
            % {"limit": MAX_ATTACHMENTS, "count": len(files)}
        )
    for f in files:
        name = f.name or ""
        ext = extension(f)
        if ext not in ATTACHMENT_TYPES:
            allowed = _("、").join(sorted(ATTACHMENT_TYPES))
            errors.append(
                _("附件「%(name)s」的类型不受支持:只接受 %(allowed)s。") % {"name": name, "allowed": allowed}
            )
            continue
        if (f.size or 0) > MAX_ATTACHMENT_BYTES:
            errors.append(
                _("附件「%(name)s」超过 10 MB(%(size)s MB)。")
                % {"name": name, "size": (f.size or 0) // 1024 // 1024}
            )
            continue
        if (f.size or 0) == 0:
            errors.append(_("附件「%(name)s」是空文件。") % {"name": name})
            continue
        head = f.read(16)
        f.seek(0)
        prefixes = ATTACHMENT_TYPES[ext][1]
        if prefixes and not any(head.startswith(p) for p in prefixes):
            errors.append(_("附件「%(name)s」的内容与扩展名 .%(ext)s 不符。") % {"name": name, "ext": ext})
        if not prefixes and b"\x00" in head:
            errors.append(_("附件「%(name)s」不是文本文件。") % {"name": name})
    if errors:
        raise ValidationError({field: errors})


def content_type(upload: UploadedFile) -> str:
    """The content type of a checked file, from its extension (its content was matched against it)."""
    return ATTACHMENT_TYPES[extension(upload)][0]


def stored_name(upload: UploadedFile) -> str:
    """A random stored name keeping the checked extension: the uploader's name is never a path."""
    return f"{uuid.uuid4().hex}.{extension(upload)}"

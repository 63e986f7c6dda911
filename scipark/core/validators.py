"""Validators shared by the apps' models (and so by their forms, the API and the imports that clean them)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: What a phone number may look like once its spaces, hyphens and brackets are taken out: an optional leading
#: +, then 3 to 15 digits (a service number such as 12345, a mainland mobile, 0971 plus a landline, +86 …).
_PHONE_DIGITS = re.compile(r"\+?\d{3,15}")
_PHONE_SEPARATORS = re.compile(
    r"[\s\-()\uff08\uff09\uff0d]"
)  # full-width （）－ as typed on a Chinese keyboard
#: An extension after the number (0971-8123456 转 801, …-8123456-801 is already digits and hyphens).
_EXTENSION = re.compile(r"\s*(转|分机|ext\.?|x)\s*\d{1,6}$", re.IGNORECASE)


def validate_phone(value: str) -> None:
    """A phone number: digits, with spaces, hyphens, brackets, a leading + and an extension (转 801) allowed —
    13912345678, 0971-8123456, (0971) 812 3456, +86 139 1234 5678, 12345. Letters or a number too short to
    dial are refused: a 催报 or a 回访 call must be able to reach it."""
    digits = _PHONE_SEPARATORS.sub("", _EXTENSION.sub("", value.strip()))
    if value.strip() and not _PHONE_DIGITS.fullmatch(digits):
        raise ValidationError(
            _(
                "“%(value)s”不是有效的电话号码:只能包含数字、空格、“-”、括号和开头的“+”,如 13912345678 或 0971-8123456。"
            ),
            code="invalid_phone",
            params={"value": value[:30]},
        )

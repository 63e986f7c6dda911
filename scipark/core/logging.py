"""Log filter that keeps secrets out of the logs (SECURITY.md row 19)."""

from __future__ import annotations

import logging
import re

_PATTERNS = [
    (
        re.compile(
            r"(?i)(password|passwd|pwd|token|secret|api_key|otp_token|sessionid)(['\"]?\s*[:=]\s*['\"]?)([^\s'\"&,;]+)"
        ),
        r"\1\2***",
    ),
    # Resident identity card numbers (GB 11643): 17 digits and a check character.
    (re.compile(r"\b\d{17}[\dXx]\b"), "******************"),
    (re.compile(r"\b1[3-9]\d{9}\b"), "1**********"),
]


def redact(text: str) -> str:
    """Mask passwords, tokens, identity numbers and mobile numbers in a log line."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrite each record's message with :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg = cleaned
            record.args = None
        return True

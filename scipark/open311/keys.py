"""API keys: random, shown once, stored as a SHA-256 digest (a key has 256 bits of entropy, so a fast
digest is enough: there is nothing to brute-force, unlike a password)."""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "o311_"
#: How many leading characters of a key are kept in clear, so staff can tell keys apart.
SHOWN_CHARS = 12


def key_generate() -> str:
    """A new API key: a recognisable prefix (secret scanners can spot it) and 32 random bytes."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    """The digest stored for ``key`` and looked up when a client presents it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def key_shown_part(key: str) -> str:
    return key[:SHOWN_CHARS]

"""Resolved access scopes kept between requests, keyed by the user's grant version.

A token request reads its holder (and so ``User.access_version``) with the token, in the one query it
needs anyway; the scope resolved from the holder's memberships is kept in this process under
``(user id, access_version)``. Every change of a grant moves the version forward in the same transaction
(``models.access_version_bump``: membership saves, deletes and bulk writes; a park moved to another zone;
a department's kind changed), so the next request finds no scope under the new key and reads the
memberships again: a revoked role is gone on the very next request. Entries also expire after
``TTL_SECONDS``, a bound for any write that went around the ORM.

The cache is per process and needs no shared store: a key names one state of one user's grants, and
the only thing an old key can do is go unused.
"""

from __future__ import annotations

import time
from typing import Any

from scipark.core import access

#: How long a resolved scope may serve before it is read again even if no version moved (seconds).
TTL_SECONDS = 300.0
#: Scopes kept at most; the cache is emptied when it is full (users are few, keys turn over slowly).
MAX_ENTRIES = 10_000

_scopes: dict[tuple[int, int], tuple[float, access.Scope]] = {}


def scope_attach(user: Any) -> access.Scope:
    """Give ``user`` (loaded this request, with its ``access_version``) its scope: from the cache when
    this state of its grants was resolved before, else resolved now (one memberships query) and kept."""
    key = (int(user.pk), int(user.access_version))
    now = time.monotonic()
    entry = _scopes.get(key)
    if entry is not None and entry[0] > now:
        user._scipark_scope = entry[1]  # what access.scope_for caches on the user for the request
        return entry[1]
    access.forget_scope(user)
    scope = access.scope_for(user)
    if scope.user_id is not None:  # an inactive holder resolves to the anonymous scope: not kept
        if len(_scopes) >= MAX_ENTRIES:
            _scopes.clear()
        _scopes[key] = (now + TTL_SECONDS, scope)
    return scope


def scopes_forget() -> None:
    """Empty the cache (tests; a process that wants to start clean)."""
    _scopes.clear()

"""Benchmark server settings: scipark's own, a separate SQLite file under var/bench/, the floor view."""

from __future__ import annotations

import os
from pathlib import Path

from scipark.settings.base import *  # noqa: F403
from scipark.settings.base import VAR_DIR

BENCH_DB = Path(os.environ.get("SCIPARK_BENCH_DB", str(VAR_DIR / "bench" / "bench.sqlite3")))

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
SCIPARK_REQUIRE_MFA = False
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(BENCH_DB),
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
            ),
        },
    }
}
# Only the one benchmark user is made; its password is never checked by token requests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

"""Benchmark server settings: scipark's own, a separate SQLite file under var/bench/ (or the PostgreSQL
database ``SCIPARK_BENCH_DATABASE_URL`` names), the floor view."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

from scipark.settings.base import *  # noqa: F403
from scipark.settings.base import REST_FRAMEWORK, VAR_DIR
from scipark.settings.database import tuned

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
if os.environ.get("SCIPARK_BENCH_DATABASE_URL"):
    DATABASES = {
        "default": tuned(dj_database_url.parse(os.environ["SCIPARK_BENCH_DATABASE_URL"], conn_max_age=600))
    }
# The load sends one user's requests as fast as two workers answer them: far above the production rate
# (1200/min per user), which would answer 429 within seconds. A per-second window keeps DRF's list of
# request times as short as production's (it is read and written in the cache on every request).
_RATES: dict[str, str] = dict(REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])  # type: ignore[call-overload]
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {**_RATES, "user": "2000/s"}}
# Only the one benchmark user is made; its password is never checked by token requests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

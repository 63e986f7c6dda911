"""Settings of the soak run (bench/soak.py): scipark's own on DATABASE_URL, served by gunicorn without TLS on
loopback, demo accounts without a second factor, and Open311's per-key write limit raised so that the
load's writes measure the server, not the limiter."""

from __future__ import annotations

from scipark.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SCIPARK_REQUIRE_MFA = False
SCIPARK_OPEN311_POSTS_PER_MINUTE = 100_000
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

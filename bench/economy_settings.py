"""Settings for the economy benchmarks: the bench settings, or PostgreSQL when a URL is given."""

from __future__ import annotations

import os

import dj_database_url

from bench.settings import *  # noqa: F403
from scipark.settings.database import tuned

_URL = os.environ.get("SCIPARK_BENCH_DATABASE_URL", "")
if _URL:
    DATABASES = {"default": tuned(dj_database_url.parse(_URL, conn_max_age=600))}

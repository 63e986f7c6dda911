"""scipark's connection options (scipark.settings.database): PostgreSQL without JIT, SQLite untouched, and the
running connection carries them when the suite runs on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from scipark.settings.database import tuned


def test_postgresql_connections_turn_jit_off_and_keep_given_options() -> None:
    given = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "x",
        "OPTIONS": {"options": "-c work_mem=8MB"},
    }
    options = tuned(given)["OPTIONS"]
    assert options["options"] == "-c work_mem=8MB -c jit=off"
    assert given["OPTIONS"] == {"options": "-c work_mem=8MB"}  # the caller's dict is not changed
    assert tuned({"ENGINE": "django.db.backends.postgresql"})["OPTIONS"] == {"options": "-c jit=off"}
    # an operator's own jit setting wins
    assert tuned({"ENGINE": "django.db.backends.postgresql", "OPTIONS": {"options": "-c jit=on"}})[
        "OPTIONS"
    ] == {"options": "-c jit=on"}


def test_sqlite_is_left_as_configured() -> None:
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    assert tuned(sqlite) == sqlite


@pytest.mark.django_db
def test_the_suite_s_postgresql_connection_runs_without_jit() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"

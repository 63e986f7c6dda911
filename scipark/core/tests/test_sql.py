"""``core.sql.one_of``: one statement text whatever the number of values on PostgreSQL, a list on SQLite,
and the same rows either way."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.db import connection

from scipark.core.sql import one_of
from scipark.enterprises.api.page_rows import _sql

POSTGRES = SimpleNamespace(vendor="postgresql", ops=connection.ops)
SQLITE = SimpleNamespace(vendor="sqlite", ops=connection.ops)


def test_on_postgresql_the_values_go_as_one_array_so_the_text_never_changes():
    assert one_of("park_id", [3], connection=POSTGRES) == ("park_id = ANY(%s)", [[3]])
    assert one_of("park_id", range(1, 61), connection=POSTGRES) == ("park_id = ANY(%s)", [list(range(1, 61))])


def test_on_sqlite_the_values_are_listed():
    assert one_of("park_id", [3, 5], connection=SQLITE) == ("park_id IN (%s, %s)", [3, 5])


def test_no_values_is_refused_rather_than_written_as_an_empty_list():
    with pytest.raises(ValueError):
        one_of("park_id", [], connection=SQLITE)


def test_a_page_of_fifty_keeps_its_statement_under_psycopgs_cached_parameter_count():
    """psycopg parses a statement again on every call past 50 parameters; a page listed its 50 ids twice."""
    few, page = _sql(POSTGRES, [1, 2, 3], "2026-06-15"), _sql(POSTGRES, list(range(1, 51)), "2026-06-15")
    assert few[0] == page[0]
    assert len(page[1]) == 4


@pytest.mark.django_db
def test_the_condition_selects_the_same_rows_on_this_database():
    from scipark.parks.models import Park, Zone

    zone = Zone.objects.create(name="测试开发区", region_code="630000")
    parks = [Park.objects.create(zone=zone, name=f"园区{i}", code=f"p{i}") for i in range(3)]
    wanted = [parks[0].pk, parks[2].pk]
    condition, params = one_of("id", wanted)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM parks_park WHERE {condition} ORDER BY id", params)
        assert [row[0] for row in cursor.fetchall()] == wanted


@pytest.mark.django_db
def test_a_binary_cursor_reads_what_the_orm_reads_and_is_counted():
    """``binary_cursor`` (binary rows on PostgreSQL, the ordinary cursor elsewhere) gives the values the ORM
    gives — an aware timestamp, a date, a decimal, an array — and goes through Django's cursor wrapper, so the
    query counts and execute wrappers see it."""
    import datetime as dt
    from decimal import Decimal

    from django.test.utils import CaptureQueriesContext

    from scipark.core.sql import binary_cursor
    from scipark.core.testing import make_enterprise
    from scipark.parks.models import Park, Zone

    zone = Zone.objects.create(name="测试开发区", region_code="630000")
    park = Park.objects.create(zone=zone, name="园区", code="p0")
    enterprise = make_enterprise(park, 987_651, "二进制读取有限公司")
    enterprise.registered_capital = Decimal("1234.50")
    enterprise.registration_date = dt.date(2020, 2, 29)
    enterprise.save()
    enterprise.refresh_from_db()
    with CaptureQueriesContext(connection) as queries, binary_cursor(connection) as cursor:
        cursor.execute(
            "SELECT updated_at, registration_date, registered_capital, name FROM enterprises_enterprise "
            "WHERE id = %s",
            [enterprise.pk],
        )
        updated_at, registered, capital, name = cursor.fetchone()
    assert len(queries) == 1
    assert name == "二进制读取有限公司"
    if connection.vendor != "postgresql":
        return  # the ordinary cursor: SQLite's own converters, as every raw read there
    assert updated_at == enterprise.updated_at and updated_at.utcoffset() == dt.timedelta(0)
    assert registered == dt.date(2020, 2, 29)
    assert capital == Decimal("1234.50")

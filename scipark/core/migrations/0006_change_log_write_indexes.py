"""The change log (auditlog's ``LogEntry``) loses three indexes no query of scipark uses: on ``action`` (four
values; the history pages read by content type and object key, the workbench by actor) and, on PostgreSQL, the
``varchar_pattern_ops`` copies of ``cid`` and ``object_pk`` for ``LIKE 'x%'``, which nothing asks. A month's
import writes one entry per return and energy row, each through every index of the table (ten on PostgreSQL).
"""

from typing import Any

from django.db import migrations

TABLE = "auditlog_logentry"
#: (column, suffix, operator class) of each index dropped; the ``_like`` ones exist on PostgreSQL only.
DROPPED = (
    ("action", "", ""),
    ("cid", "_like", "varchar_pattern_ops"),
    ("object_pk", "_like", "varchar_pattern_ops"),
)


def _wanted(schema_editor: Any) -> list[tuple[str, str, str]]:
    postgresql = schema_editor.connection.vendor == "postgresql"
    return [
        (schema_editor._create_index_name(TABLE, [column], suffix=suffix), column, opclass)
        for column, suffix, opclass in DROPPED
        if postgresql or not suffix
    ]


def drop_indexes(apps: Any, schema_editor: Any) -> None:
    for name, _column, _opclass in _wanted(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_indexes(apps: Any, schema_editor: Any) -> None:
    quote = schema_editor.quote_name
    for name, column, opclass in _wanted(schema_editor):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(TABLE)} ({quote(column)} {opclass})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_task_run_worker"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [migrations.RunPython(drop_indexes, create_indexes)]

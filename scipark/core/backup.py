"""Backup and restore (SECURITY.md row 17): SQLite through its online backup API, PostgreSQL through
pg_dump / pg_restore. Both are consistent under concurrent writes (SQLite's backup copies a snapshot
page by page and restarts on change; pg_dump reads one repeatable-read snapshot)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import connections


@dataclass(frozen=True)
class BackupManifest:
    """What a backup holds: the vendor, and each table's row count and checksum at backup time."""

    vendor: str
    tables: dict[str, dict[str, Any]]

    def to_json(self) -> str:
        return json.dumps(
            {"vendor": self.vendor, "tables": self.tables}, ensure_ascii=False, indent=1, sort_keys=True
        )


def table_fingerprints(alias: str = "default") -> dict[str, dict[str, Any]]:
    """Row count and checksum of every model table as stored now, read through a plain driver
    connection (no Django converters) so that backup and restore compare like with like."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            return _fingerprints(raw.execute)
        finally:
            raw.close()
    import psycopg

    with psycopg.connect(_pg_dsn(connection)) as pg:
        return _fingerprints(pg.execute)


def _fingerprints(execute: Any) -> dict[str, dict[str, Any]]:
    fingerprints: dict[str, dict[str, Any]] = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table in fingerprints:
            continue
        pk = model._meta.pk.column
        digest = hashlib.sha256()
        count = 0
        for row in execute(f'SELECT * FROM "{table}" ORDER BY "{pk}"'):  # noqa: S608  (names from the model registry)
            digest.update(repr(tuple(_normal(v) for v in row)).encode())
            count += 1
        fingerprints[table] = {"rows": count, "sha256": digest.hexdigest()}
    return fingerprints


def _normal(value: Any) -> Any:
    # SQLite and psycopg return the same stored values with different Python types for a few columns.
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value) if value is not None else None


def backup_create(*, target: Path, alias: str = "default") -> BackupManifest:
    """Write a consistent copy of the database to ``target`` (a directory) with a manifest."""
    target.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    vendor = connection.vendor
    if vendor == "sqlite":
        source_path = connection.settings_dict["NAME"]
        destination = sqlite3.connect(target / "scipark.sqlite3")
        source = sqlite3.connect(source_path)
        try:
            source.backup(destination, pages=256)  # online: other connections keep writing meanwhile
        finally:
            source.close()
        # The manifest is computed from the copy itself, so it describes exactly what was saved.
        manifest = BackupManifest(vendor, _fingerprints(destination.execute))
        destination.close()
    elif vendor == "postgresql":
        manifest = BackupManifest(vendor, _pg_dump_with_fingerprints(connection, target / "scipark.pgdump"))
    else:  # pragma: no cover - only the two supported back ends
        raise ValueError(f"不支持的数据库:{vendor}")
    (target / "manifest.json").write_text(manifest.to_json(), encoding="utf-8")
    return manifest


def backup_restore(*, source: Path, alias: str = "default") -> None:
    """Replace the database's content with the backup in ``source``."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(source / "scipark.sqlite3")
        check = copy.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise ValueError(f"备份文件已损坏:{check}")
        connection.close()
        destination = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            copy.backup(destination)
        finally:
            destination.close()
            copy.close()
    elif connection.vendor == "postgresql":
        connection.close()
        subprocess.run(  # noqa: S603
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                f"--dbname={_pg_dsn(connection)}",
                str(source / "scipark.pgdump"),
            ],
            check=True,
            env=_pg_env(connection),
        )


def integrity_ok(alias: str = "default") -> bool:
    """SQLite's integrity check, or a trivial query on PostgreSQL (pg_restore is transactional)."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA integrity_check")
            return bool(cursor.fetchone()[0] == "ok")
        cursor.execute("SELECT 1")
        return True


def _pg_dump_with_fingerprints(connection: Any, dump_path: Path) -> dict[str, dict[str, Any]]:
    """Export one snapshot, fingerprint the tables in it, and let pg_dump read the very same snapshot."""
    import psycopg

    with psycopg.connect(_pg_dsn(connection)) as snapshot_conn:
        snapshot_conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot_id = snapshot_conn.execute("SELECT pg_export_snapshot()").fetchone()[0]  # type: ignore[index]
        fingerprints = _fingerprints(snapshot_conn.execute)
        subprocess.run(  # noqa: S603
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                f"--snapshot={snapshot_id}",
                f"--file={dump_path}",
                _pg_dsn(connection),
            ],
            check=True,
            env=_pg_env(connection),
        )
        snapshot_conn.execute("COMMIT")
    return fingerprints


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise FileNotFoundError(f"找不到 {name}:请安装 PostgreSQL 客户端工具。")
    return found


def _pg_dsn(connection: Any) -> str:
    s = connection.settings_dict
    return f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} dbname={s['NAME']} user={s['USER'] or 'postgres'}"


def _pg_env(connection: Any) -> dict[str, str]:
    env = dict(os.environ)
    if connection.settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = connection.settings_dict["PASSWORD"]
    return env

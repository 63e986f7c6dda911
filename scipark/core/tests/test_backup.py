"""SECURITY.md row 17: `scipark backup` / `scipark restore` under concurrent writes, on SQLite and PostgreSQL.

Runs the real commands in subprocesses against a real database file (or server database), with a
writer process inserting rows during the backup; the restored tables must match the manifest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from scipark.core.testing import SEED_SCRIPT, sqlite_file_env

ROOT = Path(__file__).resolve().parents[3]
WRITER = """
import django, time
django.setup()
from scipark.core.models import AuditEvent
for i in range(400):
    AuditEvent.objects.create(kind="export", username=f"writer-{i}")
"""


def run(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kwargs,
    )


def migrate_and_seed(env: dict[str, str]) -> None:
    assert run(["manage.py", "migrate", "--noinput", "-v", "0"], env).returncode == 0
    seeded = run(["-c", SEED_SCRIPT], env)
    assert seeded.returncode == 0, seeded.stderr


def roundtrip(env: dict[str, str], backup_dir: Path) -> None:
    writer = subprocess.Popen([sys.executable, "-c", WRITER], cwd=ROOT, env=env)
    try:
        backup = run(["manage.py", "backup", str(backup_dir)], env)
        assert backup.returncode == 0, backup.stderr
    finally:
        writer.wait(timeout=120)
    manifest = json.loads((backup_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["enterprises_enterprise"]["rows"] == 3
    # The writer has gone on after the snapshot: restoring must bring back exactly the snapshot.
    restore = run(["manage.py", "restore", str(backup_dir), "--yes"], env)
    assert restore.returncode == 0, restore.stderr + restore.stdout
    assert "完整性检查通过" in restore.stdout


@pytest.mark.own_sqlite_file
def test_sqlite_backup_under_concurrent_writes_restores_to_the_manifest(
    tmp_path: Path, seeded_sqlite_file: Path
) -> None:
    roundtrip(sqlite_file_env(seeded_sqlite_file), tmp_path / "backup")


@pytest.mark.postgres
def test_postgresql_backup_under_concurrent_writes_restores_to_the_manifest(tmp_path: Path) -> None:
    import psycopg

    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL is not set: the PostgreSQL run of the suite covers this test")
    name = f"scipark_backup_{uuid.uuid4().hex[:8]}"
    admin = base.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        env = dict(os.environ)
        env.pop("TEST_DATABASE_URL", None)
        env.update(
            DJANGO_SETTINGS_MODULE="scipark.settings.dev", DATABASE_URL=base.rsplit("/", 1)[0] + f"/{name}"
        )
        migrate_and_seed(env)
        roundtrip(env, tmp_path / "backup")
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

"""Fixtures shared by every app's tests, and the shared world's life cycle.

The world (``core.testing.build_world``) is built once per test session — once per xdist worker — right
after the test database, and committed: every database test's transaction rolls back to it, so a test
sees exactly the world a fresh build would give, without paying for the build. Each test gets fresh
Python objects for it (``load_world``). A transactional test (live server, browser, threads) flushes
the database when it ends; the world is built again right after it, before the next test starts.
A test that needs a database without the world (the demo park) asks for ``without_world``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Generator, Iterable
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation

from scipark.core.testing import (
    PASSWORD,
    SEED_SCRIPT,
    World,
    WorldKeys,
    build_shared_world,
    load_world,
    remove_world,
    sqlite_file_env,
)

#: What the session's world is now, and the blocker that lets the hooks below rebuild it.
_SHARED: dict[str, Any] = {}
#: Fixtures that make pytest-django run a test as a TransactionTestCase (which flushes at the end).
_FLUSHING_FIXTURES = frozenset({"transactional_db", "live_server", "django_db_reset_sequences"})


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """The test database, with the shared world committed in it."""
    _SHARED["blocker"] = django_db_blocker
    with django_db_blocker.unblock():
        _SHARED["keys"] = build_shared_world()


def _flushes(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(_FLUSHING_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Generator[None]:
    yield
    # After the last test the session's fixtures, the test database with them, are already gone.
    if nextitem is not None and "keys" in _SHARED and _flushes(item):
        with _SHARED["blocker"].unblock():
            _SHARED["keys"] = build_shared_world()


class _OneRequestAtATime:
    """The live server's application, answering one request at a time and none after its test has ended.

    On SQLite the live server's request threads share the test's one in-memory connection: two requests at
    once, or a request the browser left behind still running while the test's database is flushed and the
    world rebuilt, interleave their transactions on that connection ("database table is locked",
    "pop from empty list" in ``atomic``). The whole response is made under the lock; after the test, a
    late request (a page's refresh, a map layer) is answered 503 without touching the database."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.open = True

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        with self.lock:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"the test has ended"]
            response = self.app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                close = getattr(response, "close", None)
                if close is not None:
                    close()


@pytest.fixture(autouse=True)
def _live_server_gate(request: pytest.FixtureRequest) -> Generator[None]:
    """For a test with the live server: its requests one at a time, and all of them finished before the
    test's database is flushed (this fixture depends on the flush, so it ends first)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    httpd = request.getfixturevalue("live_server").thread.httpd
    gate = httpd.get_app()
    if not isinstance(gate, _OneRequestAtATime):
        gate = _OneRequestAtATime(gate)
        httpd.set_app(gate)
    with gate.lock:
        gate.open = True
    yield
    with gate.lock:
        gate.open = False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, a test marked ``own_sqlite_file`` would repeat the SQLite run's work exactly: skip it."""
    if not os.environ.get("TEST_DATABASE_URL"):
        return
    skip = pytest.mark.skip(
        reason="runs on a SQLite file of its own whatever the back end: the SQLite run covers it"
    )
    for item in items:
        if item.get_closest_marker("own_sqlite_file"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _language_reset() -> Generator[None]:
    """Each test starts in the default language: a request through the test client leaves the language its
    LocaleMiddleware activated (English after /i18n/setlang/) on the thread, and the next test would see it."""
    yield
    translation.deactivate()


@pytest.fixture
def world(db: Any) -> World:
    """Two parks, three enterprises, one user per persona (see ``core.testing.PERSONAS``)."""
    keys: WorldKeys = _SHARED["keys"]
    return load_world(keys)


@pytest.fixture(scope="module")
def module_world(django_db_setup: None, django_db_blocker: Any) -> Generator[World]:
    """The world, inside one transaction that spans the module: what a module-scoped fixture writes on
    top of it is seen by every test of the module (each test's own transaction becomes a savepoint in
    this one) and is gone when the module ends. Not for modules with transactional tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_world(_SHARED["keys"])
        transaction.set_rollback(True)


@pytest.fixture
def without_world(db: Any) -> None:
    """A database without the shared world, for this test only (its transaction puts the world back)."""
    remove_world(_SHARED["keys"])


@pytest.fixture
def client_for(world: World) -> Any:
    """``client_for("economy_staff")``: a Django test client signed in as that persona."""

    def make(persona: str) -> Client:
        client = Client()
        client.force_login(world.user(persona))
        return client

    return make


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def chromium_path() -> str:
    """Debian's chromium; the browser tests skip without it, except in CI where they must run."""
    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium): browser tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seeded_sqlite_file(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tmp_path/park.sqlite3``: a copy of a SQLite file migrated by ``manage.py migrate`` and seeded with
    the test world by a real process, both run once for the whole run (the xdist workers share the copy
    under a file lock): migrating from scratch took ~40 s of CPU for each of the tests that need one."""
    shared = tmp_path_factory.getbasetemp().parent
    template = shared / "seeded.sqlite3"
    with (shared / "seeded.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not template.exists():
            building = shared / f"seeding-{os.getpid()}.sqlite3"
            env = sqlite_file_env(building)
            root = Path(__file__).resolve().parent
            for args in (["manage.py", "migrate", "--noinput", "-v", "0"], ["-c", SEED_SCRIPT]):
                done = subprocess.run(  # noqa: S603 -- our own manage.py and seed, no outside input
                    [sys.executable, *args], cwd=root, env=env, capture_output=True, text=True, check=False
                )
                assert done.returncode == 0, done.stderr
            building.rename(template)  # the processes have closed it: no WAL is left beside it
    db = tmp_path / "park.sqlite3"
    shutil.copyfile(template, db)
    return db

"""Fixtures shared by every app's tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from scipark.core.testing import PASSWORD, World, build_world


@pytest.fixture
def world(db: Any) -> World:
    """Two parks, three enterprises, one user per persona (see ``core.testing.PERSONAS``)."""
    return build_world()


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
    import os
    import shutil

    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium): browser tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path

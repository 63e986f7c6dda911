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

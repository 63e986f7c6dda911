"""Alliance test helpers: a small alliance in the shared world."""

from typing import Any

import pytest

from scipark.alliance.testing import AllianceWorld, build_alliance
from scipark.core.testing import World


@pytest.fixture
def aw(world: World) -> AllianceWorld:
    """The world's alliance: both park enterprises are members; the other park has one too."""
    return build_alliance(world.park, world.enterprise, world.other_enterprise)


@pytest.fixture
def foreign(world: World) -> AllianceWorld:
    return build_alliance(world.other_park, world.foreign_enterprise, None, suffix="(南川)")


@pytest.fixture
def user(world: World) -> Any:
    return world.user

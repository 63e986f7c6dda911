"""Appeal test fixtures on top of the shared world."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.appeals.models import AppealCategory
from scipark.appeals.testing import make_category
from scipark.core.testing import World


@pytest.fixture(autouse=True)
def media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def category(world: World) -> AppealCategory:
    """通信网络, handled by 企业服务 by default, 5 working days."""
    return make_category(world.park, "telecom", name="通信网络", time_limit_days=5)

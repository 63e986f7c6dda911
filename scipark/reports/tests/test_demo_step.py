"""The demo with reports' rows in it: the demo's build evaluates the indicator alerts of its parks, and a
wipe after a summary was generated and alerts were raised removes them instead of failing on the parks
and users they point at (regression: ``ProtectedError`` from ``SummaryIssue.park``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from scipark.core.testing import World
from scipark.demo.builder import DemoBuilder
from scipark.parks.models import Park
from scipark.reports import services
from scipark.reports.models import Alert, SummaryIssue

pytestmark = pytest.mark.django_db


def test_the_demo_is_wiped_with_its_summaries_and_alerts(
    module_world: World, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    builder = DemoBuilder()
    builder.build()
    bio = Park.objects.get(code="bio")
    issue = services.summary_generate(user=None, park=bio, year=2023)
    stored = Path(issue.file.path)
    assert stored.is_file() and SummaryIssue.objects.filter(park=bio).exists()
    builder.wipe()  # raised ProtectedError before reports had a demo step
    assert not Park.objects.filter(code="bio").exists()
    assert not SummaryIssue.objects.exists() and not stored.exists()
    assert not Alert.objects.filter(park__code="bio").exists()

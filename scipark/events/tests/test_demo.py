"""The demo's events: exactly two job fairs in 2023 in the bio park (S2), with posts and hires."""

from __future__ import annotations

import pytest

from scipark.demo.builder import DemoBuilder, load_steps
from scipark.events.figures import job_fairs_held
from scipark.events.models import Event

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.events.demo.EventsStep",
]


def test_the_demo_has_two_job_fairs_in_2023_and_upcoming_events() -> None:
    ctx = DemoBuilder(load_steps(STEPS)).build()
    figure = job_fairs_held(ctx.parks["bio"], 2023)
    assert figure.value == 2
    for fair in figure.details["fairs"]:
        assert fair["enterprises"] > 0 and fair["headcount"] > 0 and 0 < fair["hires"] <= fair["headcount"]
    upcoming = Event.objects.filter(park=ctx.parks["bio"], status="scheduled", starts_at__year=2026)
    assert upcoming.count() >= 3 and all(e.registration_open for e in upcoming)

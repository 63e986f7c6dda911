"""The demo step gives the reference park's telecom and utilities services their questions."""

import pytest

from scipark.demo.builder import DEMO_STEPS, DemoBuilder, load_steps
from scipark.open311.models import ServiceAttribute


@pytest.mark.django_db
def test_the_demo_park_services_ask_their_questions_and_a_rebuild_is_identical():
    steps = load_steps([*DEMO_STEPS, "scipark.appeals.demo.AppealsStep", "scipark.open311.demo.Open311Step"])
    DemoBuilder(steps).build()
    first = sorted(
        ServiceAttribute.objects.values_list("category__park__code", "category__code", "code", "datatype")
    )
    assert ("bio", "telecom", "carrier", "singlevaluelist") in first
    assert ("bio", "utilities", "affected_staff", "number") in first
    DemoBuilder(steps).rebuild()
    again = sorted(
        ServiceAttribute.objects.values_list("category__park__code", "category__code", "code", "datatype")
    )
    assert again == first

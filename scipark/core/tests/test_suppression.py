"""SECURITY.md row 10 as one rule over plain values, and the one viewer question."""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal as D
from typing import Any

import pytest

from scipark.core import access, suppression
from scipark.core.testing import World


@pytest.mark.parametrize(
    ("contributors", "share", "hidden"),
    [
        (2, D("0.5"), True),  # fewer than 3 enterprises
        (3, D("0.34"), False),
        (3, D("0.85"), False),  # exactly 85 % is not more than 85 %
        (3, D("0.8501"), True),
        (10, None, False),  # nothing to share out: only the count decides
        (0, None, True),
    ],
)
def test_the_rule_needs_only_the_count_and_the_largest_share(
    contributors: int, share: D | None, hidden: bool
) -> None:
    assert suppression.suppressed(contributors, share) is hidden


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ([D(10), D(20)], True),
        ([D(10), D(10), D(10)], False),
        ([D(90), D(5), D(5)], True),  # one holds 90 %
        ([D(85), D(10), D(5)], False),
        ([D(-90), D(5), D(5)], True),  # a loss weighs as much as a gain
        ([D(0), D(0), D(0)], False),
        ([], True),
    ],
)
def test_a_cell_is_judged_by_its_contributors_amounts(values: list[D], hidden: bool) -> None:
    assert suppression.cell_suppressed(values) is hidden


def test_a_value_is_hidden_when_any_cell_it_discloses_fails_and_empty_cells_disclose_nothing() -> None:
    many: dict[Hashable, D] = {1: D(10), 2: D(10), 3: D(10)}
    one: dict[Hashable, D] = {1: D(5)}
    assert not suppression.any_suppressed([many, {}])
    assert suppression.any_suppressed([many, one])  # a growth rate against a one-enterprise base


@pytest.mark.django_db
def test_individual_data_is_seen_by_the_parks_staff_and_leader_not_by_the_zone_viewer(world: World) -> None:
    park = world.park
    seen: dict[str, Any] = {
        persona: suppression.sees_individual(world.user(persona), park, access.Domain.ECONOMY)
        for persona in ("economy_staff", "service_staff", "park_leader", "zone_viewer", "other_park_staff")
    }
    assert seen == {
        "economy_staff": True,
        "service_staff": True,  # the park's staff read every business domain
        "park_leader": True,
        "zone_viewer": False,
        "other_park_staff": False,
    }
    assert suppression.individual_parks(world.user("zone_viewer"), access.Domain.ECONOMY) == frozenset()

"""The cockpits read the figures registry as their viewer (SECURITY.md row 10): a card of a cell that fails
the rule is suppressed for a viewer without the park's individual data, and shows the value to the leader."""

from __future__ import annotations

from scipark.core.testing import World
from scipark.investment.tests.conftest import Inv, staff_of
from scipark.investment.tests.test_figures_suppressed import (
    SECRET_AMOUNT,
    YEAR,
    assert_no_secret,
    fair_target,
    signed_at_fair,
)
from scipark.reports.cockpit import SUPPRESSED, registry_cards


def test_the_cockpit_cards_apply_the_same_rule_as_the_registry(world: World) -> None:
    inv = Inv(world, staff_of(world.park, "inv_staff"), staff_of(world.other_park, "inv_other"))
    fair_target(world)
    signed_at_fair(inv, SECRET_AMOUNT, name="独家签约项目", investor="上海独家投资有限公司")
    [hidden] = registry_cards(world.park, YEAR, ["I1"], viewer=world.user("zone_viewer"))
    assert hidden.suppressed and hidden.value == SUPPRESSED
    assert_no_secret(f"{hidden}", "the zone viewer's cockpit card")
    [shown] = registry_cards(world.park, YEAR, ["I1"], viewer=world.user("park_leader"))
    assert not shown.suppressed and "3.46" in shown.value

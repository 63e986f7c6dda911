"""The month's reporting board counted in the database (``selectors.board_states``) against the rules worked
by hand: who is expected (above-scale at the month's last day, or reported the month before), each one's
state from its revisions, who came late; enterprises outside the expected list never count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from scipark.core.testing import World, make_enterprise
from scipark.economy import collection, selectors
from scipark.economy.models import MonthlyReturn
from scipark.enterprises.models import EnterpriseStatus

OCT, SEP = dt.date(2023, 10, 1), dt.date(2023, 9, 1)
ON_TIME = timezone.make_aware(dt.datetime(2023, 11, 5, 9))
LATE = timezone.make_aware(dt.datetime(2023, 11, 20, 9))  # the deadline is 10 November


def _return(enterprise: Any, period: dt.date, revision: int, status: str, **extra: Any) -> None:
    MonthlyReturn.objects.create(
        park_id=enterprise.park_id,
        enterprise=enterprise,
        period=period,
        revision=revision,
        status=status,
        is_current=extra.pop("is_current", False),
        submitted_at=extra.pop("submitted_at", ON_TIME if status != "draft" else None),
        revenue=Decimal("1000"),
        **extra,
    )


def _above_scale(enterprise: Any, since: dt.date, until: dt.date | None = None) -> None:
    EnterpriseStatus.objects.create(
        enterprise=enterprise, kind="above_scale_industry", valid_from=since, valid_to=until
    )


@pytest.fixture
def park_month(world: World) -> dict[str, Any]:
    park = world.park
    firms = {name: make_enterprise(park, 900 + i, f"看板企业{name}") for i, name in enumerate("ABCDEFGHIJ")}
    a, b, c, d, e, f, g, h, i, j = firms.values()
    since = dt.date(2020, 1, 1)
    for firm in (a, b, c, d, e):
        _above_scale(firm, since)
    _above_scale(h, since, dt.date(2023, 10, 15))  # left before the month's last day: not expected
    _above_scale(i, dt.date(2023, 11, 1))  # enters after it: not expected
    _return(f, SEP, 1, "accepted", is_current=True)  # reported September: expected in October
    _return(g, SEP, 1, "submitted")  # September not accepted: not expected on that account
    # A accepted; B accepted then revised (revision 2 awaiting review: still counted as accepted);
    # C sent back; D only a draft; E nothing; F submitted late (first revision after the deadline).
    _return(a, OCT, 1, "accepted", is_current=True)
    _return(b, OCT, 1, "superseded")
    _return(b, OCT, 2, "accepted", is_current=True)
    _return(b, OCT, 3, "submitted")
    _return(c, OCT, 1, "rejected")
    _return(d, OCT, 1, "draft")
    _return(f, OCT, 1, "submitted", submitted_at=LATE)
    _return(j, OCT, 1, "accepted", is_current=True, submitted_at=LATE)  # not expected: not counted
    _return(h, OCT, 1, "submitted", submitted_at=LATE)  # not expected: neither its state nor lateness
    return firms


def test_the_board_counts_expected_reporters_by_state_in_the_database(
    world: World, park_month: dict[str, Any]
) -> None:
    board = collection.reporting_board(park_ids=[world.park.pk], period=OCT)
    # expected A B C D E F; accepted A B; submitted F; returned C; missing C D E; late F
    assert (board.expected, board.accepted, board.submitted, board.returned, board.missing, board.late) == (
        6,
        2,
        1,
        1,
        3,
        1,
    )
    assert board.rate == Decimal("0.5") and board.rate_text == "50.0%"
    assert board.expected == len(selectors.expected_reporters([world.park.pk], OCT))


def test_the_board_of_other_parks_and_of_no_park_is_empty(world: World, park_month: dict[str, Any]) -> None:
    other = collection.reporting_board(park_ids=[world.other_park.pk], period=OCT)
    assert (other.expected, other.accepted, other.late, other.rate_text) == (0, 0, 0, "—")
    assert selectors.board_states([], OCT, LATE) == {"expected": 0, "late": 0}
    both = collection.reporting_board(park_ids=[world.park.pk, world.other_park.pk], period=OCT)
    assert (both.expected, both.accepted, both.missing) == (6, 2, 3)


def test_an_accepted_revision_counts_even_when_a_later_one_was_sent_back(
    world: World, park_month: dict[str, Any]
) -> None:
    a = park_month["A"]
    _return(a, OCT, 2, "rejected")
    board = collection.reporting_board(park_ids=[world.park.pk], period=OCT)
    assert (board.accepted, board.returned) == (2, 1)

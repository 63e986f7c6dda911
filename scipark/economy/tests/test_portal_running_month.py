"""The enterprise portal offered 填报 for the month still running, as for a due month, though a return is
submitted only after its month ends (the form then offered 保存草稿 alone). The portal reads the rule the
service enforces (``services.month_ended``): 填报 for ended months, 本月结束后填报 for the running one, and
its draft, if one was kept, to go on with."""

from __future__ import annotations

from typing import Any

import pytest

from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.kpi import shift

pytestmark = pytest.mark.django_db


def test_the_running_month_is_filed_after_it_ends(world: World, client_for: Any) -> None:
    this_month = services.current_period()
    year, month = shift((this_month.year, this_month.month), -1)
    last_month = f"{year:04d}-{month:02d}"
    running = f"{this_month:%Y-%m}"
    page = client_for("enterprise_user").get("/economy/portal/").content.decode()
    assert f'data-testid="fill-{last_month}"' in page
    assert f'data-testid="fill-{running}"' not in page
    assert f'data-testid="after-month-end-{running}"' in page and "本月结束后填报" in page
    assert f'data-testid="draft-{running}"' not in page


def test_a_draft_of_the_running_month_is_offered_to_go_on_with(world: World, client_for: Any) -> None:
    this_month = services.current_period()
    services.return_submit(
        user=world.user("enterprise_user"), enterprise=world.enterprise, period=this_month,
        data={"revenue": 1}, draft=True,
    )  # fmt: skip
    running = f"{this_month:%Y-%m}"
    page = client_for("enterprise_user").get("/economy/portal/").content.decode()
    assert f'data-testid="draft-{running}"' in page and f'data-testid="fill-{running}"' not in page


def test_the_button_and_the_service_read_one_rule() -> None:
    this_month = services.current_period()
    assert not services.month_ended(this_month)
    assert services.month_ended(this_month.replace(year=this_month.year - 1))

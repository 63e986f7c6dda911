"""Two writes of the same enterprise's month at the same moment: they queue on the enterprise's lock, one
revision counts, a stale comparison is a conflict, nothing deadlocks, and the aggregates equal a rebuild.

Real threads need a server database (each thread its own connection); on the in-memory SQLite of the
default run the conflict tests of test_returns_write.py cover the same rules.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection, connections

from scipark.core.services import ConflictError
from scipark.core.testing import World
from scipark.economy import services
from scipark.economy.models import MonthlyReturn

from .conftest import month, rebuilt, snapshot

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*writes: Callable[[], Any]) -> list[str]:
    """Run the writes in threads released together; each outcome is ``"ok"`` or ``"conflict"``."""
    if connection.vendor != "postgresql":
        pytest.skip("threads need a server database (run with TEST_DATABASE_URL=postgres://…)")
    barrier = threading.Barrier(len(writes))
    outcomes: list[str] = []

    def run(write: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            write()
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(w,)) for w in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a write is still waiting: deadlock"
    return sorted(outcomes)


def test_two_imports_of_the_same_new_month_one_wins(world: World) -> None:
    staff = world.user("economy_staff")

    def import_row(output: int) -> Callable[[], Any]:
        row = services.ReturnInput(
            world.enterprise.pk, month(2023, 12), {"industrial_output": D(output)}, counting_version=0
        )
        return lambda: services.returns_write(
            user=staff, rows=[row], status="accepted", check_reasons=False, review_note="导入"
        )

    assert at_once(import_row(100), import_row(200)) == ["conflict", "ok"]
    assert MonthlyReturn.objects.filter(enterprise=world.enterprise).count() == 1
    assert snapshot() == rebuilt()


def test_an_acceptance_and_a_paper_return_of_the_same_month_keep_one_counting_revision(world: World) -> None:
    staff = world.user("economy_staff")
    submitted = services.return_submit(
        user=world.user("enterprise_user"),
        enterprise=world.enterprise,
        period=month(2023, 12),
        data={"industrial_output": D(100)},
    )

    def accept() -> Any:
        return services.return_accept(
            user=staff, monthly_return=submitted, expected_version=submitted.version
        )

    def record() -> Any:
        return services.return_record(
            user=staff,
            enterprise=world.enterprise,
            period=month(2023, 12),
            data={"industrial_output": D(150)},
        )

    outcomes = at_once(accept, record)
    # The paper return first: it completes the submitted revision, and the acceptance is stale.
    # The acceptance first: the paper return opens revision 2, which supersedes it.
    assert outcomes in (["conflict", "ok"], ["ok", "ok"])
    current = MonthlyReturn.objects.filter(enterprise=world.enterprise, is_current=True)
    assert current.count() == 1 and current.get().industrial_output == D(150)
    assert snapshot() == rebuilt()

"""Two staff take a step on the same appeal at the same moment: exactly one wins (SECURITY.md row 14).

Real threads need a server database (each thread its own connection); on the in-memory SQLite of the
default test run the stale-version tests of test_workflow.py cover the same rule.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, connections

from scipark.appeals import services
from scipark.appeals.models import Appeal, AppealState
from scipark.appeals.testing import make_appeal, make_category
from scipark.core.services import ConflictError

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_steps_one_wins(world: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("threads need a server database (run with TEST_DATABASE_URL=postgres://…)")
    category = make_category(world.park, "telecom")
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    staff = world.user("service_staff")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(kind: str) -> None:
        try:
            barrier.wait()
            notes = "材料不全" if kind == "send_back" else ""
            services.appeal_step(user=staff, appeal=appeal.pk, action=kind, version=1, notes=notes)
            outcomes.append(kind)
        except ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(k,)) for k in ("accept", "send_back")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) in (["accept", "conflict"], ["conflict", "send_back"])
    stored = Appeal.objects.get(pk=appeal.pk)
    assert stored.version == 2
    assert stored.state in (AppealState.ACCEPTED, AppealState.SENT_BACK)
    assert stored.steps.count() == 1

"""docs/deploy.md names the tables the Citus plan distributes, copies and keeps local, as the models say,
and on PostgreSQL the plan names every constraint it drops."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import connection

from scipark.core.distribution import plan, plan_sql

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def listed(heading: str) -> set[str]:
    """The table names in the code block that follows ``heading`` in docs/deploy.md."""
    text = DEPLOY.read_text(encoding="utf-8")
    after = text[text.index(heading) :]
    block = re.search(r"```\n(.*?)```", after, re.S)
    assert block is not None, heading
    return set(block.group(1).split())


def test_the_deploy_guide_names_the_distributed_reference_and_local_tables() -> None:
    p = plan()
    assert listed("**Distributed tables**") == set(p.tables("distributed"))
    assert listed("**Reference tables**") == set(p.tables("reference"))
    assert listed("**Coordinator-local tables**") == set(p.tables("local"))


@pytest.mark.django_db
def test_every_distributed_table_is_placed_once_with_the_anchor() -> None:
    sql = plan_sql(plan())
    distributed = [line for line in sql if line.startswith("SELECT create_distributed_table(")]
    assert distributed[0] == "SELECT create_distributed_table('enterprises_enterprise', 'park_id');"
    assert all("colocate_with => 'enterprises_enterprise'" in line for line in distributed[1:])
    assert len(distributed) == len(set(distributed)) == len(plan().distributed)


@pytest.mark.django_db
def test_on_postgresql_the_plan_names_each_constraint_it_drops() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("constraint names are PostgreSQL's (run with TEST_DATABASE_URL=postgres://…)")
    unnamed = [line for line in plan_sql(plan()) if "<fk " in line or "<unique " in line]
    assert unnamed == []

"""Who handled an appeal step (``actor_name``) is personal data (SECURITY.md row 20): declared with a
purpose, so that the audit admin's change log never shows it (the step's own timeline is not logged today;
if it ever is, the name is masked)."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.context import set_actor
from django.urls import reverse

from scipark.appeals.models import AppealCategory, AppealState, AppealStep
from scipark.appeals.testing import make_appeal
from scipark.core.changelog import Masked, masked_fields
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


def test_the_step_actor_name_is_declared_personal() -> None:
    assert masked_fields(AppealStep)["actor_name"] == Masked.PERSONAL


def test_the_audit_admin_reads_no_step_actor_name(
    world: World, category: AppealCategory, client_for: Any
) -> None:
    with set_actor(world.user("service_staff")):
        appeal = make_appeal(world.park, category, enterprise=world.enterprise)
        AppealStep.objects.create(
            appeal=appeal,
            action=AppealStep.Action.NOTE,
            to_state=AppealState.SUBMITTED,
            actor_name="郑秋菊",
            notes="电话联系企业",
        )
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "诉求" in page  # the appeal's own entry is there
    assert "郑秋菊" not in page

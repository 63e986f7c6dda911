"""People's names in the alliance (a party secretary, a joint action's 责任人) are personal data
(SECURITY.md row 20): declared with a purpose, and the audit admin's change log shows only that they
changed, never the names."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.context import set_actor
from django.urls import reverse

from scipark.alliance.models import JointAction, PartyOrganization
from scipark.alliance.testing import AllianceWorld
from scipark.core.changelog import Masked, masked_fields
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


def test_the_secretary_and_the_owner_person_are_declared_personal() -> None:
    assert masked_fields(PartyOrganization)["secretary"] == Masked.PERSONAL
    assert masked_fields(JointAction)["owner_person"] == Masked.PERSONAL


def test_the_audit_admin_reads_no_secretary_or_owner_person(
    world: World, aw: AllianceWorld, client_for: Any
) -> None:
    lead = aw.alliance.lead_department
    assert lead is not None
    with set_actor(world.user("service_staff")):
        aw.party_org.secretary = "周明远"
        aw.party_org.save()
        JointAction.objects.create(
            alliance=aw.alliance,
            title="联合攻关项目",
            owner_department=lead,
            owner_person="孙立新",
            start_on=dt.date(2023, 6, 1),
            due_on=dt.date(2023, 12, 31),
        )
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "书记" in page and "责任人" in page  # which fields changed is still shown
    assert "〔已隐去〕" in page
    leaks = [name for name in ("周明远", "李书记", "孙立新") if name in page]
    assert not leaks, leaks

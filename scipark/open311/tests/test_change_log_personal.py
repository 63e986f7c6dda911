"""An Open311 client's contact (a person and their phone) is personal data (SECURITY.md row 20): declared
with a purpose, and the audit admin's change log shows that it changed, never the value."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from scipark.core.changelog import Masked, masked_fields
from scipark.core.testing import World
from scipark.open311.client_services import client_create
from scipark.open311.models import Open311Client

pytestmark = pytest.mark.django_db


def test_the_client_contact_is_declared_personal() -> None:
    assert masked_fields(Open311Client)["contact"] == Masked.PERSONAL


def test_the_audit_admin_reads_no_client_contact(world: World, client_for: Any) -> None:
    client_create(
        park=world.park, name="12345 热线", contact="冯晓岚 13711112222", user=world.user("service_staff")
    )
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "联系人及联系方式" in page and "〔已隐去〕" in page
    leaks = [s for s in ("冯晓岚", "13711112222") if s in page]
    assert not leaks, leaks

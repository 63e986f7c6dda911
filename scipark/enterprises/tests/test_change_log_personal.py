"""The legal representative's name is personal data (SECURITY.md row 20): declared with a purpose, and
the audit admin's change log shows that it changed, never the name."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.context import set_actor
from django.urls import reverse

from scipark.core.changelog import Masked, masked_fields
from scipark.core.testing import World
from scipark.enterprises.models import Enterprise

pytestmark = pytest.mark.django_db


def test_the_legal_representative_is_declared_personal() -> None:
    assert masked_fields(Enterprise)["legal_representative"] == Masked.PERSONAL


def test_the_audit_admin_reads_no_legal_representative(world: World, client_for: Any) -> None:
    with set_actor(world.user("economy_staff")):
        enterprise = Enterprise.objects.get(pk=world.enterprise.pk)
        enterprise.legal_representative = "钱正德"
        enterprise.save()
        enterprise.legal_representative = "吴建国"
        enterprise.save()
    page = client_for("audit_admin").get(reverse("accounts:change_log")).content.decode()
    assert "法定代表人" in page and "〔已隐去〕" in page
    leaks = [name for name in ("钱正德", "吴建国") if name in page]
    assert not leaks, leaks

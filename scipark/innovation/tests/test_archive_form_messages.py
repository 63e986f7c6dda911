"""Filling in an archive with more 科技人员 than 职工 was answered at the top of the form with the database
constraint's name — 约束 “innovation_archive_staff_within_employees” 是无效的 — before the service's own
check (which names the field) could run. Found by an enterprise user filling its 2026 archive on a phone."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.innovation.models import TechArchive
from scipark.innovation.testing import FILLED

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changed", "field", "message"),
    [
        ({"tech_staff": "150", "employees": "120"}, "tech_staff", "科技人员数不能超过职工总数"),
        (
            {"rd_expense_domestic": "9000000", "rd_expense": "1000"},
            "rd_expense_domestic",
            "境内研发费用不能超过",
        ),
    ],
)
def test_a_part_above_its_whole_is_named_at_its_field(
    world: Any, changed: dict[str, str], field: str, message: str
) -> None:
    archive = TechArchive.objects.create(park=world.park, enterprise=world.enterprise, year=2023)
    client = Client()
    client.force_login(world.user("enterprise_user"))
    form = {**{k: str(v) for k, v in FILLED.items()}, **changed, "version": archive.version}
    response = client.post(reverse("innovation:archive_edit", args=[archive.pk]), form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "innovation_archive" not in html and "约束" not in html
    assert message in " ".join(response.context["form"].errors[field])

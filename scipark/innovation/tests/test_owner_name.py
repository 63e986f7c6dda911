"""权利人 (a right's holder) and 所属单位 (equipment's owner) are most often the enterprise chosen beside them:
left empty, they take its name. A walkthrough had to type the enterprise's name again under 权利人企业."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from scipark.core.testing import World
from scipark.innovation.models import IntellectualProperty

pytestmark = pytest.mark.django_db

ADD = "/innovation/libraries/patents/add/"


def copyright_form(**fields: Any) -> dict[str, Any]:
    return {"kind": "software", "number": "2023SR1234567", "title": "青稞酶解工艺控制软件 V1.0",
            "status": "granted", "granted_on": "2023-06-01", "self_developed": "on", **fields}  # fmt: skip


def staff(inn: Any) -> Client:
    client = Client()
    client.force_login(inn.staff)
    return client


def test_an_empty_holder_takes_the_chosen_enterprises_name(world: World, inn: Any) -> None:
    answer = staff(inn).post(ADD, copyright_form(enterprise=world.enterprise.pk, owner_name=""))
    assert answer.status_code == 302, answer.content.decode()[:1500]
    assert IntellectualProperty.objects.get().owner_name == world.enterprise.name


def test_a_typed_holder_is_kept(world: World, inn: Any) -> None:
    staff(inn).post(ADD, copyright_form(enterprise=world.enterprise.pk, owner_name="青海大学"))
    assert IntellectualProperty.objects.get().owner_name == "青海大学"


def test_neither_holder_nor_enterprise_is_refused_at_the_holder(world: World, inn: Any) -> None:
    client = staff(inn)
    page = client.post(ADD, copyright_form(owner_name=""))
    assert page.status_code in (200, 400) and not IntellectualProperty.objects.exists()
    assert page.context["form"].errors["owner_name"] == ["请填写权利人,或选择权利人企业。"]
    client.cookies["django_language"] = "en"
    english = client.post(ADD, copyright_form(owner_name=""))
    assert english.context["form"].errors["owner_name"][0].startswith("Enter the ")

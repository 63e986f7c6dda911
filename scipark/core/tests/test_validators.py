"""A phone number must be one a 催报 or 回访 call can dial: digits with the usual separators, never letters (a
walkthrough filed an appeal with 联系电话 “abc”: the platform had no phone rule at all). The rule sits on the
models' phone fields, so forms, the API and the imports that clean them refuse alike, and Open311 uses it too."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from scipark.appeals.models import Appeal
from scipark.core.testing import World
from scipark.core.validators import validate_phone
from scipark.enterprises.models import Contact

DIALABLE = (
    "13912345678",
    "0971-8123456",
    "(0971) 812 3456",
    "（0971）8123456",  # full-width brackets, as a Chinese keyboard types them
    "+86 139 1234 5678",
    "0971-8123456 转 801",
    "0971-8123456-801",
    "12345",
    "",
)
NOT_DIALABLE = ("abc", "12", "139abc45678", "+", "电话", "1234567890123456789", "+86+139")


@pytest.mark.parametrize("value", DIALABLE)
def test_a_dialable_number_passes(value: str) -> None:
    validate_phone(value)


@pytest.mark.parametrize("value", NOT_DIALABLE)
def test_letters_or_too_few_digits_are_refused_naming_the_value(value: str) -> None:
    with pytest.raises(ValidationError) as refused:
        validate_phone(value)
    assert f"“{value}”不是有效的电话号码" in refused.value.messages[0]
    with translation.override("en"):
        with pytest.raises(ValidationError) as english:
            validate_phone(value)
        assert "is not a valid phone number" in english.value.messages[0]


@pytest.mark.parametrize(
    ("model", "field"),
    [
        ("enterprises.Contact", "phone"),
        ("appeals.Appeal", "requester_phone"),
        ("innovation.Expert", "phone"),
        ("innovation.Talent", "phone"),
        ("accounts.User", "phone"),
    ],
)
def test_every_phone_field_carries_the_rule(model: str, field: str) -> None:
    from django.apps import apps

    assert validate_phone in apps.get_model(model)._meta.get_field(field).validators


@pytest.mark.django_db
def test_the_appeal_form_refuses_letters_at_the_field_and_keeps_the_text(
    world: World, client_for: Any
) -> None:
    from scipark.appeals.testing import make_category

    category = make_category(world.park, "telecom", name="通信网络", time_limit_days=5)
    client: Client = client_for("enterprise_user")
    data = {
        "category": category.pk,
        "enterprise": world.enterprise.pk,
        "description": "企业周边电信信号弱",
        "requester_phone": "abc",
    }
    page = client.post("/appeals/add/", data)
    assert page.status_code == 400 and not Appeal.objects.exists()
    assert page.context["form"].errors["requester_phone"][0].startswith("“abc”不是有效的电话号码")
    assert "企业周边电信信号弱" in page.content.decode()
    assert client.post("/appeals/add/", {**data, "requester_phone": "0971-8123456"}).status_code == 302


@pytest.mark.django_db
def test_the_api_refuses_a_contact_with_letters_for_a_phone(world: World) -> None:
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world.user("enterprise_user"))
    answer = api.post(
        "/api/v1/enterprise-contacts/",
        {"enterprise": world.enterprise.pk, "name": "李四", "phone": "abc"},
        format="json",
    )
    assert answer.status_code == 400 and "phone" in answer.json()
    assert not Contact.objects.filter(name="李四").exists()

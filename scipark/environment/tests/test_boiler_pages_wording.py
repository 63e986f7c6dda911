"""The boiler pages on the demo's records speak to users: the NOx method's basis is named in plain Chinese
(the coefficients and the standard), never by our repository's files (DOMAIN.md, its § sections)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.accounts.models import User
from scipark.demo.builder import DemoBuilder, load_steps
from scipark.environment.models import Boiler, NoxAssumption

pytestmark = pytest.mark.django_db

STEPS = [
    "scipark.demo.steps.structure.StructureStep",
    "scipark.demo.steps.enterprises.EnterprisesStep",
    "scipark.demo.steps.accounts.AccountsStep",
    "scipark.environment.demo.EnvironmentStep",
]


@pytest.fixture
def bio(without_world: None) -> Any:
    return DemoBuilder(load_steps(STEPS)).build().parks["bio"]


def test_no_boiler_page_names_our_files(bio: Any) -> None:
    client = Client()
    client.force_login(User.objects.get(username="bio-environment"))
    boilers = list(Boiler.objects.filter(park=bio))
    assert boilers and NoxAssumption.objects.filter(park=bio).exists()
    urls = [reverse("environment:boiler_list"), reverse("environment:boiler_add")]
    for boiler in boilers:
        urls += [
            reverse("environment:boiler_detail", args=[boiler.pk]),
            reverse("environment:boiler_edit", args=[boiler.pk]),
        ]
    shown = False
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert "DOMAIN.md" not in page and "§" not in page, url
        shown = shown or "GB 13271-2014" in page
    assert shown, "the method's basis is shown on a boiler's page"

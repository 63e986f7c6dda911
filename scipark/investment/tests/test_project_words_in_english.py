"""Investment's projects read “Project” words on the English pages: 项目名称 was translated “Action name”
by economy's and alliance's catalogues, and economy's won the merge, so the project list's first column
read “Action name”; 来源 (where the investor comes from) reads “Origin”, not the findings' “Source”."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.test import Client
from django.urls import reverse

from scipark.investment.models import Stage

from .conftest import Inv

pytestmark = pytest.mark.django_db


def _headers(user: Any, url: str, language: str) -> list[str]:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    return [th.text_content().strip() for th in page.xpath("//main//table//thead//th")]


@pytest.mark.parametrize(
    ("language", "name", "origin"), [("en", "Project name", "Origin"), ("zh-hans", "项目名称", "来源")]
)
def test_the_project_list_names_its_columns(inv: Inv, language: str, name: str, origin: str) -> None:
    inv.project(Stage.SIGNED)
    headers = _headers(inv.staff, reverse("investment:project_list"), language)
    assert name in headers
    assert origin in headers
    assert "Action name" not in headers

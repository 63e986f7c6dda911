"""The alliance's joint actions keep their own word on the English pages: 项目/项目名称 are “Joint action”
and “Action name” here (message context “joint action”), while investment's and economy's projects read
“Project”/“Project name” — one plain msgid could read only one of them everywhere."""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest
from django.urls import reverse

from scipark.alliance.testing import AllianceWorld

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "name"), [("en", "Action name"), ("zh-hans", "项目名称")])
def test_the_joint_action_list_names_its_title_column(
    client_for: Any, aw: AllianceWorld, language: str, name: str
) -> None:
    client = client_for("service_staff")
    client.cookies["django_language"] = language
    response = client.get(reverse("alliance:action_list"))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    headers = [th.text_content().strip() for th in page.xpath("//main//table//thead//th")]
    assert headers[0] == name, headers
    assert "Project name" not in headers

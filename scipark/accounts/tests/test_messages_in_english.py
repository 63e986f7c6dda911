"""The session policy's answers to an API client read in English when it asks for English."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from scipark.accounts.sessions import SESSION_STARTED
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("english", "expected"),
    [(True, "Your session has expired; please sign in again."), (False, "会话已过期,请重新登录。")],
)
def test_an_expired_session_is_told_in_the_clients_language(
    world: World, password: str, english: bool, expected: str
) -> None:
    client = Client()
    username = world.user("economy_staff").username
    signed_in = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert signed_in.status_code == 302
    client.get("/api/v1/parks/")  # the first request stamps the session's start
    session = client.session
    session[SESSION_STARTED] = session[SESSION_STARTED] - 12 * 3600 - 1
    session.save()
    headers: dict[str, Any] = {"HTTP_ACCEPT_LANGUAGE": "en"} if english else {}
    response = client.get("/api/v1/parks/", **headers)
    assert response.status_code == 401
    assert response.json()["detail"] == expected

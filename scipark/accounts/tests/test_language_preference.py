"""A signed-in user's language is kept on the account: the switch stores it (an anonymous switch only sets
the cookie), a sign-in opens in it on any device, and the profile shows and changes it."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from scipark.accounts import services
from scipark.accounts.models import User
from scipark.core.testing import World

SWITCH = reverse("set_language")
PROFILE = reverse("accounts:profile")


def signed_in(world: World, persona: str = "economy_staff") -> tuple[Client, Any]:
    client = Client()
    user = world.user(persona)
    client.force_login(user)
    return client, user


def test_the_switch_keeps_a_signed_in_users_language_and_still_redirects(world: World) -> None:
    client, user = signed_in(world)
    response = client.post(SWITCH, {"language": "en", "next": "/economy/"})
    assert response.status_code == 302
    assert response["Location"] == "/economy/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    user.refresh_from_db()
    assert user.language == "en"
    client.post(SWITCH, {"language": "zh-hans", "next": "/"})
    user.refresh_from_db()
    assert user.language == "zh-hans"


def test_an_anonymous_switch_sets_only_the_cookie(world: World, client: Client) -> None:
    response = client.post(SWITCH, {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert not User.objects.exclude(language="").exists()


def test_a_language_the_site_does_not_offer_is_not_kept(world: World) -> None:
    client, user = signed_in(world)
    response = client.post(SWITCH, {"language": "fr", "next": "/"})  # Django has a French catalogue
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.language == ""
    with pytest.raises(Exception, match="fr"):
        services.user_language_set(user=user, language="fr")


def test_a_get_changes_nothing(world: World) -> None:
    client, user = signed_in(world)
    assert client.get(SWITCH, {"language": "en", "next": "/"}).status_code == 302
    user.refresh_from_db()
    assert user.language == ""


def test_signing_in_opens_in_the_stored_language(world: World, password: str) -> None:
    user = world.user("economy_staff")
    services.user_language_set(user=user, language="en")
    client = Client()  # a second device: no cookie
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in client.get(PROFILE).content.decode()


def test_signing_in_without_a_stored_language_leaves_the_cookie_alone(world: World, password: str) -> None:
    client = Client()
    client.post(SWITCH, {"language": "en", "next": "/accounts/login/"})
    response = client.post(reverse("accounts:login"), {"username": "economy_staff", "password": password})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert world.user("economy_staff").language == ""


def test_the_profile_shows_and_changes_the_language(world: World) -> None:
    client, user = signed_in(world)
    page = client.get(PROFILE).content.decode()
    assert 'data-testid="profile-language">未设置(平台默认:简体中文)<' in page
    assert f'action="{SWITCH}"' in page
    response = client.post(SWITCH, {"language": "en", "next": PROFILE})
    assert response["Location"] == PROFILE
    page = client.get(PROFILE).content.decode()
    assert 'data-testid="profile-language">English<' in page
    assert "Notification e-mails are sent in this language too" in page
    assert '<option value="en" selected>English</option>' in page
    user.refresh_from_db()
    assert user.language == "en"


def test_a_language_change_is_neither_an_audit_event_nor_a_logged_change(world: World) -> None:
    from auditlog.models import LogEntry

    from scipark.core.models import AuditEvent

    user = world.user("economy_staff")
    events, entries = AuditEvent.objects.count(), LogEntry.objects.count()
    services.user_language_set(user=user, language="en")
    assert (AuditEvent.objects.count(), LogEntry.objects.count()) == (events, entries)


@pytest.mark.django_db(transaction=True)
def test_migration_0007_adds_the_language_blank_and_goes_back(world: World) -> None:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("accounts", "0006_phone_numbers")], [("accounts", "0007_user_language")]
    try:
        MigrationExecutor(connection).migrate(before)
        columns = {
            c.name
            for c in connection.introspection.get_table_description(connection.cursor(), "accounts_user")
        }
        assert "language" not in columns
        MigrationExecutor(connection).migrate(after)
        assert set(User.objects.values_list("language", flat=True)) == {""}  # existing users: the default
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate([key for key in executor.loader.graph.leaf_nodes() if key[0] == "accounts"])

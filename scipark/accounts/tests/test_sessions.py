"""Sessions (SECURITY.md row 6): idle 30 min, absolute 12 h; sign-out, disabling the account and a
password change each leave 0 reusable sessions; at most N concurrent sessions per user."""

from __future__ import annotations

import datetime as dt

from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scipark.accounts import services, tokens
from scipark.accounts.models import UserSession
from scipark.accounts.sessions import SESSION_STARTED, reusable_session_count

HOME = reverse("core:home")
NEW_PASSWORD = "Another-Pass-2027!"


def sign_in(username: str, password: str) -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def works(client: Client) -> bool:
    return client.get(HOME).status_code == 200


def test_the_idle_timeout_is_thirty_minutes_renewed_on_every_request():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    assert django_settings.SESSION_SAVE_EVERY_REQUEST is True
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_session_idle_for_thirty_minutes_is_dead(world, password):
    client = sign_in("economy_staff", password)
    assert works(client)
    key = client.session.session_key
    expires = Session.objects.get(session_key=key).expire_date
    assert expires - timezone.now() > dt.timedelta(minutes=29)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get(HOME).status_code == 302
    assert reusable_session_count(world.user("economy_staff")) == 0


def test_each_request_pushes_the_idle_deadline_forward(world, password):
    client = sign_in("economy_staff", password)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + dt.timedelta(minutes=1))
    assert works(client)
    assert Session.objects.get(session_key=key).expire_date - timezone.now() > dt.timedelta(minutes=29)


def test_a_session_older_than_twelve_hours_is_ended_even_when_active(world, password):
    client = sign_in("economy_staff", password)
    session = client.session
    assert session[SESSION_STARTED] > 0
    session[SESSION_STARTED] = session[SESSION_STARTED] - 12 * 3600 - 1
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not works(client)
    assert reusable_session_count(world.user("economy_staff")) == 0


def test_a_session_just_under_twelve_hours_still_works(world, password):
    client = sign_in("economy_staff", password)
    session = client.session
    session[SESSION_STARTED] = session[SESSION_STARTED] - 12 * 3600 + 60
    session.save()
    assert works(client)


def test_logout_deletes_the_session_so_a_copied_cookie_is_useless(world, password):
    client = sign_in("economy_staff", password)
    stolen = Client()
    stolen.cookies = client.cookies.__class__(client.cookies)  # a copy of the cookie jar
    assert works(stolen)
    client.post(reverse("accounts:logout"))
    assert not works(stolen)
    assert reusable_session_count(world.user("economy_staff")) == 0
    assert not UserSession.objects.filter(user=world.user("economy_staff")).exists()


def test_disabling_a_user_ends_all_their_sessions(world, password):
    clients = [sign_in("economy_staff", password) for _ in range(2)]
    admin = sign_in("security_admin", password)
    user = world.user("economy_staff")
    response = admin.post(reverse("accounts:user_deactivate", args=[user.pk]))
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active
    assert not any(works(c) for c in clients)
    assert Session.objects.count() == 1  # the security admin's own
    assert reusable_session_count(user) == 0


def test_disabling_a_user_also_revokes_their_api_tokens(world):
    user = world.user("economy_staff")
    tokens.token_issue(user=user, name="脚本")
    services.user_deactivate(user=user, actor=world.user("security_admin"))
    assert not tokens.live_tokens(user).exists()


def test_a_password_change_ends_every_other_session_and_keeps_this_one(world, password):
    other = sign_in("economy_staff", password)
    this = sign_in("economy_staff", password)
    response = this.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert works(this)
    assert not works(other)
    user = world.user("economy_staff")
    user.refresh_from_db()
    assert reusable_session_count(user) == 1  # only the session that changed the password
    assert UserSession.objects.filter(user=user).count() == 1
    assert user.password_changed_at is not None


def test_a_password_changed_elsewhere_ends_every_session(world, password):
    client = sign_in("economy_staff", password)
    user = world.user("economy_staff")
    services.password_change(user=user, new_password=NEW_PASSWORD)
    assert not works(client)
    assert reusable_session_count(user) == 0


def test_a_new_login_beyond_the_limit_ends_the_oldest_session(world, password, settings):
    settings.SCIPARK_MAX_SESSIONS_PER_USER = 3
    clients = [sign_in("economy_staff", password) for _ in range(3)]
    assert all(works(c) for c in clients)
    newest = sign_in("economy_staff", password)
    assert not works(clients[0])
    assert all(works(c) for c in clients[1:]) and works(newest)
    user = world.user("economy_staff")
    assert reusable_session_count(user) == 3
    assert UserSession.objects.filter(user=user).count() == 3


def test_a_wrong_old_password_is_explained_on_the_form_and_changes_nothing(world, password):
    client = sign_in("economy_staff", password)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 400  # core's one policy: a refused form answers 400
    assert "原密码不正确。" in response.content.decode()
    assert works(client)
    user = world.user("economy_staff")
    user.refresh_from_db()
    assert user.check_password(password)

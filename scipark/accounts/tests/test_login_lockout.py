"""Login failures (SECURITY.md rows 5 and 9): five wrong passwords lock the username for 30 minutes (an
address only past ``SCIPARK_LOCKOUT_ADDRESS_LIMIT`` failures, so one person cannot lock an office), the right password is refused meanwhile, and every attempt leaves one audit record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from scipark.core.models import AuditEvent

LOGIN = reverse("accounts:login")


def attempt(client: Client, username: str, password: str, ip: str = "10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


def signed_in(client: Client) -> bool:
    return client.get(reverse("core:home")).status_code == 200


def test_the_login_page_says_the_demo_has_no_second_factor(db, settings):
    settings.SCIPARK_REQUIRE_MFA = False
    page = Client().get(LOGIN).content.decode()
    assert "演示环境未启用动态口令(生产环境对工作人员和管理员强制启用)" in page


def test_the_login_page_says_staff_need_a_second_factor_in_production(db, settings):
    settings.SCIPARK_REQUIRE_MFA = True
    page = Client().get(LOGIN).content.decode()
    assert "动态口令" in page and "演示环境" not in page


def test_a_correct_password_signs_in_and_records_one_login_ok(world, password):
    client = Client()
    response = attempt(client, "economy_staff", password)
    assert response.status_code == 302
    assert signed_in(client)
    events = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_OK, username="economy_staff")
    assert events.count() == 1
    event = events.get()
    assert event.user == world.user("economy_staff")
    assert event.ip_address == "10.1.2.3"
    assert event.result == AuditEvent.Result.OK
    assert event.timestamp is not None and event.request_id


def test_a_wrong_password_is_refused_in_chinese_and_records_one_login_failed(world):
    client = Client()
    response = attempt(client, "economy_staff", "wrong-Password-1")
    assert response.status_code == 200
    assert "用户名或密码错误" in response.content.decode()
    assert not signed_in(client)
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.LOGIN_FAILED)
    assert (event.username, event.user, event.ip_address, event.result) == (
        "economy_staff",
        world.user("economy_staff"),
        "10.1.2.3",
        AuditEvent.Result.FAILED,
    )


def test_five_wrong_passwords_lock_the_username_and_record_exactly_one_lockout(world, password):
    client = Client()
    for _ in range(4):
        assert attempt(client, "economy_staff", "wrong-Password-1").status_code == 200
    fifth = attempt(client, "economy_staff", "wrong-Password-1")
    assert fifth.status_code == 429
    assert "账号已锁定30分钟" in fifth.content.decode()
    # The correct password is refused meanwhile, from this address and from another one.
    assert attempt(client, "economy_staff", password).status_code == 429
    other = Client()
    assert attempt(other, "economy_staff", password, ip="10.9.9.9").status_code == 429
    assert not signed_in(client) and not signed_in(other)
    lockouts = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOCKOUT)
    assert lockouts.count() == 1
    lockout = lockouts.get()
    assert (lockout.username, lockout.user, lockout.ip_address, lockout.result) == (
        "economy_staff",
        world.user("economy_staff"),
        "10.1.2.3",
        AuditEvent.Result.DENIED,
    )
    failed = AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_FAILED, username="economy_staff")
    assert failed.filter(result=AuditEvent.Result.FAILED).count() == 5
    assert failed.filter(result=AuditEvent.Result.DENIED).count() == 2  # the refused correct passwords
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGIN_OK).exists()


def test_many_failures_from_one_address_lock_that_address_for_every_username(world, password, settings):
    settings.SCIPARK_LOCKOUT_ADDRESS_LIMIT = 12
    client = Client()
    for n in range(4):
        attempt(client, f"nobody{n}", "wrong-Password-1", ip="10.7.7.7")
    assert attempt(client, "park_leader", password, ip="10.7.7.7").status_code == 302  # 4 < 12: not locked
    Client().post(reverse("accounts:logout"))
    for n in range(12):
        attempt(Client(), f"sprayed{n}", "wrong-Password-1", ip="10.7.7.7")
    assert attempt(Client(), "park_leader", password, ip="10.7.7.7").status_code == 429
    # The same user from another address is not affected by the address lock.
    assert attempt(Client(), "park_leader", password, ip="10.8.8.8").status_code == 302


def test_the_lock_ends_after_thirty_minutes(world, password):
    client = Client()
    for _ in range(5):
        attempt(client, "economy_staff", "wrong-Password-1")
    assert attempt(client, "economy_staff", password).status_code == 429
    # 29 minutes later: still locked.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - dt.timedelta(minutes=29)
    )
    assert attempt(client, "economy_staff", password).status_code == 429
    # 31 minutes after the fifth failure: the correct password works again.
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - dt.timedelta(minutes=2)
    )
    assert attempt(client, "economy_staff", password).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/login/"])
def test_the_lockout_answer_for_the_api_is_json(rf, path):
    from scipark.accounts.views import lockout_response

    response = lockout_response(rf.post(path), None, {"username": "x"})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "锁定30分钟" in json.loads(response.content)["detail"]


def test_a_successful_login_resets_the_failure_count(world, password):
    client = Client()
    for _ in range(4):
        attempt(client, "economy_staff", "wrong-Password-1")
    assert attempt(client, "economy_staff", password).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        attempt(client, "economy_staff", "wrong-Password-1")
    assert attempt(client, "economy_staff", password).status_code == 302


def test_logout_is_post_only_and_records_one_logout(world, password):
    client = Client()
    attempt(client, "economy_staff", password)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.LOGOUT, username="economy_staff").count() == 1
    assert not signed_in(client)


def test_an_inactive_user_cannot_sign_in(world, password):
    user = world.user("economy_staff")
    user.is_active = False
    user.save()
    assert attempt(Client(), "economy_staff", password).status_code == 200

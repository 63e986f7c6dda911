"""Secrets and limits (issue 9 §9): API throttling is active, secrets never reach the access log, the
client's address comes from a trusted proxy only, and lockout by address does not lock an office."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.test import Client, RequestFactory, override_settings
from rest_framework.throttling import SimpleRateThrottle

from scipark.core.logging import RedactSecretsFilter
from scipark.core.network import _networks, client_ip
from scipark.core.testing import PASSWORD, World


def test_the_api_answers_429_past_the_configured_rate(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "3/min")
    cache.clear()
    client = Client()
    client.force_login(world.user("economy_staff"))
    statuses = [client.get("/api/v1/parks/").status_code for _ in range(4)]
    cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_the_development_server_access_log_redacts_api_keys_and_tokens() -> None:
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"GET /open311/v2/requests.json?api_key=%s&x=1" 200',
        ("s3cr3t",),
        None,
    )
    RedactSecretsFilter().filter(record)
    assert "s3cr3t" not in record.getMessage() and "api_key=***" in record.getMessage()
    assert any(
        isinstance(f, RedactSecretsFilter)
        for h in logging.getLogger("django.server").handlers
        for f in h.filters
    )


def request_from(remote: str, forwarded: str = "") -> Any:
    request = RequestFactory().get("/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_forwarded_for_is_believed_only_from_a_trusted_proxy() -> None:
    _networks.cache_clear()
    with override_settings(SCIPARK_TRUSTED_PROXIES=["10.0.0.0/8"]):
        assert client_ip(request_from("10.1.2.3", "203.0.113.9")) == "203.0.113.9"
        # the right-most untrusted hop: a client cannot put a fake address in front of its own
        assert client_ip(request_from("10.1.2.3", "1.1.1.1, 203.0.113.9, 10.9.9.9")) == "203.0.113.9"
        assert client_ip(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
        assert client_ip(request_from("10.1.2.3", "not-an-ip")) == "10.1.2.3"
    assert client_ip(request_from("10.1.2.3", "203.0.113.9")) == "10.1.2.3"  # no proxy configured


def sign_in(username: str, password: str, address: str = "192.0.2.10") -> int:
    return (
        Client(REMOTE_ADDR=address)
        .post("/accounts/login/", {"username": username, "password": password})
        .status_code
    )


def test_one_persons_typos_do_not_lock_the_office_behind_one_address(world: World) -> None:
    AccessAttempt.objects.all().delete()
    for _ in range(5):
        sign_in("economy_staff", "wrong-password")
    assert sign_in("economy_staff", PASSWORD) == 429  # the username is locked
    assert sign_in("service_staff", PASSWORD) == 302  # a colleague at the same address signs in


@override_settings(SCIPARK_LOCKOUT_ADDRESS_LIMIT=8)
def test_an_address_spraying_many_usernames_is_locked(world: World) -> None:
    AccessAttempt.objects.all().delete()
    for name in ("a1", "a2", "a3", "a4"):
        sign_in(name, "x")
        sign_in(name, "y")
    assert sign_in("service_staff", PASSWORD) == 429
    assert sign_in("service_staff", PASSWORD, address="192.0.2.99") == 302

"""Second factor (SECURITY.md row 8): with MFA required, staff and administrators get no usable session
before TOTP — every page redirects to the OTP step, every API call is 403 — and a code is single-use."""

from __future__ import annotations

import time
from binascii import unhexlify

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from scipark.core.models import AuditEvent

HOME = reverse("core:home")
VERIFY = reverse("accounts:otp_verify")
SETUP = reverse("accounts:otp_setup")


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.SCIPARK_REQUIRE_MFA = True


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(unhexlify(device.key), device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


def enrol(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(username: str, password: str) -> tuple[Client, str]:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": password})
    assert response.status_code == 302
    return client, response["Location"]


@pytest.mark.parametrize(
    "persona", ["economy_staff", "park_leader", "security_admin", "audit_admin", "system_admin"]
)
def test_staff_and_admins_are_sent_to_the_otp_step_and_reach_nothing_else(world, password, persona):
    enrol(world.user(persona))
    client, location = sign_in(persona, password)
    assert location.startswith(VERIFY)
    for path in [
        HOME,
        reverse("accounts:user_list"),
        reverse("accounts:audit_log"),
        reverse("accounts:password_change"),
    ]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(VERIFY), path
    for path in ["/api/v1/", "/api/v1/enterprises/", "/api/schema/"]:
        assert client.get(path).status_code == 403, path


def test_staff_without_a_device_are_sent_to_enrol_first(world, password):
    client, location = sign_in("economy_staff", password)
    assert location.startswith(SETUP)
    assert client.get(HOME)["Location"].startswith(VERIFY)
    assert client.get(VERIFY)["Location"].startswith(SETUP)


def test_enrolment_shows_a_qr_code_as_a_data_image_and_the_secret(world, password):
    client, _location = sign_in("economy_staff", password)
    page = client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    device = TOTPDevice.objects.get(user=world.user("economy_staff"), confirmed=False)
    assert "<svg" not in page and "style=" not in page and "<script>" not in page
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_the_right_code_opens_the_session(world, password):
    device = enrol(world.user("economy_staff"))
    client, _location = sign_in("economy_staff", password)
    response = client.post(VERIFY, {"code": code_for(device), "next": HOME})
    assert response.status_code == 302 and response["Location"] == HOME
    assert client.get(HOME).status_code == 200


def test_a_used_code_is_refused_the_second_time(world, password):
    device = enrol(world.user("economy_staff"))
    code = code_for(device)
    first, _location = sign_in("economy_staff", password)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    second, _location = sign_in("economy_staff", password)
    response = second.post(VERIFY, {"code": code})
    assert response.status_code == 200
    assert "已使用" in response.content.decode()
    assert second.get(HOME).status_code == 302


def test_a_wrong_code_is_refused_and_recorded(world, password):
    device = enrol(world.user("economy_staff"))
    client, _location = sign_in("economy_staff", password)
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    assert client.post(VERIFY, {"code": wrong}).status_code == 200
    assert client.get(HOME).status_code == 302
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.MFA_FAILED)
    assert event.user == world.user("economy_staff") and event.result == AuditEvent.Result.FAILED


def test_an_enrolled_device_cannot_be_replaced_before_passing_the_second_factor(world, password):
    enrol(world.user("economy_staff"))
    client, _location = sign_in("economy_staff", password)
    assert client.get(SETUP)["Location"].startswith(VERIFY)


def test_enterprise_users_may_go_without_a_second_factor(world, password):
    client, location = sign_in("enterprise_user", password)
    assert location == HOME
    assert client.get(HOME).status_code == 200


def test_an_enterprise_user_who_enrolled_must_use_it(world, password):
    enrol(world.user("enterprise_user"))
    client, location = sign_in("enterprise_user", password)
    assert location.startswith(VERIFY)
    assert client.get(HOME).status_code == 302


def test_without_mfa_required_staff_sign_in_with_a_password(world, password, settings):
    settings.SCIPARK_REQUIRE_MFA = False
    client, location = sign_in("economy_staff", password)
    assert location == HOME and client.get(HOME).status_code == 200


def test_the_next_parameter_cannot_send_the_user_off_site(world, password, settings):
    settings.SCIPARK_REQUIRE_MFA = False
    client = Client()
    response = client.post(
        reverse("accounts:login"),
        {"username": "economy_staff", "password": password, "next": "https://evil.example/"},
    )
    assert response["Location"] == HOME

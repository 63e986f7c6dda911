"""The second factor (SECURITY.md row 8): TOTP devices from django-otp, enrolment and verification.

django-otp's ``TOTPDevice.verify_token`` refuses a code whose time step is not after the last one
accepted (``last_t``), so a code cannot be replayed, and throttles repeated failures.
"""

from __future__ import annotations

import base64
import io
from base64 import b32encode
from binascii import unhexlify

import segno
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent

from .models import User

DEVICE_NAME = "scipark"


def device_confirmed(user: User) -> TOTPDevice | None:
    """The user's confirmed TOTP device, if enrolled."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def device_pending(user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (created on first visit of the set-up page)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def secret_base32(device: TOTPDevice) -> str:
    """The shared secret as authenticator apps type it (base32, no padding)."""
    return b32encode(unhexlify(device.key)).decode().rstrip("=")


def qr_data_uri(device: TOTPDevice) -> str:
    """The ``otpauth://`` URL as an SVG QR code in a base64 data: URI (CSP allows data: images only)."""
    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(buffer, kind="svg", scale=5, border=2, xmldecl=False)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def _clean(code: str) -> str:
    return "".join(ch for ch in str(code) if ch.isdigit())


def otp_verify(*, request: HttpRequest, user: User, code: str) -> bool:
    """Check a code against the user's device; on success mark the session verified, else audit it."""
    device = device_confirmed(user)
    ok = False
    if device is not None:
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
            ok = bool(device.verify_token(_clean(code)))
    if ok and device is not None:
        otp_login(request, device)
        return True
    audit_event_record(
        kind=AuditEvent.Kind.MFA_FAILED,
        request=request,
        user=user,
        result=AuditEvent.Result.FAILED,
        detail={"reason": "no_device" if device is None else "bad_code"},
    )
    return False


def otp_confirm(*, request: HttpRequest, user: User, code: str) -> bool:
    """Finish enrolment: the first correct code confirms the device and verifies this session."""
    device = device_pending(user)
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        ok = bool(device.verify_token(_clean(code)))
        if ok:
            TOTPDevice.objects.filter(user=user, confirmed=True).delete()  # one device per user
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if ok:
        otp_login(request, device)
        return True
    audit_event_record(
        kind=AuditEvent.Kind.MFA_FAILED,
        request=request,
        user=user,
        result=AuditEvent.Result.FAILED,
        detail={"reason": "bad_enrolment_code"},
    )
    return False

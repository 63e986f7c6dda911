"""What the route matrix needs for the accounts pages a person uses on their own account (API tokens)."""

from __future__ import annotations

import datetime as dt
import time
from binascii import unhexlify
from typing import Any

from django.utils import timezone
from django_otp.oath import TOTP

from scipark.core.testing import PASSWORD, as_shown

from . import otp
from .models import PersonalToken
from .tokens import SHOWN_CHARS, token_digest, token_generate

#: One's own account: every signed-in user has it, whatever their roles.
ROUTE_SIGNED_IN = ("accounts:profile", "accounts:token_create", "accounts:token_revoke")


def token_for(user: Any, name: str = "矩阵令牌") -> PersonalToken:
    """A live token of ``user``, written directly (the 三员 may not issue one, but the pages must refuse
    them properly); its key is thrown away."""
    key = token_generate()
    return PersonalToken.objects.create(
        user=user,
        name=name,
        key_prefix=key[:SHOWN_CHARS],
        key_hash=token_digest(key),
        expires_at=timezone.now() + dt.timedelta(days=30),
    )


def route_samples(world: Any) -> dict[str, dict[str, Any]]:
    """A token of the enterprise user, for the security admin's revoke button."""
    return {"accounts.personaltoken": {"own": token_for(world.user("enterprise_user"))}}


def _first_code(world: Any, obj: Any, user: Any) -> dict[str, Any]:
    """The code the user's authenticator app shows now for the device the setup page enrols."""
    device = otp.device_pending(user)
    totp = TOTP(unhexlify(device.key), device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return {"code": f"{totp.token():06d}"}


ROUTE_POSTS = {
    "accounts:password_change": lambda world, obj, user: {
        "old_password": PASSWORD,
        "new_password1": "Matrix-Neues-Kennwort-2027!",
        "new_password2": "Matrix-Neues-Kennwort-2027!",
    },
    "accounts:otp_setup": _first_code,
    "accounts:token_create": lambda world, obj, user: {"name": "矩阵令牌", "days": 30},
    "accounts:token_revoke": lambda world, obj, user: {"token": token_for(user).pk},
    # Revoking twice is no error, so every variant of the walk may press the button.
    "accounts:token_admin_revoke": as_shown,
}
_ADMINS_HOLD_NO_TOKENS = (400, "三员 accounts hold no API tokens: the form is refused")
ROUTE_STATUS = {
    ("accounts:token_create", "POST", None): (200, "the token is shown once, on this answer"),
    ("accounts:token_create", "POST", "system_admin"): _ADMINS_HOLD_NO_TOKENS,
    ("accounts:token_create", "POST", "security_admin"): _ADMINS_HOLD_NO_TOKENS,
    ("accounts:token_create", "POST", "audit_admin"): _ADMINS_HOLD_NO_TOKENS,
}

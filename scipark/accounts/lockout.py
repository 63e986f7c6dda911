"""Lockout that does not lock a whole office (issue 9 §9, SECURITY.md row 5).

django-axes locks a *username* after 5 failures for 30 minutes. An *address* is locked only when far more
failures come from it within the same window (``SCIPARK_LOCKOUT_ADDRESS_LIMIT``, default 50): one person's
typos behind an office's or a proxy's single address must not lock everyone there, while a password-spraying
client still is. The address is the one ``core.network.client_ip`` attributes (trusted proxies only).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from scipark.core.network import client_ip


def address_failure_limit() -> int:
    return int(getattr(settings, "SCIPARK_LOCKOUT_ADDRESS_LIMIT", 50))


def address_failures(address: str) -> int:
    """Failed sign-ins from ``address`` within the current cool-off window, over every username."""
    cool_off = get_cool_off() or timedelta(minutes=30)
    since = timezone.now() - cool_off
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return int(total or 0)


def address_locked(request: HttpRequest) -> bool:
    address = client_ip(request)
    return bool(address) and address_failures(address) >= address_failure_limit()  # type: ignore[arg-type]


class LockoutBackend(AxesStandaloneBackend):
    """axes' per-username lockout, plus the per-address one with its much higher threshold."""

    def authenticate(
        self,
        request: HttpRequest,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is not None and address_locked(request):
            request.axes_locked_out = True  # type: ignore[attr-defined]  # axes' middleware answers 429
            raise AxesBackendPermissionDenied("too many failed sign-ins from this address")
        return super().authenticate(request, username, password, **kwargs)

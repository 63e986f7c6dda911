"""The client's address, trusting ``X-Forwarded-For`` only from configured proxies (issue 9 §9).

Behind nginx every request comes from the proxy's address; without a trusted list, per-address lockout and
the audit log would see one address for the whole city. With ``SCIPARK_TRUSTED_PROXIES`` set (addresses or
networks, comma-separated), a request from one of them is attributed to the right-most address in
``X-Forwarded-For`` that is not itself a trusted proxy; a request from anywhere else keeps ``REMOTE_ADDR``,
so a client cannot forge its address by sending the header itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(spec: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(s.strip(), strict=False) for s in spec if s.strip())


def trusted_proxies() -> tuple[Network, ...]:
    configured: Iterable[str] = getattr(settings, "SCIPARK_TRUSTED_PROXIES", ())
    return _networks(tuple(configured))


def _address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def _is_trusted(value: str, networks: tuple[Network, ...]) -> bool:
    address = _address(value)
    return address is not None and any(address in n for n in networks)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or what a trusted proxy says it forwarded for."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    networks = trusted_proxies()
    if not remote or not networks or not _is_trusted(remote, networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if _address(hop) is None:
            break  # a malformed entry: stop trusting the chain here
        if not _is_trusted(hop, networks):
            return hop
    return remote

"""A small load generator: N threads, each with one keep-alive ``http.client`` connection, loopback only.

Bounded by a request count and a duration, whichever comes first; reports requests/s and p50/p99.
"""

from __future__ import annotations

import http.client
import ipaddress
import math
import threading
import time
from dataclasses import dataclass, field


@dataclass
class LoadResult:
    """What one load run measured."""

    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, successful requests
    first_error: str = ""

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        """The ``q`` quantile (0–1) of the latencies, in seconds (nearest rank)."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))
        return ordered[rank]

    @classmethod
    def combined(cls, parts: list[LoadResult]) -> LoadResult:
        """Several runs of the same load as one (the rounds of an interleaved measurement)."""
        whole = cls()
        for part in parts:
            whole.requests += part.requests
            whole.errors += part.errors
            whole.seconds += part.seconds
            whole.latencies.extend(part.latencies)
            whole.first_error = whole.first_error or part.first_error
        return whole

    @property
    def p50_ms(self) -> float:
        return self.percentile(0.50) * 1000

    @property
    def p99_ms(self) -> float:
        return self.percentile(0.99) * 1000


def ensure_loopback(host: str) -> None:
    """Refuse to load anything but this machine."""
    address = "127.0.0.1" if host == "localhost" else host
    if not ipaddress.ip_address(address).is_loopback:
        raise ValueError(f"the load generator only targets loopback addresses, not {host}")


def run_load(
    host: str,
    port: int,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    connections: int = 32,
    duration: float = 10.0,
    max_requests: int = 1_000_000,
    expect_status: int = 200,
) -> LoadResult:
    """Send GET ``path`` from ``connections`` threads until ``duration`` seconds or ``max_requests``."""
    ensure_loopback(host)
    result = LoadResult()
    lock = threading.Lock()
    sent = 0
    deadline = time.monotonic() + duration

    def worker() -> None:
        nonlocal sent
        conn = http.client.HTTPConnection(host, port, timeout=60)
        latencies: list[float] = []
        errors = 0
        first_error = ""
        try:
            while time.monotonic() < deadline:
                with lock:
                    if sent >= max_requests:
                        break
                    sent += 1
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers or {})
                    response = conn.getresponse()
                    response.read()
                    ok = response.status == expect_status
                    if response.will_close:
                        conn.close()  # sync gunicorn workers close each response; reopened on next request
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    ok, first_error = False, first_error or repr(exc)
                    response = None
                elapsed = time.perf_counter() - started
                if ok:
                    latencies.append(elapsed)
                else:
                    errors += 1
                    if response is not None and not first_error:
                        first_error = f"HTTP {response.status}"
        finally:
            conn.close()
            with lock:
                result.latencies.extend(latencies)
                result.errors += errors
                result.first_error = result.first_error or first_error

    started = time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    result.requests = len(result.latencies) + result.errors
    return result


def get(host: str, port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    """One request (probes and readiness checks)."""
    ensure_loopback(host)
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()

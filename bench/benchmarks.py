"""The benchmarks: each measures a scipark route against its floor on the same server and data.

``ratio = scipark requests/s ÷ floor requests/s``; a benchmark meets its goal when ratio ≥ goal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .load import LoadResult, get, run_load
from .server import HOST


@dataclass(frozen=True)
class RunSettings:
    """How hard and how long to load each side."""

    connections: int = 32
    duration: float = 10.0
    max_requests: int = 200_000
    warmup: float = 1.5
    #: The duration is split into this many rounds, floor and scipark taking turns, so that a change in
    #: the shared machine's load falls on both sides rather than on whichever ran second.
    rounds: int = 3


@dataclass
class Measurement:
    """One benchmark at one size."""

    name: str
    size: int
    goal: float
    scipark: LoadResult | None = None
    floor: LoadResult | None = None
    unavailable: str = ""

    @property
    def ratio(self) -> float | None:
        if self.scipark is None or self.floor is None or not self.floor.rps:
            return None
        return self.scipark.rps / self.floor.rps

    def line(self) -> str:
        """``NAME ratio=R goal=G`` and the figures behind it."""
        label = f"{self.name}[{_size_label(self.size)}]"
        if self.ratio is None or self.scipark is None or self.floor is None:
            return f"{label} ratio=n/a goal={self.goal} ({self.unavailable or 'no measurement'})"
        s, f = self.scipark, self.floor
        errors = (
            f" errors={s.errors}+{f.errors} ({s.first_error or f.first_error})"
            if s.errors or f.errors
            else ""
        )
        return (
            f"{label} ratio={self.ratio:.2f} goal={self.goal} "
            f"rps={s.rps:.0f} p50={s.p50_ms:.0f}ms p99={s.p99_ms:.0f}ms "
            f"floor_rps={f.rps:.0f} floor_p50={f.p50_ms:.0f}ms floor_p99={f.p99_ms:.0f}ms{errors}"
        )


def _size_label(size: int) -> str:
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def _measure(port: int, path: str, headers: dict[str, str], settings: RunSettings) -> LoadResult:
    """Warm up (not counted), then load ``path`` for the settings' duration."""
    run_load(HOST, port, path, headers=headers, connections=settings.connections, duration=settings.warmup)
    return run_load(
        HOST,
        port,
        path,
        headers=headers,
        connections=settings.connections,
        duration=settings.duration,
        max_requests=settings.max_requests,
    )


def enterprise_list_api(port: int, db_path: Path, settings: RunSettings) -> Measurement:
    """The first page (50 rows) of /api/v1/enterprises/ as a park's staff user (token) vs the floor view."""
    return _list_api("enterprise_list_api", "/api/v1/enterprises/?page=1", db_path, port, settings)


def enterprise_list_api_cursor(port: int, db_path: Path, settings: RunSettings) -> Measurement:
    """The same first page as an API client walking the list asks for it: a keyset page, no count."""
    return _list_api("api_list_page", "/api/v1/enterprises/?cursor=", db_path, port, settings)


def _list_api(name: str, api_path: str, db_path: Path, port: int, settings: RunSettings) -> Measurement:
    meta: dict[str, Any] = json.loads(Path(f"{db_path}.json").read_text(encoding="utf-8"))
    measurement = Measurement(name, int(meta["size"]), goal=0.5)
    headers = {"Authorization": f"Token {meta['token']}", "Accept": "application/json"}
    status, body = get(HOST, port, api_path, headers)
    if status != 200:
        measurement.unavailable = f"{api_path} answers HTTP {status}: the endpoint is not available yet"
        return measurement
    rows = json.loads(body).get("results", [])
    if len(rows) != 50:
        measurement.unavailable = f"{api_path} returned {len(rows)} rows, expected a page of 50"
        return measurement
    floor_path = f"/bench/floor/enterprises/?park={meta['park_id']}&page=1"
    floor_headers = {"Accept": "application/json"}
    floors: list[LoadResult] = []
    sciparks: list[LoadResult] = []
    turn = replace(settings, duration=settings.duration / max(1, settings.rounds))
    for round_number in range(max(1, settings.rounds)):
        sides = [(floors, floor_path, floor_headers), (sciparks, api_path, headers)]
        for results, path, side_headers in sides if round_number % 2 == 0 else sides[::-1]:
            results.append(_measure(port, path, side_headers, turn))
    measurement.floor = LoadResult.combined(floors)
    measurement.scipark = LoadResult.combined(sciparks)
    return measurement


#: name -> function(port, db_path, settings) -> Measurement
BENCHMARKS: dict[str, Callable[[int, Path, RunSettings], Measurement]] = {
    "enterprise_list_api": enterprise_list_api,
    "api_list_page": enterprise_list_api_cursor,
}

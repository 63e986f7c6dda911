"""The pipe-network map benchmark (issue 13): one layer of a province-scale network served for a viewport
against sending the whole layer, in the same process, on the same rows.

``python -m bench.environment`` (part of ``make bench``) builds a SQLite database under var/bench/ with one
park whose sewage layer holds ``--segments`` pipe segments (default 100,000) drawn as street networks
around 30 towns of Qinghai province (WGS-84, 2–6 vertices, 40–250 m each, stored as the import stores
them: geometry, simplified copy, geodesic length, bounding box). It then asks the app's layer endpoint
(``/environment/map/layers/sewage/?bbox=&zoom=``, through Django's test client: middleware, ``restrict``,
serialisation) for 200 viewports of a 1440 × 900 px map at zooms 12–17 centred on random segments, and
prints one line::

    environment_map_viewport[sqlite,100000] ratio=R goal=10 p95_ms=… p50_ms=… whole_layer_ms=… …

R = the whole layer's time (the same endpoint's features for every segment of the layer, full geometry,
serialised to JSON: what a map without viewport filtering would be sent) ÷ the viewport p95. The issue's
goals: p95 ≤ 200 ms (``p95_ok``) and R ≥ 10. Times are wall-clock on a shared machine; no test asserts them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
#: Towns of the synthetic network: Qinghai's extent (WGS-84), well inside China.
PROVINCE = (95.0, 34.0, 102.6, 38.6)
TOWNS = 30
#: A browser map of 1440 × 900 CSS pixels (Web Mercator, 256-px tiles).
VIEW_PX = (1440, 900)
ZOOMS = (12, 13, 14, 15, 16, 17)
REQUESTS = 200
GOAL_RATIO = 10.0
GOAL_P95_MS = 200.0


def _setup(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["SCIPARK_BENCH_DB"] = str(db_path)
    import django

    django.setup()


def street_network(segments: int, rng: random.Random) -> list[list[tuple[float, float]]]:
    """``segments`` polylines around ``TOWNS`` town centres: short runs along a street grid, each a few
    vertices with small bends, as a surveyed urban network looks."""
    west, south, east, north = PROVINCE
    towns = [(rng.uniform(west, east), rng.uniform(south, north)) for _ in range(TOWNS)]
    lines = []
    for n in range(segments):
        cx, cy = towns[n % TOWNS]
        x, y = rng.gauss(cx, 0.04), rng.gauss(cy, 0.03)
        step = rng.uniform(40, 250) / 111_000 / rng.randint(1, 5)  # degrees per leg
        horizontal = rng.random() < 0.5
        line = [(x, y)]
        for _ in range(rng.randint(1, 5)):
            bend = rng.uniform(-0.2, 0.2) * step
            x, y = (x + step, y + bend) if horizontal else (x + bend, y + step)
            line.append((x, y))
        lines.append(line)
    return lines


def build(db_path: Path, segments: int) -> dict[str, Any]:
    """A fresh database: one park, an environment staff member, ``segments`` sewage segments."""
    from auditlog.context import disable_auditlog
    from django.core.management import call_command
    from django.db import transaction

    from scipark.accounts.models import Membership, User
    from scipark.core.roles import DepartmentKind, Role
    from scipark.environment import geometry
    from scipark.environment.models import PipeSegment
    from scipark.environment.models.network import box_fields
    from scipark.environment.services.network import LITE_TOLERANCE
    from scipark.parks.models import Department, Park, Zone

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    rng = random.Random(2023)  # synthetic data: a fixed seed
    with disable_auditlog(), transaction.atomic():
        zone = Zone.objects.create(name="基准省级开发区", region_code="630000")
        park = Park.objects.create(zone=zone, name="基准管网园区", code="bench-network")
        department = Department.objects.create(park=park, kind=DepartmentKind.ENVIRONMENT, name="生态环保局")
        user = User.objects.create_user(username="bench-environment", password=None, full_name="基准测试")
        Membership.objects.create(user=user, role=Role.DEPARTMENT_STAFF, park=park, department=department)
        lines = street_network(segments, rng)
        for start in range(0, len(lines), 5000):
            batch = []
            for n, line in enumerate(lines[start : start + 5000], start):
                batch.append(
                    PipeSegment(
                        park=park,
                        network="sewage",
                        code=f"WS-{n:06d}",
                        geometry={"type": "LineString", "coordinates": [list(c) for c in line]},
                        geometry_lite=[list(c) for c in geometry.simplify(line, LITE_TOLERANCE)],
                        length_m=round(geometry.line_length_m(line), 2),
                        **box_fields(line),
                    )
                )
            PipeSegment.objects.bulk_create(batch)
    return {"build_s": time.perf_counter() - started}


def centres() -> list[tuple[float, float]]:
    """Where the viewports are centred: the first vertex of every segment (a map is looked at where the
    network is)."""
    from scipark.environment.models import PipeSegment

    return [(x, y) for x, y in PipeSegment.objects.order_by("pk").values_list("min_lng", "min_lat")]


def viewport(centre: tuple[float, float], zoom: int) -> str:
    """The ``bbox`` of a ``VIEW_PX`` map at ``zoom`` centred on ``centre`` (Web Mercator)."""
    lng, lat = centre
    world_px = 256 * 2**zoom
    half_w = VIEW_PX[0] / 2 * 360 / world_px
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    half_y = VIEW_PX[1] / 2 * 2 * math.pi / world_px
    south = math.degrees(2 * math.atan(math.exp(y - half_y)) - math.pi / 2)
    north = math.degrees(2 * math.atan(math.exp(y + half_y)) - math.pi / 2)
    return f"{lng - half_w:.6f},{south:.6f},{lng + half_w:.6f},{north:.6f}"


def whole_layer_ms() -> tuple[float, float, int]:
    """The baseline: every segment of the layer with its full geometry, written as the endpoint writes a
    viewport (best of 3)."""
    from django.http import HttpResponse

    from scipark.environment import selectors
    from scipark.environment.models import PipeSegment

    best, best_cpu, count = math.inf, math.inf, 0
    for _ in range(3):
        started, started_cpu = time.perf_counter(), time.process_time()
        rows = selectors.segment_rows(PipeSegment.objects.filter(network="sewage"), None, 18, limit=10**9)
        HttpResponse(
            selectors.segment_collection_json(rows, truncated=False), content_type="application/json"
        )
        best, count = min(best, time.perf_counter() - started), len(rows)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    return best * 1000, best_cpu * 1000, count


def measure(centres: list[tuple[float, float]], rng: random.Random) -> dict[str, Any]:
    from django.test import Client
    from django.urls import reverse

    from scipark.accounts.models import User

    client = Client(HTTP_HOST="localhost")  # the bench settings allow only local hosts
    client.force_login(User.objects.get(username="bench-environment"))
    url = reverse("environment:map_layer", args=["sewage"])
    client.get(url, {"bbox": viewport(centres[0], 15), "zoom": "15"})  # warm-up
    times, cpu, sizes = [], [], []
    for _ in range(REQUESTS):
        zoom = rng.choice(ZOOMS)
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, {"bbox": viewport(rng.choice(centres), zoom), "zoom": str(zoom)})
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        assert response.status_code == 200, response.status_code
        sizes.append(len(json.loads(response.content)["features"]))
    times.sort()
    cpu.sort()
    sizes.sort()
    return {
        "p50": times[len(times) // 2],
        "p95": times[math.ceil(0.95 * len(times)) - 1],
        "p95_cpu": cpu[math.ceil(0.95 * len(cpu)) - 1],
        "features_median": sizes[len(sizes) // 2],
        "features_max": sizes[-1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.environment", description=__doc__)
    parser.add_argument("--segments", type=int, default=100_000, help="segments in the layer (100,000)")
    parser.add_argument("--reuse", action="store_true", help="measure the database of an earlier run")
    args = parser.parse_args(argv)
    db_path = BENCH_DIR / f"bench-environment-{args.segments}.sqlite3"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    reuse = args.reuse and db_path.exists()
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    _setup(db_path)
    if reuse:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)  # a database of an earlier schema
    built = {"build_s": 0.0} if reuse else build(db_path, args.segments)
    seen = measure(centres(), random.Random(15))
    whole, whole_cpu, count = whole_layer_ms()
    ratio = whole / seen["p95"]
    print(
        f"environment_map_viewport[sqlite,{args.segments}] ratio={ratio:.1f} goal={GOAL_RATIO:g} "
        f"p95_ms={seen['p95']:.1f} p95_ok={seen['p95'] <= GOAL_P95_MS} p50_ms={seen['p50']:.1f} "
        f"p95_cpu_ms={seen['p95_cpu']:.1f} cpu_ratio={whole_cpu / seen['p95_cpu']:.1f} "
        f"whole_layer_ms={whole:.0f} whole_layer_cpu_ms={whole_cpu:.0f} whole_layer_features={count} "
        f"viewport_features_median={seen['features_median']} viewport_features_max={seen['features_max']} "
        f"build_s={built['build_s']:.0f}",
        flush=True,
    )
    return 0 if ratio >= GOAL_RATIO and seen["p95"] <= GOAL_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())

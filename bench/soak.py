"""Load and soak (issue 15 item 7): a mixed read/write run against gunicorn on PostgreSQL as the demo personas.

    python -m bench.soak [--minutes 10] [--users 8] [--workers 4] [--database postgres://…/scipark_soak]

Builds a fresh database with the demo park (``migrate`` + ``scipark demo``), starts gunicorn on 127.0.0.1,
signs each virtual user in through the login form as a demo persona and lets it walk that persona's pages;
about one request in ten is a write (an appeal filed through Open311 with a key of the demo park, a
notification marked read through the page's form). Reported: requests, error rate (goal < 0.1 %), p50/p95
latency (goal p95 < 500 ms at the stated concurrency) and each gunicorn worker's RSS after the first minute
and at the end (goal: flat within ± 10 %). Loopback only; the database is dropped and rebuilt each run.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import requests

from .load import LoadResult, ensure_loopback
from .server import HOST, ROOT, free_port

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/scipark_soak"
PASSWORD = "Scipark-Demo-2026"  # the demo accounts' published password (scipark.demo.steps.accounts)

#: persona → the pages it walks (each checked to answer 200 before the run starts).
PAGES: dict[str, tuple[str, ...]] = {
    "bio-economy": ("/", "/economy/", "/economy/returns/", "/economy/returns/missing/", "/enterprises/"),
    "bio-service": ("/", "/appeals/", "/appeals/statistics/", "/appeals/visits/", "/notifications/"),
    "bio-investment": ("/", "/investment/dashboard/", "/investment/projects/", "/investment/loans/"),
    "bio-innovation": ("/", "/innovation/", "/innovation/archives/", "/innovation/libraries/"),
    "bio-environment": ("/", "/environment/findings/", "/enterprises/"),
    "bio-leader": ("/reports/cockpit/", "/economy/", "/reports/figures/"),
    "zone-viewer": ("/reports/zone/", "/economy/"),
    "mingnuo": ("/", "/economy/portal/", "/appeals/", "/innovation/portal/"),
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Soak:
    base: str
    deadline: float
    open311_key: str
    service_code: str
    result: LoadResult = field(default_factory=LoadResult)
    writes: int = 0
    errors_by_path: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, seconds: float, ok: bool, why: str = "") -> None:
        with self.lock:
            if ok:
                self.result.latencies.append(seconds)
            else:
                self.result.errors += 1
                self.errors_by_path[path] = self.errors_by_path.get(path, 0) + 1
                self.result.first_error = self.result.first_error or f"{path}: {why}"


def sign_in(base: str, username: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/", timeout=60)
    token = CSRF.search(page.text)
    if token is None:
        raise RuntimeError("the login page carries no CSRF token")
    answer = session.post(
        f"{base}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{base}/accounts/login/"},
        timeout=60,
        allow_redirects=False,
    )
    if answer.status_code != 302 or "/accounts/login/" in answer.headers.get("Location", ""):
        raise RuntimeError(f"{username} could not sign in ({answer.status_code})")
    return session


def walk(soak: Soak, username: str, seed: int) -> None:
    """One virtual user: its persona's pages in random order, a write about one time in ten."""
    chooser = random.Random(seed)
    session = sign_in(soak.base, username)
    pages = PAGES[username]
    while time.monotonic() < soak.deadline:
        writing = chooser.random() < 0.1
        path = "/open311/v2/requests.json" if writing else chooser.choice(pages)
        started = time.perf_counter()
        try:
            if writing and username == "mingnuo":
                answer = requests.post(
                    f"{soak.base}{path}",
                    data={
                        "api_key": soak.open311_key,
                        "service_code": soak.service_code,
                        "lat": "36.65",
                        "long": "101.75",
                        "description": f"压力测试诉求 {chooser.randrange(10**6)}:园区道路照明不足。",
                    },
                    timeout=60,
                )
                ok = answer.status_code in (200, 201)
            elif writing:
                path = "/notifications/read/"
                listing = session.get(f"{soak.base}/notifications/", timeout=60)
                token = CSRF.search(listing.text)
                answer = session.post(
                    f"{soak.base}{path}",
                    data={"csrfmiddlewaretoken": token.group(1) if token else ""},
                    headers={"Referer": f"{soak.base}/notifications/"},
                    timeout=60,
                    allow_redirects=False,
                )
                ok = answer.status_code in (200, 302)
            else:
                answer = session.get(f"{soak.base}{path}", timeout=60)
                ok = answer.status_code == 200
            soak.record(path, time.perf_counter() - started, ok, f"HTTP {answer.status_code}")
            if writing and ok:
                with soak.lock:
                    soak.writes += 1
        except requests.RequestException as exc:
            soak.record(path, time.perf_counter() - started, False, repr(exc))


def worker_rss(master: int) -> dict[int, int]:
    """RSS in KiB of each child of the gunicorn master."""
    found: dict[int, int] = {}
    for child in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        status = Path(f"/proc/{child}/status")
        try:
            text = status.read_text()
        except FileNotFoundError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", text)
        if match:
            found[int(child)] = int(match.group(1))
    return found


def build_database(url: str, env: dict[str, str]) -> None:
    parsed = urlparse(url)
    ensure_loopback(parsed.hostname or "")
    name = parsed.path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def open311_key(env: dict[str, str]) -> str:
    printed = subprocess.run(
        [sys.executable, "manage.py", "open311", "key", f"soak-{int(time.time())}", "--park", "bio"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return printed.strip().splitlines()[-1].strip()


def first_open_service(base: str) -> str:
    services = requests.get(f"{base}/open311/v2/services.json", params={"jurisdiction_id": "bio"}, timeout=60)
    for service in services.json():
        if not service.get("metadata"):
            return str(service["service_code"])
    raise RuntimeError("the demo park has no Open311 service without attributes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=8, help="concurrent virtual users (default 8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    args = parser.parse_args(argv)

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.soak_settings",
        "DATABASE_URL": args.database,
    }
    print(f"building {args.database} with the demo park …", flush=True)
    build_database(args.database, env)
    key = open311_key(env)
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "scipark.wsgi:application", "--bind", f"{HOST}:{port}",
        "--workers", str(args.workers), "--worker-class", "sync", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.5)
        for username, pages in PAGES.items():  # every page answers before the clock starts
            session = sign_in(base, username)
            for page in pages:
                status = session.get(f"{base}{page}", timeout=120).status_code
                if status != 200:
                    raise RuntimeError(f"{username} {page} answered {status}")
        soak = Soak(base, time.monotonic() + args.minutes * 60, key, first_open_service(base))
        personas = itertools.cycle(PAGES)
        threads = [
            threading.Thread(target=walk, args=(soak, next(personas), n), daemon=True)
            for n in range(args.users)
        ]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        time.sleep(min(60.0, args.minutes * 60 / 4))
        early = worker_rss(server.pid)
        for thread in threads:
            thread.join()
        late = worker_rss(server.pid)
        soak.result.seconds = time.monotonic() - started
        soak.result.requests = len(soak.result.latencies) + soak.result.errors
    finally:
        server.terminate()
        server.wait(timeout=30)

    r = soak.result
    rate = r.errors / r.requests if r.requests else 1.0
    p95 = r.percentile(0.95) * 1000
    drift = max(
        (abs(late[pid] - early[pid]) / early[pid] for pid in early if pid in late), default=float("nan")
    )
    print(f"soak: {args.users} users, {args.workers} gunicorn workers, {r.seconds / 60:.1f} min, PostgreSQL")
    print(f"requests={r.requests} writes={soak.writes} rps={r.rps:.1f} errors={r.errors}")
    print(f"soak_error_rate value={rate:.5f} goal<0.001")
    print(f"soak_p95_ms value={p95:.0f} goal<500 (p50 {r.p50_ms:.0f} ms, p99 {r.p99_ms:.0f} ms)")
    print(f"soak_worker_rss_drift value={drift:.3f} goal<=0.10 (KiB after warm-up {early}, at end {late})")
    if soak.errors_by_path:
        print(f"errors by path: {soak.errors_by_path}; first: {r.first_error}")
    return 0 if rate < 0.001 and p95 < 500 and drift <= 0.10 else 1


if __name__ == "__main__":
    raise SystemExit(main())

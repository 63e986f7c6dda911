"""Cheap checks of the benchmark harness: percentiles, the loopback guard, and a tiny load run.

No timing assertions: only that the harness counts what it sends.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.benchmarks import Measurement
from bench.load import LoadResult, ensure_loopback, run_load


class _Ok(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        body = b'{"results": []}'
        self.send_response(200 if self.path.startswith("/ok") else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def test_percentiles_use_the_nearest_rank():
    result = LoadResult(latencies=[i / 1000 for i in range(1, 101)], seconds=2.0)
    assert result.p50_ms == pytest.approx(50)
    assert result.p99_ms == pytest.approx(99)
    assert result.rps == 50


def test_only_loopback_addresses_are_loaded():
    ensure_loopback("127.0.0.1")
    ensure_loopback("localhost")
    with pytest.raises(ValueError):
        ensure_loopback("10.0.0.1")


def test_a_bounded_run_sends_exactly_the_requested_count(server):
    result = run_load("127.0.0.1", server, "/ok", connections=4, duration=10, max_requests=40)
    assert result.requests == 40 and result.errors == 0 and len(result.latencies) == 40


def test_wrong_statuses_are_counted_as_errors(server):
    result = run_load("127.0.0.1", server, "/missing", connections=2, duration=10, max_requests=6)
    assert result.errors == 6 and result.first_error == "HTTP 404"


def test_a_measurement_prints_name_ratio_and_goal():
    fast = LoadResult(latencies=[0.01] * 100, seconds=1.0)
    slow = LoadResult(latencies=[0.02] * 60, seconds=1.0)
    line = Measurement("enterprise_list_api", 10_000, 0.5, scipark=slow, floor=fast).line()
    assert line.startswith("enterprise_list_api[10k] ratio=0.60 goal=0.5 ")
    assert "p99=" in line
    assert Measurement("x", 100, 0.5, unavailable="HTTP 404").line() == "x[100] ratio=n/a goal=0.5 (HTTP 404)"


def test_rounds_combine_into_one_result():
    a = LoadResult(requests=3, errors=1, seconds=1.0, latencies=[0.1, 0.2], first_error="HTTP 500")
    b = LoadResult(requests=2, errors=0, seconds=2.0, latencies=[0.3, 0.4])
    whole = LoadResult.combined([a, b])
    assert (whole.requests, whole.errors, whole.seconds) == (5, 1, 3.0)
    assert whole.latencies == [0.1, 0.2, 0.3, 0.4] and whole.first_error == "HTTP 500"
    assert whole.rps == 4 / 3.0

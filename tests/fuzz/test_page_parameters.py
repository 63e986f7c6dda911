"""No 500s from hostile query parameters on any HTML page (issue 9 §6, SECURITY.md rows 13 and 19).

The API is fuzzed against its OpenAPI schema (tests/api); pages have no schema, so this walks every page
route that takes no URL argument, as the personas who use them, and sends the query parameters pages read
(period, year, month, park, level, division, page, sort, export …) with values a person or a probe might type:
out of range, of the wrong type, empty, huge. Any answer may be a 200, a redirect or a 4xx with a message —
never a 500. One test per route, so xdist splits them and a failure names the route.

A page is sent the hostile values of the parameters it reads: every request records the names its code
looks up in ``request.GET`` (``ReadRecorder``), starting from the plain page; a name first read while a
hostile value is being tried (``division`` once ``level=division``) is tried in turn; a page that iterates
over the parameters is sent every one. A value the page never looks at cannot reach its code, and the walk
sends about a third of the requests it sent when every page got every value.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

import pytest
from django.core.handlers import wsgi
from django.http import QueryDict
from django.test import Client
from django_tables2.templatetags.django_tables2 import QuerystringReplaceNode

from tests.access.routes import Route, iter_routes

#: The parameters pages read, each with the hostile values to try (one parameter at a time, then together).
HOSTILE: dict[str, tuple[str, ...]] = {
    "period": ("2023-13", "abc", "99999-01"),
    "year": ("-1", "10000", "abc"),
    "month": ("13", "abc"),
    "park": ("abc", "999999"),
    "zone": ("abc",),
    "level": ("division", "xyz"),
    "division": ("C27", "%"),
    "industry": ("C2710", "%"),
    "page": ("-1", "abc", "999999"),
    "sort": ("nonexistent", "__class__", "park__zone__name"),
    "q": ("%", "\x00", "企" * 200),
    "status": ("nonexistent",),
    "state": ("nonexistent",),
    "category": ("abc",),
    "date_from": ("2023-02-30",),
    "table": ("nonexistent",),
}
#: Some values only bite together (a zone viewer's division breakdown of a given period, then its export).
COMBINED: tuple[dict[str, str], ...] = (
    {"level": "division", "division": "C27", "period": "2023-12"},
    {"level": "division", "division": "C27", "period": "2023-12", "export": "xlsx"},
    {"level": "division", "export": "xlsx", "table": "industries"},
    {"year": "-1", "export": "xlsx"},
    {"year": "10000", "park": "abc", "period": "2023-13", "page": "-1", "sort": "nope"},
)
#: The leader reads every business page, the zone viewer sees suppressed aggregates, the enterprise its portal.
PERSONAS = ("park_leader", "zone_viewer", "enterprise_user")
SKIPPED_PREFIXES = ("/api/", "/open311/", "/static/", "/i18n/")


def page_routes() -> list[Route]:
    found: dict[str, Route] = {}
    for route in iter_routes():
        path = "/" + route.pattern.replace("^", "").replace("$", "")
        if route.kwargs or route.is_api or not route.name or path.startswith(SKIPPED_PREFIXES):
            continue
        if "logout" in route.name or "login" in route.name:
            continue
        found[route.name] = route
    return [found[k] for k in sorted(found)]


def route_path(route: Route) -> str:
    from django.urls import reverse

    return reverse(route.name)


#: Code that goes through every name only to write the query back into a link, values untouched.
PASS_THROUGH = {QuerystringReplaceNode.render.__code__}


class ReadRecorder(QueryDict):
    """``request.GET`` that notes every name looked up (``read``), or that the page went through all of them
    (``everything``). Copies record too: a page that copies the query to change one name reads the copy."""

    read: set[str] = set()
    everything = False

    @staticmethod
    @contextmanager
    def not_reading() -> Iterator[None]:
        """What is looked up inside is not the page reading: the record stays as it was."""
        read, everything = set(ReadRecorder.read), ReadRecorder.everything
        try:
            yield
        finally:
            ReadRecorder.read, ReadRecorder.everything = read, everything

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """Building the dict looks each name up (``setlistdefault``): that is not the page reading it."""
        with ReadRecorder.not_reading():
            super().__init__(*args, **kwargs)

    def __getitem__(self, key: str) -> Any:
        ReadRecorder.read.add(key)
        return super().__getitem__(key)

    def _getlist(self, key: str, default: Any = None, force_list: bool = False) -> Any:
        ReadRecorder.read.add(key)
        return super()._getlist(key, default, force_list)  # type: ignore[misc]  # not in the stubs

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            ReadRecorder.read.add(key)
        return super().__contains__(key)

    def _all(self) -> None:
        frame: FrameType | None = sys._getframe(2)
        for _ in range(3):  # the caller, and the two frames above it (dict() → keys() → __iter__)
            if frame is None or frame.f_code in PASS_THROUGH:
                return
            frame = frame.f_back
        ReadRecorder.everything = True

    def copy(self) -> Any:
        """Copying goes through every name without reading for the page; what it then reads is noted."""
        with ReadRecorder.not_reading():
            return super().copy()

    def urlencode(self, safe: str | None = None) -> str:
        """Writing the query back into a link (pagination, export) passes every value on, encoded."""
        with ReadRecorder.not_reading():
            return super().urlencode(safe)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def items(self) -> Any:
        self._all()
        return super().items()

    def lists(self) -> Any:
        self._all()
        return super().lists()

    def values(self) -> Any:
        self._all()
        return super().values()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def dict(self) -> Any:
        self._all()
        return super().dict()


@contextmanager
def recording_reads() -> Iterator[None]:
    """Requests made inside build their ``request.GET`` as a :class:`ReadRecorder`."""
    original = wsgi.QueryDict  # type: ignore[attr-defined]
    wsgi.QueryDict = ReadRecorder  # type: ignore[attr-defined]
    try:
        yield
    finally:
        wsgi.QueryDict = original  # type: ignore[attr-defined]


def get(client: Client, path: str, query: dict[str, str]) -> tuple[int, set[str] | None]:
    """The status of ``GET path?query`` and the names the page read (``None``: all of them)."""
    ReadRecorder.read, ReadRecorder.everything = set(), False
    status = client.get(path, query).status_code
    return status, None if ReadRecorder.everything else set(ReadRecorder.read)


def test_the_recorder_sees_what_a_page_reads(world: Any) -> None:
    """The walk below trusts the recorder: a page's lookups, a copy's and an iteration are seen."""
    from django.test import RequestFactory

    with recording_reads():
        request = RequestFactory().get("/", {"period": "2023-01", "q": "x", "sort": "y"})
        ReadRecorder.read, ReadRecorder.everything = set(), False
        assert request.GET.get("period") == "2023-01" and "year" not in request.GET
        copy = request.GET.copy()
        assert copy.getlist("q") == ["x"] and not ReadRecorder.everything
        assert ReadRecorder.read == {"period", "year", "q"}
        assert dict(request.GET.items())["sort"] == "y" and ReadRecorder.everything
    client = Client()
    client.force_login(world.user("park_leader"))
    with recording_reads():
        status, read = get(client, "/enterprises/", {"page": "1"})  # a bound filter reads its fields
    assert status == 200 and read is not None and {"q", "page"} <= read, read


@pytest.mark.parametrize("route", page_routes(), ids=lambda r: r.name)
def test_no_query_parameter_makes_a_page_fail(world: Any, route: Route) -> None:
    path = route_path(route)
    failures: list[str] = []
    with recording_reads():
        for persona in PERSONAS:
            client = Client(raise_request_exception=False)
            client.force_login(world.user(persona))
            status, read = get(client, path, {})
            if status >= 500:
                failures.append(f"{persona} GET {path}")
                continue
            failures += hostile_walk(client, persona, path, read)
    assert not failures, "500 answers:\n" + "\n".join(failures[:30])


def hostile_walk(client: Client, persona: str, path: str, read: set[str] | None) -> list[str]:
    """Every hostile value of every parameter the page reads (all of them if it iterates the query), the
    names it reads only under some value tried in their turn, then the combinations it reads a part of."""
    failures: list[str] = []
    seen: set[str] | None = read
    tried: set[str] = set()
    while wanted := (set(HOSTILE) if seen is None else seen & set(HOSTILE)) - tried:
        name = sorted(wanted)[0]
        tried.add(name)
        for value in HOSTILE[name]:
            status, more = get(client, path, {name: value})
            seen = None if seen is None or more is None else seen | more
            if status >= 500:
                failures.append(f"{persona} GET {path}?{name}={value!r}")
    for query in COMBINED:
        if (seen is None or set(query) & seen) and get(client, path, query)[0] >= 500:
            failures.append(f"{persona} GET {path}?{'&'.join(f'{k}={v!r}' for k, v in query.items())}")
    return failures

"""SECURITY.md rows 1-2: every route × every role × {own, other enterprise, other park}.

The walk is exhaustive by construction: it enumerates the URL configuration, one test per route and
persona (so xdist splits it and a failure names both). A route must either be on one of the explicit
lists below or declare its rule (``domain`` and ``action`` on the view, as ``ScopedViewMixin`` and the API
viewsets do); a route that does neither fails the suite, and so does a route whose URL arguments this
test cannot fill. Each case expects exactly one status, from ``core.access``: anonymous → the sign-in
page (302) or 401 (API); a role the route's rule does not allow → 403; an object outside the user's
reach → 404 (a page: 403 when the user may see it but not act on it); otherwise the page answers 200
and a POST of valid data succeeds (302 without an error message; 201/200/204 from the API). Valid data
is declared per route (``ROUTE_POSTS`` in each app's testing.py, see ``samples.route_posts``); a POST
route without it is on ``WITHOUT_VALID_DATA`` and is only checked to refuse an empty form. Lists and
exports must not carry rows the user may not see.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.contrib.messages import ERROR, get_messages
from django.db import connection
from django.test import Client

from scipark.accounts.sessions import session_is_live
from scipark.core import access
from scipark.core.contributions import contributed_modules
from scipark.core.testing import PERSONAS, World
from scipark.core.views import ServiceActionView
from scipark.enterprises.models import Enterprise

from .forms import form_posting_to
from .routes import Route, iter_routes
from .samples import SampleObjects, build_samples, route_posts

#: Open to everyone, signed in or not.
PUBLIC = {"accounts:login", "core:health", "set_language"}
#: Open to every signed-in user whatever their roles (their own account, the API schema).
SIGNED_IN = {
    "core:home",
    "api-schema",
    "api-docs",
    "accounts:logout",
    "accounts:password_change",
    "accounts:otp_setup",
    "accounts:otp_verify",
    # a background run's polled fragment: only who started the run reads it (others: 404)
    "core:task_run",
    "core:task_run_file",  # a run's produced file (a large export, a report): only who started the run
    # reference data (GB/T 4754-2017), readable by anyone holding a membership
    "industry-list",
    "industry-detail",
}
#: POST routes whose valid data nobody has declared yet, with the status their form as shown (or an
#: empty body) gets: the matrix checks only that. Declare ``ROUTE_POSTS`` and take the route off.
WITHOUT_VALID_DATA: dict[str, int | dict[str, int]] = {}
for _module in contributed_modules("testing"):
    PUBLIC |= set(getattr(_module, "ROUTE_PUBLIC", ()))
    SIGNED_IN |= set(getattr(_module, "ROUTE_SIGNED_IN", ()))
    WITHOUT_VALID_DATA.update(getattr(_module, "WITHOUT_VALID_DATA", {}))

#: (status, why), or {variant: (status, why)} where the rule depends on the object (a held event, a closed
#: appeal): the variants not named keep the status the access rules give.
Declared = tuple[int, str] | dict[str, tuple[int, str]]
#: (route, method, persona or None for all) -> Declared: an allowed case answered otherwise by a business
#: rule of the view, declared by the app (``ROUTE_STATUS`` in its testing.py) or here.
ROUTE_STATUS: dict[tuple[str, str, str | None], Declared] = {
    ("accounts:otp_verify", "GET", None): (302, "nothing to verify without a second factor: home"),
    ("accounts:otp_verify", "POST", None): (302, "nothing to verify without a second factor: home"),
    ("accounts:password_reset", "POST", None): (200, "the new password is shown once, on this answer"),
    ("accounts:user_create", "POST", None): (200, "the initial password is shown once, on this answer"),
    ("enterprises:status_add", "GET", "enterprise_user"): (
        403,
        "only the registry's keepers add status periods",
    ),
    ("enterprises:status_add", "POST", "enterprise_user"): (
        403,
        "only the registry's keepers add status periods",
    ),
    ("enterprises:status_end", "GET", "enterprise_user"): (
        403,
        "only the registry's keepers end status periods",
    ),
    ("enterprises:status_end", "POST", "enterprise_user"): (
        403,
        "only the registry's keepers end status periods",
    ),
    ("enterprise-status-end", "POST", "enterprise_user"): (
        403,
        "only the registry's keepers end status periods",
    ),
    ("core:task_run", "GET", None): (404, "no run of the user's own has that token"),
    ("core:task_run_file", "GET", None): (404, "no run of the user's own has that token"),
    ("enterprises:import", "POST", None): (
        200,
        "an upload answers with its preview; a second POST confirms it",
    ),
}
for _module in contributed_modules("testing"):
    ROUTE_STATUS.update(getattr(_module, "ROUTE_STATUS", {}))

#: (route, persona) -> why: routes that refuse a persona outright, whatever object the URL names (403 before
#: any lookup), where the role table would open them (``ROUTE_REFUSED`` in the app's testing.py): narrowing.
ROUTE_REFUSED: dict[tuple[str, str], str] = {}
for _module in contributed_modules("testing"):
    ROUTE_REFUSED.update(getattr(_module, "ROUTE_REFUSED", {}))

#: (route, persona) -> why: cases where the app answers otherwise than its declared rule, reported to the
#: app's owner and not fixed yet (``ROUTE_DEFECTS`` in its testing.py). They run as strict xfails: the fix
#: makes the case pass, and the suite then asks for the entry to go.
ROUTE_DEFECTS: dict[tuple[str, str | None], str] = {}
for _module in contributed_modules("testing"):
    ROUTE_DEFECTS.update(getattr(_module, "ROUTE_DEFECTS", {}))

#: Domains whose list pages must never show an enterprise outside the user's reach.
ROW_CHECKED_DOMAINS = access.BUSINESS_DOMAINS | {access.Domain.PARKS, access.Domain.REPORTS}
#: The API answers an anonymous call with 401: token authentication comes first (settings.REST_FRAMEWORK).
API_ANONYMOUS = 401

ROUTES = {r.name: r for r in iter_routes() if r.name}
WALKED = [name for name in ROUTES if name not in PUBLIC]


@dataclass(frozen=True)
class Expected:
    status: int
    reason: str
    allowed: bool = False
    declared: bool = False  # by the view's own rule (ROUTE_STATUS), not by the access rules


def declared_rule(route: Route) -> access.Domain | None:
    domain = getattr(route.view_class, "domain", None) if route.view_class is not None else None
    return access.Domain(domain) if domain is not None else None


def methods_of(route: Route) -> list[str]:
    """A viewset route answers the methods it maps; any other view is walked with GET (and POST)."""
    if route.actions:
        order = ["GET", "POST", "PUT", "PATCH", "DELETE"]  # DELETE last: it removes the object
        return [m for m in order if m.lower() in route.actions]
    if not route.is_api and route.view_class is not None and hasattr(route.view_class, "post"):
        return ["GET", "POST"]
    return ["GET"]


def api_action(route: Route, method: str) -> access.Action:
    from scipark.core.api.permissions import ACTION_MAP

    name = route.actions.get(method.lower(), "")
    explicit = getattr(route.view_class, "required_actions", {}).get(name)
    if explicit:
        return access.Action(explicit)
    if name in ACTION_MAP:
        return ACTION_MAP[name]
    return access.Action.VIEW if method == "GET" else access.Action.CHANGE


def page_action(route: Route, method: str) -> access.Action:
    view = route.view_class
    if method == "GET":
        return access.Action(getattr(view, "action", access.Action.VIEW))
    return access.Action(getattr(view, "post_action", getattr(view, "action", access.Action.CHANGE)))


def reach(user: Any, obj: Any, action: access.Action) -> bool:
    return bool(type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists())


def expectation(route: Route, method: str, persona: str | None, world: World, obj: Any) -> Expected:
    if persona is None:
        return Expected(API_ANONYMOUS if route.is_api else 302, "anonymous")
    if route.name in SIGNED_IN:
        return success(route, method, "signed in")
    domain = declared_rule(route)
    assert domain is not None
    user = world.user(persona)
    action = api_action(route, method) if route.is_api else page_action(route, method)
    if not access.has_permission(user, domain, action):
        return Expected(403, f"role lacks {domain}:{action}")
    if (route.name, persona) in ROUTE_REFUSED:
        return Expected(403, ROUTE_REFUSED[route.name, persona])
    if route.is_api and method.lower() not in route.view_class.http_method_names:
        return Expected(405, "method not offered")
    post_only = not route.is_api and not answers_get(route)
    looks_up_first = not post_only or issubclass(route.view_class, ServiceActionView)
    if (
        obj is not None
        and hasattr(type(obj), "access_domain")
        and looks_up_first
        and not reach(user, obj, action)
    ):
        # The API looks the object up among the rows open to the action; a page tells "may see, may not
        # do" (403) from "out of reach" (404), as core.views.object_or_404 does.
        if not route.is_api and action != access.Action.VIEW and reach(user, obj, access.Action.VIEW):
            return Expected(403, "visible, but the action is not allowed on it")
        return Expected(404, "object out of reach")
    return success(route, method, "allowed")


def success(route: Route, method: str, reason: str) -> Expected:
    if route.is_api:
        status = {"GET": 200, "PUT": 200, "PATCH": 200, "DELETE": 204}.get(method)
        if status is None:
            status = 201 if route.name.endswith("-list") else 200
        return Expected(status, reason, allowed=True)
    if method == "GET":
        return Expected(200 if answers_get(route) else 405, reason, allowed=True)
    return Expected(302, reason, allowed=True)


def answers_get(route: Route) -> bool:
    view = route.view_class
    return hasattr(view, "get") and "get" in getattr(view, "http_method_names", ["get"])


def declared_status(route: Route, method: str, persona: str, which: str, expected: Expected) -> Expected:
    """An allowed case's status where the view adds a business rule of its own (``ROUTE_STATUS``):
    only allowed cases are looked up, so a declaration can narrow access but never widen it."""
    for key in ((route.name, method, persona), (route.name, method, None)):
        declared = ROUTE_STATUS.get(key)
        if isinstance(declared, dict):
            declared = declared.get(which)
        if declared is not None:
            status, why = declared
            return Expected(status, why, allowed=200 <= status < 400, declared=True)
    return expected


def fill_kwargs(route: Route, samples: SampleObjects, which: str) -> tuple[dict[str, Any], Any] | None:
    """URL arguments for the route and the object they point at, or None if not fillable."""
    if not route.kwargs:
        return {}, None
    model = samples.model_of(route)
    kwargs: dict[str, Any] = {}
    obj = None
    for key in route.kwargs:
        if key in ("pk", "id"):
            obj = samples.pick(model, which)
            if obj is None:
                return None
            kwargs[key] = obj.pk
        elif key.endswith("_pk") or key.endswith("_id"):
            parent = samples.pick(samples.model_named(key[:-3]), which)
            if parent is None:
                return None
            kwargs[key] = parent.pk
            obj = obj or parent
        elif key in samples.literal_kwargs:
            kwargs[key] = samples.literal_kwargs[key]
        else:
            return None
    return kwargs, obj


@pytest.fixture(scope="module")
def samples(module_world: World) -> Generator[SampleObjects]:
    """Every app's sample objects, written once for the module on top of the shared world."""
    yield build_samples(module_world)


def signed_in(world: World, persona: str | None) -> Client:
    client = Client()
    if persona is not None:
        client.force_login(world.user(persona))
    return client


class Sessions:
    """Two signed-in sessions per persona (one to read, one to post), made once for the module inside its
    transaction: a sign-in costs ~20 ms (the session, its registration, the concurrent-session check) and the
    walk signed in ~9,000 times. A session a POST ends (sign-out, a password change) is gone for the rest
    of that test only — the test's transaction brings it back — and the test signs in anew."""

    def __init__(self, world: World) -> None:
        self.keys: dict[tuple[str, str], str] = {}
        for persona in PERSONAS:
            for use in ("read", "post"):
                client = signed_in(world, persona)
                self.keys[persona, use] = client.cookies[settings.SESSION_COOKIE_NAME].value
        self.ended: set[tuple[str, str]] = set()

    def client(self, world: World, persona: str | None, use: str) -> Client:
        if persona is None:
            return Client()
        if (persona, use) in self.ended:
            return signed_in(world, persona)
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = self.keys[persona, use]
        return client

    def check_after_post(self, persona: str | None) -> None:
        """Note the persona's module sessions that the POST just ended."""
        for use in ("read", "post"):
            if persona is not None and not session_is_live(self.keys[persona, use]):
                self.ended.add((persona, use))


@pytest.fixture(scope="module")
def module_sessions(module_world: World) -> Sessions:
    return Sessions(module_world)


@pytest.fixture
def sessions(module_sessions: Sessions) -> Generator[Sessions]:
    yield module_sessions
    module_sessions.ended.clear()  # the test's transaction is rolled back: its ended sessions are back


def posted_data(
    route: Route, url: str, client: Client, world: World, samples: SampleObjects, obj: Any, user: Any
) -> Any:
    """The valid data for this route: the API body as declared; for a page, its own form (found on the
    page itself, or for a POST-only button on the page of the object) with the declared fields laid over."""
    declare = samples.posts.get(route.name)
    if obj is not None:
        obj.refresh_from_db()
    declared = declare(world, obj, user) if declare is not None else {}
    if route.is_api:
        return declared
    page = url if answers_get(route) else _page_of(obj)
    form = None
    if page is not None:
        shown = client.get(page)
        if shown.status_code == 200:
            form = form_posting_to(shown.content.decode(), page, url)
    data: dict[str, Any] = form.data() if form is not None else {}
    data.update(declared)
    return data


def _page_of(obj: Any) -> str | None:
    return str(obj.get_absolute_url()) if obj is not None and hasattr(obj, "get_absolute_url") else None


def call(client: Client, route: Route, method: str, url: str, data: Any) -> Any:
    if method == "GET":
        return client.get(url)
    if route.is_api:
        return client.generic(method, url, json.dumps(data, default=str), content_type="application/json")
    return client.post(url, data=data or {})


def error_messages(response: Any) -> list[str]:
    request = getattr(response, "wsgi_request", None)
    if request is None:
        return []
    return [str(m) for m in get_messages(request) if m.level >= ERROR]


def failure_detail(response: Any) -> str:
    """What tells why a case answered otherwise: a page's form errors, the error messages of a redirect,
    the start of an API answer or of an error page."""
    details = [str(getattr(form, "errors", "")) for form in _forms_of(response)]
    details = [d for d in details if d]
    details.extend(error_messages(response) if response.status_code in (301, 302) else [])
    if not details and response.status_code >= 400 and not getattr(response, "streaming", False):
        details.append(response.content.decode(errors="replace")[:300])
    return " ".join(details)


def _forms_of(response: Any) -> list[Any]:
    """The forms and formsets the answer's templates were rendered with (the test client records them)."""
    contexts = getattr(response, "context", None) or []
    found: list[Any] = []
    for context in contexts if isinstance(contexts, list) else [contexts]:
        for key in ("form", "formset"):
            value = context.get(key) if hasattr(context, "get") else None
            if value is not None and hasattr(value, "errors") and value not in found:
                found.append(value)
    return found


def body_text(response: Any) -> str:
    content_type = response.get("Content-Type", "")
    raw = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return raw.decode("utf-8", errors="replace")


def test_every_route_is_public_signed_in_or_declares_a_rule() -> None:
    unruled = [r for r in ROUTES.values() if r.name not in PUBLIC | SIGNED_IN and declared_rule(r) is None]
    assert not unruled, "routes without an access rule: " + ", ".join(
        f"{r.name} ({r.pattern})" for r in unruled
    )


def test_every_post_route_has_valid_data_or_is_listed_without() -> None:
    posts = route_posts()
    post_routes = {
        name
        for name in WALKED
        if any(
            m != "GET" and m.lower() in getattr(ROUTES[name].view_class, "http_method_names", ())
            for m in methods_of(ROUTES[name])
        )
    }
    missing = post_routes - set(posts) - set(WITHOUT_VALID_DATA)
    assert not missing, f"POST routes without valid data (declare ROUTE_POSTS): {sorted(missing)}"
    stale = set(WITHOUT_VALID_DATA) & set(posts)
    assert not stale, f"routes with data still listed in WITHOUT_VALID_DATA: {sorted(stale)}"


#: The persona who keeps each domain's records: on PostgreSQL, the one who gets every route's pages and
#: posts through to the database.
KEEPERS: dict[access.Domain, str] = {
    access.Domain.ECONOMY: "economy_staff",
    access.Domain.ENTERPRISES: "economy_staff",
    access.Domain.SERVICE: "service_staff",
    access.Domain.ENVIRONMENT: "environment_staff",
    access.Domain.INVESTMENT: "investment_officer",
    access.Domain.INNOVATION: "innovation_staff",
    access.Domain.REPORTS: "park_leader",
    access.Domain.PARKS: "system_admin",
    access.Domain.CONFIG: "system_admin",
    access.Domain.ACCOUNTS: "security_admin",
    access.Domain.AUDIT: "audit_admin",
}
#: Whose answers come from their own SQL: the enterprise's own rows, the zone's aggregates and
#: suppression, another park's staff (out of reach), and the sign-in redirect.
POSTGRESQL_PERSONAS = (None, "enterprise_user", "zone_viewer", "other_park_staff")


def personas_walked(name: str) -> tuple[str | None, ...]:
    """Every persona on SQLite. On PostgreSQL (``make test`` runs both, and CI must stay well under 30
    minutes) the route's keeper and ``POSTGRESQL_PERSONAS``: the matrix's decisions are the same Python on
    both back ends, and the queries they rest on are the access table's (``test_access_table``, on both);
    what PostgreSQL can break — a page's or a post's SQL — is walked for every route by the persona who gets
    through to it, and by each kind of narrower reach. ``SCIPARK_FULL_MATRIX=1`` walks everyone there too."""
    if connection.vendor != "postgresql" or os.environ.get("SCIPARK_FULL_MATRIX"):
        return (None, *PERSONAS)
    domain = declared_rule(ROUTES[name])
    keeper = KEEPERS.get(domain, "economy_staff") if domain is not None else "economy_staff"
    return (*POSTGRESQL_PERSONAS, keeper)


def _cases() -> list[Any]:
    return [
        pytest.param(
            name,
            persona,
            id=f"{name}-{persona or 'anonymous'}",
            marks=pytest.mark.xfail(strict=True, reason=f"defect: {ROUTE_DEFECTS[name, persona]}")
            if (name, persona) in ROUTE_DEFECTS
            else (),
        )
        for name in WALKED
        for persona in personas_walked(name)
    ]


@pytest.mark.parametrize(("name", "persona"), _cases())
def test_the_route_answers_the_persona_as_the_rules_say(
    name: str, persona: str | None, samples: SampleObjects, world: World, settings: Any, sessions: Sessions
) -> None:
    # The walk signs each persona in many times; the concurrent-session cap has its own tests.
    settings.SCIPARK_MAX_SESSIONS_PER_USER = 10_000
    route = ROUTES[name]
    problems: list[str] = []
    reader = sessions.client(world, persona, "read")
    for which in samples.variants(route):
        filled = fill_kwargs(route, samples, which)
        assert filled is not None, (
            f"cannot fill the URL arguments of {route.name} ({route.pattern}) {route.kwargs}"
        )
        kwargs, obj = filled
        url = samples.url(route, kwargs)
        for method in methods_of(route):
            expected = expectation(route, method, persona, world, obj)
            valid = route.name in samples.posts
            permitted = persona is not None and expected.allowed  # by the access rules alone
            if permitted:
                assert persona is not None  # only a signed-in persona is permitted
                expected = declared_status(route, method, persona, which, expected)
            if persona is not None and expected.allowed and method != "GET" and not valid:
                if route.name not in WITHOUT_VALID_DATA:
                    problems.append(f"{method} {url}: no valid data declared (ROUTE_POSTS)")
                    continue
                refused = WITHOUT_VALID_DATA[route.name]
                status = refused if isinstance(refused, int) else refused[which]
                expected = Expected(status, "no valid data declared: refused")
            where = f"{method} {url} as {persona or 'anonymous'} ({which}, {expected.reason})"
            data: Any = None
            client = reader
            if method != "GET":
                client = sessions.client(world, persona, "post")  # a POST may end the session (logout)
                if permitted or (persona is not None and route.name in WITHOUT_VALID_DATA):
                    assert persona is not None  # permitted implies a persona too
                    data = posted_data(route, url, client, world, samples, obj, world.user(persona))
            response = call(client, route, method, url, data)
            if method != "GET":
                sessions.check_after_post(persona)
                if (persona, "read") in sessions.ended:
                    reader = sessions.client(world, persona, "read")
            if response.status_code != expected.status:
                detail = failure_detail(response)
                problems.append(f"{where}: expected {expected.status}, got {response.status_code} {detail}")
                continue
            if expected.allowed and not expected.declared and method == "POST" and valid and not route.is_api:
                errors = error_messages(response)
                if errors:
                    problems.append(f"{where}: answered {response.status_code} with errors {errors}")
            if persona is not None and method == "GET" and response.status_code == 200 and not route.kwargs:
                problems.extend(_foreign_rows(route, response, world, persona, where))
                if getattr(route.view_class, "export_columns", None):
                    export = client.get(url + "?export=xlsx")
                    if export.status_code == 200:
                        problems.extend(_foreign_rows(route, export, world, persona, where + " export"))
    assert not problems, "\n".join(problems)


def _foreign_rows(route: Route, response: Any, world: World, persona: str, where: str) -> list[str]:
    domain = declared_rule(route)
    if domain is None or domain not in ROW_CHECKED_DOMAINS:
        return []
    user = world.user(persona)
    reachable = set(Enterprise.objects.restrict(user, "view").values_list("pk", flat=True))
    text = body_text(response)
    leaks = []
    for enterprise in (world.enterprise, world.other_enterprise, world.foreign_enterprise):
        if enterprise.pk in reachable:
            continue
        if enterprise.credit_code in text or enterprise.name in text:
            leaks.append(f"{where}: shows {enterprise.name}, which {persona} may not see")
    return leaks

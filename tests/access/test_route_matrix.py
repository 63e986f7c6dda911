"""SECURITY.md rows 1-2: every route × every role × {own, other enterprise, other park}.

The walk is exhaustive by construction: it enumerates the URL configuration. A route must either be
on one of the explicit lists below or declare its rule (``domain`` and ``action`` on the view, as
``ScopedViewMixin`` and the API viewsets do); a route that does neither fails the suite, and so does a
route whose URL arguments this test cannot fill. Expected outcomes come from ``core.access``:
anonymous → sign-in (pages) or 401/403 (API); a role the route's rule does not allow → 403; an object
outside the user's reach → 404; otherwise no 4xx. Lists and exports must not carry rows the user
may not see.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from scipark.core import access
from scipark.core.testing import PERSONAS, World
from scipark.enterprises.models import Enterprise

from .routes import Route, iter_routes
from .samples import SampleObjects, build_samples

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
    # reference data (GB/T 4754-2017), readable by anyone holding a membership
    "industry-list",
    "industry-detail",
}


def _app_route_sets(name: str) -> set[str]:
    """Route names an app adds to a list, from ``ROUTE_PUBLIC`` / ``ROUTE_SIGNED_IN`` in its testing.py."""
    found: set[str] = set()
    for config in apps.get_app_configs():
        module_name = f"{config.name}.testing"
        if config.name.startswith("scipark.") and importlib.util.find_spec(module_name) is not None:
            found |= set(getattr(importlib.import_module(module_name), name, ()))
    return found


PUBLIC |= _app_route_sets("ROUTE_PUBLIC")
SIGNED_IN |= _app_route_sets("ROUTE_SIGNED_IN")
#: Routes for which GET is not the way in (a POST-only action answers GET with 405).
LOGIN_PATHS = ("/accounts/login",)
#: Domains whose list pages must never show an enterprise outside the user's reach.
ROW_CHECKED_DOMAINS = access.BUSINESS_DOMAINS | {access.Domain.PARKS, access.Domain.REPORTS}


@dataclass
class Expectation:
    allowed: bool
    status: set[int]
    reason: str


def declared_rule(route: Route) -> tuple[access.Domain, Any] | None:
    view = route.view_class
    if view is None:
        return None
    domain = getattr(view, "domain", None)
    if domain is None:
        return None
    return access.Domain(domain), view


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


def expectation(route: Route, method: str, persona: str | None, world: World, obj: Any) -> Expectation:
    rule = declared_rule(route)
    assert rule is not None
    domain, _view = rule
    if persona is None:
        return Expectation(False, {401, 403} if route.is_api else {302}, "anonymous")
    user = world.user(persona)
    action = api_action(route, method) if route.is_api else page_action(route, method)
    if not access.has_permission(user, domain, action):
        # DRF checks the route before the object; pages do too.
        return Expectation(False, {403, 405}, f"role lacks {domain}:{action}")
    if obj is not None and hasattr(type(obj), "access_domain"):
        reachable = type(obj)._default_manager.restrict(user, action).filter(pk=obj.pk).exists()
        if not reachable:
            return Expectation(False, {404, 405}, "object out of reach")
    return Expectation(True, set(), "allowed")


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


@pytest.mark.django_db
def test_every_route_answers_every_role_as_the_access_rules_say(world: World, settings: Any) -> None:
    # The walk signs each persona in many times; the concurrent-session cap has its own tests.
    settings.SCIPARK_MAX_SESSIONS_PER_USER = 10_000
    samples = build_samples(world)
    routes = [r for r in iter_routes() if r.name]
    unruled = [r for r in routes if r.name not in PUBLIC | SIGNED_IN and declared_rule(r) is None]
    assert not unruled, "routes without an access rule: " + ", ".join(
        f"{r.name} ({r.pattern})" for r in unruled
    )

    clients = {persona: _client(world, persona) for persona in PERSONAS}
    clients_anon = Client()
    failures: list[str] = []
    unfillable: list[str] = []
    checked = 0
    visited: set[str] = set()

    for route in routes:
        if route.name in PUBLIC:
            continue
        # A viewset route answers the methods it maps; any other view is walked with GET (and POST).
        methods = (
            sorted({m.upper() for m in route.actions} - {"HEAD", "OPTIONS"}) if route.actions else ["GET"]
        )
        if not route.is_api and route.view_class is not None and hasattr(route.view_class, "post"):
            methods = [*methods, "POST"] if "GET" in methods else ["POST"]
        for which in samples.variants(route):
            filled = fill_kwargs(route, samples, which)
            if filled is None:
                unfillable.append(f"{route.name} ({route.pattern}) args {route.kwargs}")
                break
            kwargs, obj = filled
            url = samples.url(route, kwargs)
            for method in methods:
                for persona in [None, *PERSONAS]:
                    checked += 1
                    visited.add(route.name)
                    if route.name in SIGNED_IN:
                        exp = (
                            Expectation(True, set(), "signed in")
                            if persona
                            else Expectation(False, {302, 401, 403, 405}, "anonymous")
                        )
                    else:
                        exp = expectation(route, method, persona, world, obj)
                    client = clients_anon if persona is None else clients[persona]
                    if method != "GET" and persona is not None:
                        client = _client(world, persona)  # a POST may end the session (logout)
                    response = _call(client, method, url, route)
                    status = response.status_code
                    where = f"{method} {url} [{route.name}] as {persona or 'anonymous'} ({which})"
                    if exp.allowed:
                        # 403 may come from a finer business rule of the view (e.g. only the registry's
                        # keepers add status periods); what must never happen is a 404 or a 5xx.
                        if status >= 400 and status not in (400, 403, 405, 409, 415):
                            failures.append(f"{where}: expected access ({exp.reason}), got {status}")
                        elif method == "GET" and status == 200 and not route.kwargs:
                            failures.extend(_foreign_rows(route, response, world, persona, where))
                    elif status not in exp.status:
                        failures.append(
                            f"{where}: expected {sorted(exp.status)} ({exp.reason}), got {status}"
                        )
                    exportable = bool(getattr(route.view_class, "export_columns", None))
                    if (
                        persona is not None
                        and method == "GET"
                        and status == 200
                        and not route.kwargs
                        and exportable
                    ):
                        export = client.get(url + "?export=xlsx")
                        if export.status_code == 200:
                            failures.extend(_foreign_rows(route, export, world, persona, where + " export"))
    expected_routes = {r.name for r in routes if r.name not in PUBLIC}
    assert visited == expected_routes, f"routes not walked: {sorted(expected_routes - visited)}"
    problems = [f"cannot fill the URL arguments of {u}" for u in unfillable] + failures
    assert not problems, f"{len(problems)} problems in {checked} checks:\n" + "\n".join(problems[:80])


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _call(client: Client, method: str, url: str, route: Route) -> Any:
    if method == "GET":
        return client.get(url)
    if route.is_api:
        return getattr(client, method.lower())(url, data="{}", content_type="application/json")
    return client.post(url, data={})


def _foreign_rows(route: Route, response: Any, world: World, persona: str, where: str) -> list[str]:
    rule = declared_rule(route)
    if rule is None or rule[0] not in ROW_CHECKED_DOMAINS:
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

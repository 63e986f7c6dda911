"""No unescaped HTML (issue 9, item 5), in Debian's chromium: HTML and script payloads stored in every text
field people type (enterprise names, alliance and event names and notes, appeal titles and descriptions,
chain members and roles, categories, indicators, departments …) create no element on any page or chart
that shows them, to any persona who sees them.

Each persona opens every page its roles allow — lists, dashboards, detail and form pages of the objects it
reaches — shows the tooltip of every chart point (ECharts' showTip, then the mouse over the chart), hovers
every feature of the map, and after each step the page must hold no element made from a payload (no
``img[src=x]``, no ``javascript:`` link, no ``onerror`` attribute, no script carrying the payload) and
``window.__xss`` must be undefined. The Content-Security-Policy would stop the scripts anyway; this test
checks the escaping that comes before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from auditlog.context import set_actor
from django.db import models
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from scipark.core import access
from scipark.core.changelog import business_models
from scipark.core.contributions import contributed_modules
from scipark.core.testing import World
from scipark.enterprises.models import Contact, EnterpriseStatus, Tag

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = (
    "<img src=x onerror=window.__xss=1>",
    '"><a href=javascript:alert(1)>x</a>',
    "</script><script>window.__xss=1</script>",
)
#: Machine-made fields, identifiers and secrets: nobody types them, and pages parse some of them.
NOT_TYPED = {
    "password",
    "username",
    "first_name",
    "last_name",
    "code",
    "number",
    "credit_code",
    "region_code",
    "key_prefix",
    "key_hash",
    "content_type",
    "url",
    "version",
    "token",
    "request_id",
    "object_type",
    "object_id",
    "object_repr",
    "session_key",
    "user_agent",
}
#: Derived or log tables: written by the platform, not typed.
NOT_TYPED_MODELS = {
    "core.auditevent",
    "accounts.usersession",
    "economy.monthlyaggregate",
    "innovation.searchentry",
    "innovation.searchposting",
    "open311.submission",
    "reports.summaryissue",
}
#: Steps of the sign-in, and the language switch (the API and its Swagger page are left out as well).
SKIPPED_ROUTES = {
    "accounts:login",
    "accounts:logout",
    "accounts:otp_verify",
    "accounts:otp_setup",
    "set_language",
}
#: Every persona who reads a different part of the platform (the park leader reads what any department's
#: staff read; the service staff also open the forms of the alliance, events and appeals).
PERSONAS = (
    "park_leader",
    "service_staff",
    "enterprise_user",
    "zone_viewer",
    "audit_admin",
    "security_admin",
)

#: Personas who open at least one chart (the chain diagram, the dashboards, the statistics).
CHART_READERS = {"park_leader", "service_staff", "enterprise_user"}
#: After each step: what a payload would have made, and whether its script ran.
FIND_INJECTED = """() => {
  const found = [];
  const selector = 'img[src="x"], [onerror], a[href^="javascript" i], iframe[src^="javascript" i]';
  document.querySelectorAll(selector).forEach((el) => found.push(el.outerHTML.slice(0, 160)));
  document.querySelectorAll('script:not([type="application/json"])').forEach((el) => {
    if (el.textContent.includes("__xss")) { found.push(el.outerHTML.slice(0, 160)); }
  });
  if (window.__xss !== undefined) { found.push("window.__xss = " + window.__xss); }
  return found;
}"""
#: The network map has drawn the layers it fetched.
MAP_LOADED = """() => Array.from(document.getElementById("network-map").attributes)
  .some((a) => a.name.startsWith("data-loaded-"))"""
#: Show the tooltip of every point of every chart on the page, looking for injected elements after each.
SHOW_EVERY_TOOLTIP = (
    """() => {
  const find = """
    + FIND_INJECTED
    + """;
  const found = [];
  let shown = 0;
  if (typeof window.echarts === "undefined") { return {shown, found}; }
  document.querySelectorAll("[_echarts_instance_]").forEach((el) => {
    const chart = window.echarts.getInstanceByDom(el);
    if (!chart) { return; }
    (chart.getOption().series || []).forEach((series, seriesIndex) => {
      const count = Math.min((series.data || []).length, 200);
      for (let dataIndex = 0; dataIndex < count; dataIndex++) {
        chart.dispatchAction({type: "showTip", seriesIndex, dataIndex});
        shown++;
        find().forEach((hit) => found.push(hit));
      }
    });
    chart.dispatchAction({type: "hideTip"});
  });
  return {shown, found};
}"""
)


def store_payloads() -> int:
    """Write a payload into every typed text field of every row (each row's own, so unique names stay
    unique); returns how many columns were written."""
    columns = 0
    longest = "".join(PAYLOADS)
    for model in business_models():
        if model._meta.label_lower in NOT_TYPED_MODELS:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
            and not isinstance(f, (models.SlugField, models.EmailField, models.URLField))
            and not f.choices
            and f.name not in NOT_TYPED
        ]
        for index, field in enumerate(fields):
            room = (field.max_length or 10_000) - 8  # " #<pk>" follows
            fitting = [p for p in PAYLOADS if len(p) <= room]
            payload = (
                longest if len(longest) <= room else (fitting[index % len(fitting)] if fitting else None)
            )
            if payload is None:
                continue
            value = Concat(Value(payload + " #"), Cast(F("pk"), CharField()), output_field=CharField())
            model._default_manager.update(**{field.name: value})
            columns += 1
    return columns


def sample_everything(world: World) -> None:
    """Rows of every model, from each app's route samples, plus the registry's own."""
    for variant, enterprise in (("own", world.enterprise), ("other", world.other_enterprise)):
        Contact.objects.create(enterprise=enterprise, name=f"联系人{variant}", phone="13800001234")
        EnterpriseStatus.objects.create(
            enterprise=enterprise, kind="incubation", valid_from=dt.date(2022, 1, 1)
        )
    Tag.objects.create(park=world.park, name="重点企业")
    for module in contributed_modules("testing"):
        if hasattr(module, "route_samples"):
            module.route_samples(world)


def pages_for(persona: str, user: Any) -> Iterator[tuple[str, str]]:
    """(route, URL) of every HTML page the persona's roles open, objects picked within its reach."""
    for name, pattern in _named_patterns(get_resolver().url_patterns, ""):
        view = getattr(pattern.callback, "view_class", None)
        if view is None or name in SKIPPED_ROUTES or "get" not in getattr(view, "http_method_names", ()):
            continue
        if not hasattr(view, "get"):
            continue
        domain = getattr(view, "domain", None)
        if domain is not None and not access.has_permission(user, domain, getattr(view, "action", "view")):
            continue
        kwargs = tuple(pattern.pattern.regex.groupindex)
        if not kwargs:
            yield name, reverse(name)
        elif kwargs == ("pk",):
            obj = _reachable(view, user)
            if obj is not None:
                yield name, reverse(name, args=[obj.pk])


def _named_patterns(patterns: list[Any], namespace: str) -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else entry.namespace or namespace
            )
            if str(entry.pattern).startswith("api/"):
                continue
            yield from _named_patterns(entry.url_patterns, inner or "")
        elif isinstance(entry, URLPattern) and entry.name and not str(entry.pattern).startswith("api/"):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


def _reachable(view: Any, user: Any) -> Any:
    model = getattr(view, "object_model", None) or getattr(view, "model", None)
    if model is None or not hasattr(model._default_manager, "restrict"):
        return None
    return model._default_manager.restrict(user, access.Action.VIEW).order_by("pk").first()


def track_requests(page: Any) -> set[Any]:
    """The page's requests still under way (a map layer, an htmx part): the next page opens only when
    none is, or the live server would answer two requests on one database connection at once."""
    pending: set[Any] = set()
    page.on("request", lambda request: pending.add(request))
    page.on("requestfinished", lambda request: pending.discard(request))
    page.on("requestfailed", lambda request: pending.discard(request))
    return pending


def settle(page: Any, pending: set[Any]) -> None:
    for _ in range(200):
        if not pending:
            return
        page.wait_for_timeout(25)


def check_page(page: Any, url: str, pending: set[Any]) -> tuple[list[str], int]:
    """Open the page, show every tooltip, hover every chart and map feature: what a payload made, and how
    many tooltips were shown."""
    from playwright.sync_api import Error

    try:
        response = page.goto(url, wait_until="load")
    except Error as exc:  # a download (an import template) is no page
        return ([] if "Download is starting" in str(exc) else [f"{url}: {exc}"]), 0
    settle(page, pending)
    problems = []
    if response is not None and response.status >= 500:
        problems.append(f"{url}: answered {response.status}")
    if page.locator("#network-map").count():
        page.wait_for_function(MAP_LOADED)
        settle(page, pending)
        for feature in page.locator("[data-feature]").all()[:40]:
            feature.hover(force=True)
            problems += [f"{url} (map tooltip): {hit}" for hit in page.evaluate(FIND_INJECTED)]
    problems += [f"{url}: {hit}" for hit in page.evaluate(FIND_INJECTED)]
    tooltips = page.evaluate(SHOW_EVERY_TOOLTIP)
    problems += [f"{url} (chart tooltip): {hit}" for hit in tooltips["found"]]
    for chart in page.locator("[_echarts_instance_]").all():
        box = chart.bounding_box()
        if not box:
            continue
        for i in range(1, 6):
            for j in range(1, 4):
                page.mouse.move(box["x"] + box["width"] * i / 6, box["y"] + box["height"] * j / 4)
                problems += [f"{url} (chart hover): {hit}" for hit in page.evaluate(FIND_INJECTED)]
    settle(page, pending)
    return problems, tooltips["shown"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_stored_payloads_make_no_element_on_any_page_or_chart(
    page: Any, live_server: Any, world: World, persona: str
) -> None:
    sample_everything(world)
    with set_actor(world.user("economy_staff")):  # the change log shows before → after as well
        world.enterprise.short_name = PAYLOADS[0]
        world.enterprise.save()
    assert store_payloads() > 100
    user = type(world.user(persona))._default_manager.get(pk=world.user(persona).pk)
    base = live_server.url
    sign_in(page, base, persona)
    pending = track_requests(page)
    problems: list[str] = []
    visited = tooltips = 0
    for _name, path in pages_for(persona, user):
        found, shown = check_page(page, base + path, pending)
        problems += found
        visited += 1
        tooltips += shown
    page.goto("about:blank")
    assert visited >= 3, visited
    if persona in CHART_READERS:
        assert tooltips > 0, "no chart tooltip was shown: the walk missed the charts"
    assert not problems, "\n".join(problems)

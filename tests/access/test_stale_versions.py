"""SECURITY.md row 14: a form or button that carries a ``version`` answers exactly 409 when the record
has moved on since the page was shown (someone else saved it in between), and changes nothing.

Every route with valid data (``ROUTE_POSTS``) whose posted data carries ``version`` is tried: the page
is read, the record's version is moved on underneath it, the page's form is posted. Routes whose views
are not yet on core's ``ServiceFormView``/``ServiceActionView`` (which answer ``ConflictError`` with 409)
are marked xfail, strictly, so that moving one onto core views fails here until it is taken off the list.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest
from django.db.models import F

from scipark.core.testing import PERSONAS, World

from .samples import SampleObjects, build_samples, route_posts
from .test_route_matrix import (
    ROUTES,
    call,
    declared_status,
    expectation,
    fill_kwargs,
    methods_of,
    posted_data,
    signed_in,
)

#: Routes that still answer a stale version with something other than 409.
NOT_YET_ON_CORE_VIEWS: set[str] = set()

CANDIDATES = sorted(
    name
    for name in route_posts()
    if name in ROUTES and ROUTES[name].kwargs and any(m != "GET" for m in methods_of(ROUTES[name]))
)


@pytest.fixture(scope="module")
def samples(module_world: World) -> Generator[SampleObjects]:
    yield build_samples(module_world)


def _succeeds(route: Any, method: str, persona: str, world: World, obj: Any) -> bool:
    """Whether the persona's post of valid data succeeds on the ``own`` sample (the rules and the view's)."""
    expected = expectation(route, method, persona, world, obj)
    return expected.allowed and declared_status(route, method, persona, "own", expected).allowed


def _params() -> list[Any]:
    return [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason="not yet on core views")
            if name in NOT_YET_ON_CORE_VIEWS
            else (),
        )
        for name in CANDIDATES
    ]


@pytest.mark.parametrize("name", _params())
def test_a_stale_version_answers_409(name: str, samples: SampleObjects, world: World, settings: Any) -> None:
    settings.SCIPARK_MAX_SESSIONS_PER_USER = 10_000
    route = ROUTES[name]
    method = next(m for m in methods_of(route) if m not in ("GET", "DELETE"))
    filled = fill_kwargs(route, samples, "own")
    assert filled is not None
    kwargs, obj = filled
    url = samples.url(route, kwargs)
    persona = next((p for p in PERSONAS if _succeeds(route, method, p, world, obj)), None)
    if persona is None:
        pytest.skip("no persona may post here")
    client = signed_in(world, persona)
    data = posted_data(route, url, client, world, samples, obj, world.user(persona))
    if "version" not in data or obj is None or not hasattr(obj, "version"):
        pytest.skip("this form carries no version")
    # Someone else saves the record after the page was shown.
    type(obj)._default_manager.filter(pk=obj.pk).update(version=F("version") + 1)
    before = type(obj)._default_manager.filter(pk=obj.pk).values().get()
    response = call(client, route, method, url, data)
    assert response.status_code == 409, f"{method} {url} as {persona}: {response.status_code}"
    assert type(obj)._default_manager.filter(pk=obj.pk).values().get() == before

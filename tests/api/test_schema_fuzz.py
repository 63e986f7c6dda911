"""SECURITY.md row 13: schemathesis against our own OpenAPI schema, in process through WSGI.

Every operation is called with generated data as a park's staff user (a read-write personal token): no 5xx, responses that
match the schema, no invalid payload accepted (schemathesis' default checks). Every operation also
refuses missing and forged credentials."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.urls import Resolver404, resolve
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import APIOperation
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import positive_data_acceptance

from scipark.accounts.tokens import token_issue
from scipark.core.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI handler closes database connections at the end of each request; inside a test that
    would end the test's own transaction (on PostgreSQL). Django's test client stops it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def operations() -> list[APIOperation]:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(generated)
    loaded.app = get_wsgi_application()
    found: list[APIOperation] = []
    for result in loaded.get_all_operations():
        if isinstance(result, Err):  # an operation our schema describes wrongly
            raise result.err()
        found.append(result.ok())
    return found


def test_the_schema_lists_the_api(world: World) -> None:
    paths = {op.path for op in operations()}
    assert "/api/v1/enterprises/" in paths
    assert "/api/v1/parks/{id}/" in paths


def test_every_operation_holds_its_schema_for_a_signed_in_user(world: World) -> None:
    _token, key = token_issue(user=world.user("economy_staff"), name="schemathesis", read_only=False)
    headers = {"Authorization": f"Token {key}"}
    failures: list[str] = []
    for operation in operations():
        check = _signed_in_check(operation, headers)
        try:
            check()
        except (Exception, BaseExceptionGroup) as exc:  # collect every failure, then report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:3000]}")
    assert not failures, "\n\n".join(failures)


def test_every_operation_refuses_missing_or_forged_credentials(world: World) -> None:
    for operation in operations():
        _anonymous_check(operation)()


def _signed_in_check(operation: APIOperation, headers: dict[str, str]) -> Callable[[], None]:
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    @given(data=st.data())
    def check(data: Any) -> None:
        case = data.draw(operation.as_strategy())
        # Schema-valid data may still name an object that does not exist (or is out of reach): OpenAPI
        # cannot express referential integrity, so a 400 there is right and that one check is skipped.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    return check


def _anonymous_check(operation: APIOperation) -> Callable[[], None]:
    @settings(
        max_examples=2,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    @given(data=st.data())
    def check(data: Any) -> None:
        case = data.draw(operation.as_strategy())
        try:
            resolve(case.formatted_path)
            expected: tuple[int, ...] = (401, 403)
        except Resolver404:  # generated path parameters outside the route's pattern: no view is reached
            expected = (404,)
        for headers in ({}, {"Authorization": "Token " + "f" * 40}):
            response = case.call(headers=headers)
            assert response.status_code in expected, (case.method, case.formatted_path, response.status_code)

    return check

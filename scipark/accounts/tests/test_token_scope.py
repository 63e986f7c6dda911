"""A token request's scope comes from a cache keyed by the holder's grant version (``accounts.scopes``),
and every change of a grant — through any ORM path — takes effect on the very next request of a token
that is still valid. Good uses are recorded once per token and minute; refused ones every time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from scipark.accounts import scopes, services, tokens
from scipark.accounts.models import Membership, PersonalToken, User
from scipark.core.models import AuditEvent
from scipark.core.roles import DepartmentKind, Role
from scipark.parks.models import Department, Park, Zone

API = "/api/v1/enterprises/"


def bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def issue(user: User) -> str:
    return tokens.token_issue(user=user, name="同步脚本")[1]


def ids_seen(client: APIClient) -> set[int] | int:
    response = client.get(API)
    if response.status_code != 200:
        return response.status_code
    return {row["id"] for row in response.json()["results"]}


def membership_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "accounts_membership" in q["sql"]]


# --- the scope is cached, and no change of a grant is missed ---------------------------------------


def test_a_second_request_resolves_the_scope_without_reading_the_memberships(world):
    client = bearer(issue(world.user("economy_staff")))
    assert client.get(API).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API).status_code == 200
    assert membership_queries(queries) == []
    token_reads = [q for q in queries.captured_queries if "accounts_personaltoken" in q["sql"]]
    assert len(token_reads) == 1, "one query reads the token and its holder; last use is not rewritten"
    assert not [q for q in queries.captured_queries if "core_auditevent" in q["sql"]]


def _deactivate_and_save(membership: Membership) -> None:
    membership.is_active = False
    membership.save()


@pytest.mark.parametrize(
    "revoke",
    [
        lambda m: Membership.objects.filter(pk=m.pk).update(is_active=False),
        lambda m: Membership.objects.filter(pk=m.pk).delete(),
        lambda m: _deactivate_and_save(m),
        lambda m: m.delete(),
    ],
    ids=["queryset-update", "queryset-delete", "save", "delete"],
)
def test_a_revoked_role_is_gone_on_the_very_next_request_of_a_still_valid_token(world, revoke):
    holder = world.user("economy_staff")
    client = bearer(issue(holder))
    assert ids_seen(client) == {world.enterprise.pk, world.other_enterprise.pk}
    assert ids_seen(client) == {world.enterprise.pk, world.other_enterprise.pk}  # now from the cache
    revoke(Membership.objects.get(user=holder))
    assert PersonalToken.objects.get(user=holder).revoked_at is None  # the token itself still works
    assert ids_seen(client) == 403  # no role left: the route is closed to the holder


def test_a_role_narrowed_to_another_park_takes_effect_on_the_next_request(world):
    holder = world.user("economy_staff")
    client = bearer(issue(holder))
    assert ids_seen(client) == {world.enterprise.pk, world.other_enterprise.pk}
    other_department = Department.objects.get(park=world.other_park, kind=DepartmentKind.ECONOMY)
    Membership.objects.filter(user=holder).update(park=world.other_park, department=other_department)
    assert ids_seen(client) == {world.foreign_enterprise.pk}


def test_a_new_grant_takes_effect_on_the_next_request(world):
    holder = world.user("economy_staff")
    client = bearer(issue(holder))
    assert ids_seen(client) == {world.enterprise.pk, world.other_enterprise.pk}
    services.membership_grant(
        user=holder,
        role=Role.DEPARTMENT_STAFF,
        park=world.other_park,
        department=Department.objects.get(park=world.other_park, kind=DepartmentKind.ECONOMY),
    )
    assert ids_seen(client) == {world.enterprise.pk, world.other_enterprise.pk, world.foreign_enterprise.pk}


def test_grants_written_in_bulk_move_the_version(world):
    holder = world.user("economy_staff")
    before = User.objects.get(pk=holder.pk).access_version
    Membership.objects.bulk_create([Membership(user=holder, role=Role.PARK_LEADER, park=world.other_park)])
    after_create = User.objects.get(pk=holder.pk).access_version
    assert after_create != before
    memberships = list(Membership.objects.filter(user=holder))
    for m in memberships:
        m.is_active = False
    Membership.objects.bulk_update(memberships, ["is_active"])
    assert User.objects.get(pk=holder.pk).access_version not in (before, after_create)


def test_a_park_moved_to_another_zone_changes_its_members_scope(world):
    holder = User.objects.get(pk=world.user("economy_staff").pk)
    assert {g.zone_id for g in scopes.scope_attach(holder).grants} == {world.zone.pk}
    other_zone = Zone.objects.create(name="另一开发区", region_code="630200")
    park = Park.objects.get(pk=world.park.pk)
    park.zone = other_zone
    park.save()
    fresh = User.objects.get(pk=holder.pk)
    assert {g.zone_id for g in scopes.scope_attach(fresh).grants} == {other_zone.pk}


def test_a_stale_copy_of_the_user_saved_later_does_not_put_the_old_version_back(world):
    stale = User.objects.get(pk=world.user("economy_staff").pk)
    Membership.objects.filter(user=stale).update(is_active=False)
    moved = User.objects.get(pk=stale.pk).access_version
    assert moved != stale.access_version
    stale.full_name = "改名"
    stale.save()
    fresh = User.objects.get(pk=stale.pk)
    assert fresh.full_name == "改名" and fresh.access_version == moved


def test_a_cached_scope_expires_even_if_no_version_moved(world, monkeypatch):
    holder = User.objects.get(pk=world.user("economy_staff").pk)
    scopes.scope_attach(holder)
    monkeypatch.setattr(scopes, "TTL_SECONDS", -1.0)  # every entry from now on is already expired
    scopes.scopes_forget()
    scopes.scope_attach(User.objects.get(pk=holder.pk))
    with CaptureQueriesContext(connection) as queries:
        scopes.scope_attach(User.objects.get(pk=holder.pk))
    assert len(membership_queries(queries)) == 1


# --- good uses are recorded once a minute, refused ones every time ---------------------------------


def uses(result: str = AuditEvent.Result.OK) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_USE, result=result).order_by("id"))


def test_good_uses_are_recorded_once_per_token_and_minute(world):
    holder = world.user("economy_staff")
    client = bearer(issue(holder))
    for _ in range(3):
        assert client.get(API).status_code == 200
    (first,) = uses()
    token = PersonalToken.objects.get(user=holder)
    stamped = token.last_used_at
    assert stamped is not None
    assert first.detail["path"] == API and first.detail["interval_seconds"] == 60
    # 61 seconds later (moved back rather than waiting): the next use is recorded and stamped again.
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=stamped - dt.timedelta(seconds=61))
    assert client.get(f"{API}?page=1").status_code == 200
    assert [e.detail["path"] for e in uses()] == [API, API]
    token.refresh_from_db()
    assert token.last_used_at is not None and token.last_used_at > stamped - dt.timedelta(seconds=61)


def test_only_one_of_two_workers_that_both_see_a_stale_stamp_records_the_use(world, rf):
    token, _key = tokens.token_issue(user=world.user("economy_staff"), name="x")
    now = timezone.now()
    request = rf.get(API)
    detail = {"token": "personal", "method": "GET", "path": API}
    tokens._use_recorded(PersonalToken.objects.get(pk=token.pk), request, now, detail)
    tokens._use_recorded(PersonalToken.objects.get(pk=token.pk), request, now, detail)  # stale copy
    assert len(uses()) == 1


def test_refused_uses_are_recorded_every_time(world):
    holder = world.user("economy_staff")
    token, key = tokens.token_issue(user=holder, name="x")
    tokens.token_revoke(token=token, actor=holder, reason=PersonalToken.RevokeReason.HOLDER)
    for _ in range(3):
        assert bearer(key).get(API).status_code == 401
    assert len(uses(AuditEvent.Result.DENIED)) == 3


def test_the_token_lookup_reads_the_same_token_and_holder_as_the_orm(world):
    token, key = tokens.token_issue(user=world.user("economy_staff"), name="x")
    PersonalToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    found = tokens._token_with_holder(tokens.token_digest(key))
    assert found is not None
    expected = PersonalToken.objects.select_related("user").get(pk=token.pk)
    for model_fields, a, b in (
        (PersonalToken._meta.concrete_fields, found, expected),
        (User._meta.concrete_fields, found.user, expected.user),
    ):
        for field in model_fields:
            mine, theirs = getattr(a, field.attname), getattr(b, field.attname)
            assert mine == theirs and type(mine) is type(theirs), field.attname
    assert not found._state.adding and found.user._state.db == expected.user._state.db
    assert tokens._token_with_holder(tokens.token_digest(key + "x")) is None

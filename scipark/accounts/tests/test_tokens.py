"""Personal access tokens (issue 9, item 10): made by their holder on 我的账号 and shown once, kept as a
digest, listed and revocable by the holder and by the security admin (who never sees one), revoked when
the holder is deactivated, loses a role or has the password reset; uses audited (refused ones each time,
good ones once a minute: test_token_scope.py); read-only tokens cannot write (403), expired, revoked and
unknown ones are refused (401)."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from scipark.accounts import services, tokens
from scipark.accounts.models import Membership, PersonalToken
from scipark.core.models import AuditEvent

API = "/api/v1/enterprises/"
PROFILE = reverse("accounts:profile")
CREATE = reverse("accounts:token_create")
REVOKE = reverse("accounts:token_revoke")
ADMIN_LIST = reverse("accounts:token_list")


def bearer(key: str, scheme: str = "Token") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    return client


def issue(user, **kwargs) -> tuple[PersonalToken, str]:
    return tokens.token_issue(user=user, name=kwargs.pop("name", "同步脚本"), **kwargs)


def shown_token(response) -> str:
    match = re.search(r'data-testid="new-token">([^<]+)<', response.content.decode())
    assert match, response.content.decode()[:2000]
    return html.unescape(match.group(1))


# --- made by the holder, shown once, stored as a digest ------------------------------------------


def test_a_user_makes_a_token_on_the_profile_and_sees_it_once(world, client_for):
    client = client_for("economy_staff")
    assert client.get(PROFILE).status_code == 200
    assert client.get(CREATE).status_code == 200
    response = client.post(CREATE, {"name": "数据同步脚本", "days": 30, "read_only": "on"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = shown_token(response)
    assert key.startswith(tokens.TOKEN_PREFIX) and len(key) > 40
    token = PersonalToken.objects.get(user=world.user("economy_staff"))
    assert token.name == "数据同步脚本" and token.read_only
    assert dt.timedelta(days=29) < token.expires_at - timezone.now() <= dt.timedelta(days=30)
    # Only the digest is kept: the token is in no column of the table, and the profile never shows it.
    assert token.key_hash == tokens.token_digest(key) and token.key_prefix == key[: tokens.SHOWN_CHARS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_personaltoken")
        assert not [row for row in cursor.fetchall() if any(key in str(value) for value in row)]
    profile = client.get(PROFILE).content.decode()
    assert "数据同步脚本" in profile and token.key_prefix in profile and key not in profile
    event = AuditEvent.objects.get(kind=AuditEvent.Kind.API_KEY_ISSUE)
    assert event.user == world.user("economy_staff") and event.object_id == str(token.pk)
    assert key not in str(event.detail)


def test_a_token_needs_a_name_and_a_lifetime_of_at_most_a_year(world, client_for):
    client = client_for("economy_staff")
    assert client.post(CREATE, {"name": " ", "days": 30}).status_code == 400
    assert client.post(CREATE, {"name": "x", "days": 3650}).status_code == 400
    with pytest.raises(ValidationError):
        issue(world.user("economy_staff"), days=1000)
    assert not PersonalToken.objects.exists()


def test_one_person_holds_at_most_ten_live_tokens(world):
    user = world.user("service_staff")
    for n in range(tokens.MAX_LIVE_TOKENS):
        issue(user, name=f"脚本{n}")
    with pytest.raises(ValidationError, match="已达"):
        issue(user, name="再一个")
    tokens.token_revoke(token=PersonalToken.objects.earliest("pk"), actor=user, reason="holder")
    issue(user, name="再一个")


@pytest.mark.parametrize("admin", ["system_admin", "security_admin", "audit_admin"])
def test_the_three_admins_hold_no_tokens(world, client_for, admin):
    # A token skips the second factor; the 三员 work only on the pages, where it is required.
    response = client_for(admin).post(CREATE, {"name": "x", "days": 30, "read_only": "on"})
    assert response.status_code == 400
    assert "三员" in response.content.decode()
    with pytest.raises(ValidationError):
        issue(world.user(admin))
    assert not PersonalToken.objects.exists()


# --- using a token ------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_a_token_acts_as_its_holder_and_its_use_is_audited(world, scheme):
    token, key = issue(world.user("enterprise_user"))
    response = bearer(key, scheme).get(API)
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {world.enterprise.pk}
    token.refresh_from_db()
    assert token.last_used_at is not None
    (use,) = AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_USE)
    assert use.result == AuditEvent.Result.OK and use.user == world.user("enterprise_user")
    assert use.object_type == "accounts.personaltoken" and use.object_id == str(token.pk)
    assert use.detail["path"] == API and use.detail["method"] == "GET"


def test_a_read_only_token_cannot_write(world):
    _token, key = issue(world.user("economy_staff"), read_only=True)
    client = bearer(key)
    url = f"{API}{world.enterprise.pk}/"
    assert client.get(url).status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(url, {"short_name": "x", "version": 1}, format="json")
        assert response.status_code == 403, method
        assert "只读令牌" in response.json()["detail"]
    world.enterprise.refresh_from_db()
    assert world.enterprise.short_name != "x"
    refused = AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_USE, result=AuditEvent.Result.DENIED)
    assert refused.count() == 4 and {e.detail["reason"] for e in refused} == {"read_only"}


def test_a_read_write_token_writes_as_its_holder(world):
    _token, key = issue(world.user("economy_staff"), read_only=False)
    url = f"{API}{world.enterprise.pk}/"
    response = bearer(key).patch(
        url, {"short_name": "令牌改", "version": world.enterprise.version}, format="json"
    )
    assert response.status_code == 200, response.content
    world.enterprise.refresh_from_db()
    assert world.enterprise.short_name == "令牌改"


def test_expired_revoked_unknown_and_malformed_tokens_are_refused_with_401(world):
    user = world.user("economy_staff")
    expired, expired_key = issue(user, name="过期")
    PersonalToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    revoked, revoked_key = issue(user, name="吊销")
    tokens.token_revoke(token=revoked, actor=user, reason="holder")
    cases = {
        "expired": bearer(expired_key),
        "revoked": bearer(revoked_key),
        "unknown": bearer(tokens.token_generate()),
        "malformed": bearer("two words"),
    }
    for case, client in cases.items():
        response = client.get(API)
        assert response.status_code == 401, case
        assert response["WWW-Authenticate"] == "Token"
    reasons = [
        e.detail["reason"]
        for e in AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_USE, result=AuditEvent.Result.DENIED)
    ]
    assert sorted(reasons) == ["expired", "revoked", "unknown"]


def test_the_old_drf_tokens_no_longer_open_the_api(world):
    from rest_framework.authtoken.models import Token

    legacy = Token.objects.create(user=world.user("economy_staff"))
    assert bearer(legacy.key).get(API).status_code == 401


def test_the_schema_documents_the_token(world, client_for):
    schema = client_for("economy_staff").get("/api/schema/", {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["personalToken"]
    assert scheme["type"] == "http" and scheme["scheme"] == "bearer"


# --- revoked by the holder, by the security admin, and with the holder's access -------------------


def test_the_holder_revokes_a_token_and_it_stops_working(world, client_for):
    token, key = issue(world.user("economy_staff"))
    assert bearer(key).get(API).status_code == 200
    response = client_for("economy_staff").post(REVOKE, {"token": token.pk})
    assert response.status_code == 302 and response["Location"] == PROFILE
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoke_reason == PersonalToken.RevokeReason.HOLDER
    assert bearer(key).get(API).status_code == 401
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_REVOKE, object_id=str(token.pk)).count() == 1
    )


def test_nobody_revokes_or_sees_another_persons_token_from_their_profile(world, client_for):
    token, _key = issue(world.user("economy_staff"))
    other = client_for("service_staff")
    assert other.post(REVOKE, {"token": token.pk}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token.name not in other.get(PROFILE).content.decode()


@pytest.mark.parametrize(
    "end",
    [
        lambda world, actor: services.user_deactivate(user=world.user("economy_staff"), actor=actor),
        lambda world, actor: services.membership_revoke(
            membership=Membership.objects.get(user=world.user("economy_staff")), actor=actor
        ),
        lambda world, actor: services.password_reset(user=world.user("economy_staff"), actor=actor),
    ],
    ids=["deactivated", "role_revoked", "password_reset"],
)
def test_tokens_are_revoked_when_the_holder_loses_access(world, end):
    live, key = issue(world.user("economy_staff"))
    assert bearer(key).get(API).status_code == 200
    end(world, world.user("security_admin"))
    live.refresh_from_db()
    assert live.revoked_at is not None and live.revoked_by == world.user("security_admin")
    assert bearer(key).get(API).status_code == 401


def test_a_token_of_a_disabled_holder_is_refused_even_if_not_revoked(world):
    token, key = issue(world.user("economy_staff"))
    type(world.user("economy_staff")).objects.filter(pk=token.user_id).update(is_active=False)
    assert bearer(key).get(API).status_code == 401


def test_the_security_admin_lists_and_revokes_tokens_without_seeing_them(world, client_for):
    token, key = issue(world.user("economy_staff"), name="报表同步")
    admin = client_for("security_admin")
    page = admin.get(ADMIN_LIST).content.decode()
    assert "报表同步" in page and "economy_staff" in page and token.key_prefix in page
    assert key not in page and token.key_hash not in page
    export = admin.get(ADMIN_LIST, {"export": "xlsx"})
    assert export.status_code == 200 and key.encode() not in export.content
    user_page = admin.get(reverse("accounts:user_detail", args=[token.user_id])).content.decode()
    assert 'data-testid="user-tokens">1<' in user_page
    response = admin.post(reverse("accounts:token_admin_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoke_reason == PersonalToken.RevokeReason.SECURITY_ADMIN
    assert token.revoked_by == world.user("security_admin")
    assert bearer(key).get(API).status_code == 401
    # Pressing the button again changes nothing and is no error.
    assert admin.post(reverse("accounts:token_admin_revoke", args=[token.pk])).status_code == 302
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.API_KEY_REVOKE).count() == 1


@pytest.mark.parametrize("persona", ["economy_staff", "park_leader", "audit_admin", "system_admin"])
def test_only_the_security_admin_reaches_everyones_tokens(world, client_for, persona):
    token, _key = issue(world.user("service_staff"))
    client = client_for(persona)
    assert client.get(ADMIN_LIST).status_code == 403
    assert client.post(reverse("accounts:token_admin_revoke", args=[token.pk])).status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_list_reads_in_the_same_number_of_queries_for_many_tokens(world, client_for):
    from django.test.utils import CaptureQueriesContext

    admin = client_for("security_admin")

    def queries() -> int:
        admin.get(ADMIN_LIST)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(ADMIN_LIST).status_code == 200
        return len(captured)

    issue(world.user("economy_staff"))
    few = queries()
    for persona in ("service_staff", "park_leader", "enterprise_user", "zone_viewer"):
        for n in range(5):
            issue(world.user(persona), name=f"脚本{n}")
    assert queries() == few


def test_the_lifetimes_are_offered_in_the_readers_language(world, client_for):
    """The choices were worded once, when the module was imported, so the English form offered 7 天."""
    client = client_for("economy_staff")
    chinese = dict(client.get(CREATE).context["form"].fields["days"].choices)
    client.cookies["django_language"] = "en"
    english = dict(client.get(CREATE).context["form"].fields["days"].choices)
    assert (chinese[7], english[7], english[365]) == ("7 天", "7 days", "365 days")

"""The administrators' lists on a phone: below md each user, API token, audit event and change-log entry is a
card (``table.sp-stack-sm``) whose cells carry their column's header as ``data-label`` — at 390 px the
tokens' nine columns and the audit log's seven were a table scrolling sideways. A token's 吊销 button is
one element of its card's line, and a revoked token's card has no 操作 line (its cell is empty)."""

from __future__ import annotations

import re

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone

from scipark.accounts.models import PersonalToken
from scipark.accounts.testing import token_for
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.testing import World
from scipark.core.tests.stacked import card_labels, signed_in
from scipark.enterprises.models import Contact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "route", "testid"),
    [
        ("security_admin", "accounts:user_list", "user-table"),
        ("security_admin", "accounts:token_list", "token-table"),
        ("audit_admin", "accounts:audit_log", "audit-table"),
        ("audit_admin", "accounts:change_log", "changelog-table"),
    ],
)
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_each_row_is_a_card_whose_cells_are_labelled(
    world: World, persona: str, route: str, testid: str, language: str
) -> None:
    token_for(world.user("enterprise_user"))
    revoked = token_for(world.user("economy_staff"), name="已吊销令牌")
    PersonalToken.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    audit_event_record(kind=AuditEvent.Kind.EXPORT, user=world.user("economy_staff"))
    with set_actor(world.user("economy_staff")):
        Contact.objects.create(enterprise=world.enterprise, name="王小明", phone="13912345678")
    response = signed_in(world.user(persona), language).get(reverse(route))
    assert response.status_code == 200
    page = response.content.decode()
    labels = card_labels(page, testid)
    if testid == "token-table":
        assert ("Action" if language == "en" else "操作") in labels, labels
        cells = re.findall(
            r'<td data-label="(?:操作|Action)" class="sp-actions">(.*?)</td>', page, flags=re.S
        )
        buttons = [cell for cell in cells if cell]
        assert buttons and all(re.fullmatch(r"<span>.*</span>", c.strip(), flags=re.S) for c in buttons)
        assert "" in cells, cells  # the revoked token: nothing to revoke, no line on its card

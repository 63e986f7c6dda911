"""An appeal's notifications — filed, a step taken, overdue — read in the reader's language on the message
list, whatever language the sender read the site in; names typed by users stay as typed."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone, translation

from scipark.appeals import services
from scipark.appeals.models import AppealState
from scipark.appeals.testing import make_appeal
from scipark.core.roles import DepartmentKind
from scipark.notifications.testing import notification_pages
from scipark.parks.models import Department

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


@LANGUAGES
def test_a_new_appeal_reads_in_the_dispatchers_language(
    world: Any, category: Any, client_for: Any, english: bool
) -> None:
    with translation.override("en"):  # the enterprise reads the site in English: the dispatcher need not
        appeal = services.appeal_submit(
            user=world.user("enterprise_user"),
            park=world.park,
            category=category,
            enterprise=world.enterprise,
            description="企业周边电信信号弱,影响生产调度。",
        )
    listing, badge = notification_pages(client_for("service_staff"), english=english)
    if english:
        assert f"New appeal awaiting acceptance: {appeal.title}" in listing
        assert f"{appeal.number} (通信网络)" in listing
        assert "Messages, 1 unread" in badge
    else:
        assert f"新诉求待受理:{appeal.title}" in listing and f"{appeal.number}(通信网络)" in listing
        assert "消息,1条未读" in badge


@LANGUAGES
def test_a_step_reads_in_the_requesters_language(
    world: Any, category: Any, client_for: Any, english: bool
) -> None:
    appeal = make_appeal(
        world.park, category, enterprise=world.enterprise, submitted_by=world.user("enterprise_user")
    )
    services.appeal_step(
        user=world.user("service_staff"), appeal=appeal, action="accept", version=appeal.version
    )
    appeal.refresh_from_db()
    due = f"{timezone.localtime(appeal.due_at):%Y-%m-%d}"
    listing, badge = notification_pages(client_for("enterprise_user"), english=english)
    if english:
        assert f"Your appeal has been accepted: {appeal.title}" in listing
        assert f"{appeal.number} has been accepted; it is due by {due}." in listing
        assert "Messages, 1 unread" in badge
    else:
        assert f"您的诉求已受理:{appeal.title}" in listing
        assert f"{appeal.number} 已受理,办理期限 {due}。" in listing
        assert "消息,1条未读" in badge


@LANGUAGES
def test_an_overdue_appeal_names_its_state_in_the_leaders_language(
    world: Any, category: Any, client_for: Any, english: bool
) -> None:
    now = timezone.now()
    late = make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.IN_PROGRESS,
        lead_kind="economy",
        due_at=now - dt.timedelta(days=1),
    )
    assert services.appeals_escalate(now=now) == 1
    listing, badge = notification_pages(client_for("park_leader"), english=english)
    if english:
        assert f"Appeal overdue, escalated: {late.title}" in listing
        assert "; it is now “In progress”." in listing
        assert "Messages, 1 unread" in badge
    else:
        assert f"诉求超期督办:{late.title}" in listing and "现状态「办理中」。" in listing
        assert "消息,1条未读" in badge


@LANGUAGES
def test_the_co_handling_departments_are_listed_as_the_readers_language_lists(
    world: Any, category: Any, client_for: Any, english: bool
) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    departments = {d.kind: d for d in Department.objects.filter(park=world.park)}
    lead, co = departments[DepartmentKind.ECONOMY], [departments[k] for k in ("environment", "investment")]
    services.appeal_step(
        user=world.user("service_staff"),
        appeal=appeal,
        action="assign",
        version=appeal.version,
        lead_department=lead.pk,
        co_departments=[d.pk for d in co],
    )
    listing, _badge = notification_pages(client_for("economy_staff"), english=english)
    names = [d.name for d in co]  # as typed: a department's name is not translated
    if english:
        assert f"lead: {lead.name}; co-handling: {names[0]}, {names[1]}. Due by" in listing
    else:
        assert f"牵头:{lead.name};协办:{names[0]}、{names[1]}。" in listing

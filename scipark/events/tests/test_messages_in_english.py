"""The services' refusals read in English on an English page, and in Chinese on a Chinese one."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from scipark.core.testing import World
from scipark.events.tests.conftest import TZ, Events, make_event

pytestmark = pytest.mark.django_db
LANGUAGES = pytest.mark.parametrize("english", [True, False], ids=["en", "zh"])


def _client(client_for: Any, persona: str, english: bool) -> Any:
    client = client_for(persona)
    if english:
        client.cookies["django_language"] = "en"
    return client


@LANGUAGES
def test_a_registration_with_an_outcome_cannot_be_withdrawn(
    client_for: Any, ev: Events, english: bool
) -> None:
    client = _client(client_for, "service_staff", english)
    response = client.post(reverse("events:withdraw", args=[ev.part.pk]))
    assert response.status_code == 302
    expected = (
        "A registration whose outcome has been recorded cannot be withdrawn."
        if english
        else "已登记成效的参会记录不能撤回。"
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]


@LANGUAGES
def test_registration_closed(client_for: Any, world: World, english: bool) -> None:
    when = dt.datetime.now(TZ) + dt.timedelta(days=7)
    training = make_event(world.park, "training", when, "安全生产培训", registration_open=False)
    client = _client(client_for, "enterprise_user", english)
    response = client.post(
        reverse("events:participate", args=[training.pk]), {"enterprise": world.enterprise.pk}
    )
    assert response.status_code == 400
    expected = "Registration for this event is closed." if english else "该活动已停止报名。"
    assert expected in response.content.decode()


@LANGUAGES
def test_a_held_event_cannot_be_cancelled(client_for: Any, ev: Events, english: bool) -> None:
    client = _client(client_for, "service_staff", english)
    response = client.post(reverse("events:event_cancel", args=[ev.fair.pk]), {"version": ev.fair.version})
    assert response.status_code == 302
    expected = "The event has been held and cannot be cancelled." if english else "活动已举办,不能取消。"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [expected]


def test_a_cancelled_event_is_not_cancelled_again(client_for: Any, ev: Events) -> None:
    """Both statuses begin with 已: the refusal names the case, not 活动已已取消."""
    client = client_for("service_staff")
    fair = ev.fair
    fair.status = fair.Status.CANCELLED
    fair.save(update_fields=["status"])
    fair.refresh_from_db()
    response = client.post(reverse("events:event_cancel", args=[fair.pk]), {"version": fair.version})
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["活动已取消,无需再次取消。"]

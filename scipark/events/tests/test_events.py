"""Events: registration rules, outcome, S2 from records, access and exports."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from scipark.core.access import AccessDenied
from scipark.core.testing import World
from scipark.events import services
from scipark.events.figures import job_fairs_held
from scipark.events.models import Event, Participation
from scipark.events.selectors import event_statistics

from .conftest import TZ, Events, make_event

pytestmark = pytest.mark.django_db


def test_an_enterprise_registers_itself_with_posts_for_an_upcoming_event(world: World, ev: Events) -> None:
    part = services.participation_register(
        user=world.user("enterprise_user"),
        event=ev.upcoming,
        enterprise=world.enterprise,
        posts=[{"title": "化验员", "headcount": 2, "salary_min": 4200, "salary_max": 6000}],
    )
    assert [(p.title, p.headcount) for p in part.posts.all()] == [("化验员", 2)]
    with pytest.raises(ValidationError):  # once per event
        services.participation_register(
            user=world.user("enterprise_user"), event=ev.upcoming, enterprise=world.enterprise
        )


def test_an_enterprise_cannot_register_for_another_or_for_a_past_event(world: World, ev: Events) -> None:
    member = world.user("enterprise_user")
    with pytest.raises(AccessDenied):
        services.participation_register(user=member, event=ev.upcoming, enterprise=world.other_enterprise)
    with pytest.raises(ValidationError):
        services.participation_register(user=member, event=ev.fair, enterprise=world.enterprise)


def test_salary_bands_must_be_ordered(world: World, ev: Events) -> None:
    with pytest.raises(ValidationError, match="月薪上限低于下限"):
        services.participation_register(
            user=world.user("service_staff"), event=ev.upcoming, enterprise=world.enterprise,
            posts=[{"title": "操作工", "headcount": 1, "salary_min": 5000, "salary_max": 4000}],
        )  # fmt: skip
    assert not Participation.objects.filter(event=ev.upcoming).exists()  # nothing half-written


def test_the_outcome_is_recorded_after_the_event_only(world: World, ev: Events) -> None:
    staff = world.user("service_staff")
    with pytest.raises(ValidationError, match="尚未开始"):
        services.event_record_outcome(
            user=staff, event=ev.upcoming, attendees=10, results={}, expected_version=1
        )
    with pytest.raises(ValidationError, match="多于收到简历数"):
        services.event_record_outcome(
            user=staff, event=ev.fair, attendees=300, results={ev.part.pk: (2, 3)}, expected_version=1
        )
    event = services.event_record_outcome(
        user=staff, event=ev.fair, attendees=300, results={ev.part.pk: (20, 5)}, expected_version=1
    )
    ev.part.refresh_from_db()
    assert (event.attendees, event.status, ev.part.resumes, ev.part.hires) == (300, "held", 20, 5)


def test_s2_counts_the_years_job_fairs_from_records(world: World, ev: Events) -> None:
    make_event(world.park, "job_fair", dt.datetime(2023, 9, 23, 9, tzinfo=TZ), "秋季招聘会", status="held")
    make_event(
        world.park, "job_fair", dt.datetime(2023, 10, 1, 9, tzinfo=TZ), "取消的招聘会", status="cancelled"
    )
    make_event(world.park, "training", dt.datetime(2023, 6, 1, 9, tzinfo=TZ), "培训")
    make_event(world.other_park, "job_fair", dt.datetime(2023, 4, 1, 9, tzinfo=TZ), "外园招聘会")
    # 2023-12-31 23:30 in Shanghai is still 2023 (15:30 UTC)
    make_event(world.park, "job_fair", dt.datetime(2023, 12, 31, 23, 30, tzinfo=TZ), "跨年招聘会")
    figure = job_fairs_held(world.park, 2023)
    assert figure.value == 3
    spring = figure.details["fairs"][0]
    assert (spring["title"], spring["enterprises"], spring["headcount"], spring["hires"]) == (
        "春季招聘会",
        2,
        6,
        4,
    )
    assert figure.details["totals"]["posts"] == 2
    assert job_fairs_held(world.park, 2024).value == 0


def test_statistics_count_per_kind_and_year_within_reach(world: World, ev: Events) -> None:
    rows = {(r.year, r.kind): r for r in event_statistics(user=world.user("park_leader"))}
    fair = rows[(2023, "job_fair")]
    assert (fair.events, fair.enterprises, fair.posts, fair.headcount, fair.hires) == (1, 2, 2, 6, 4)
    own = {(r.year, r.kind): r for r in event_statistics(user=world.user("enterprise_user"))}
    assert (own[(2023, "job_fair")].enterprises, own[(2023, "job_fair")].hires) == (1, 3)


def test_an_enterprise_sees_the_parks_events_but_not_other_participants(
    client_for: Any, world: World, ev: Events
) -> None:
    client = client_for("enterprise_user")
    page = client.get(reverse("events:event_detail", args=[ev.fair.pk])).content.decode()
    assert world.enterprise.name in page and "质检员" in page
    assert world.other_enterprise.name not in page and "操作工" not in page
    foreign = make_event(world.other_park, "training", dt.datetime(2023, 5, 1, 9, tzinfo=TZ), "外园培训")
    assert client.get(reverse("events:event_detail", args=[foreign.pk])).status_code == 404
    assert (
        client_for("service_staff").get(reverse("events:event_detail", args=[foreign.pk])).status_code == 404
    )
    # visible to the enterprise but not its to edit: core's object_or_404 answers 403, not 404
    assert client.get(reverse("events:event_edit", args=[ev.fair.pk])).status_code == 403


def test_the_participation_page_registers_an_enterprise(client_for: Any, world: World, ev: Events) -> None:
    client = client_for("enterprise_user")
    data = {
        "enterprise": world.enterprise.pk,
        "posts-TOTAL_FORMS": "3", "posts-INITIAL_FORMS": "0", "posts-MIN_NUM_FORMS": "0", "posts-MAX_NUM_FORMS": "20",
        "posts-0-title": "研发助理", "posts-0-headcount": "2", "posts-0-salary_min": "6000", "posts-0-salary_max": "9000",
    }  # fmt: skip
    response = client.post(reverse("events:participate", args=[ev.upcoming.pk]), data)
    assert response.status_code == 302
    part = Participation.objects.get(event=ev.upcoming)
    assert part.enterprise == world.enterprise and part.posts.get().title == "研发助理"


def test_a_training_is_signed_up_for_without_posts(client_for: Any, world: World) -> None:
    """Posts belong to job fairs: a training's sign-up offered the post table and said 岗位 0 个."""
    from django.contrib.messages import get_messages

    training = make_event(
        world.park,
        "training",
        dt.datetime.now(TZ) + dt.timedelta(days=7),
        "安全生产培训",
        registration_open=True,
    )
    client = client_for("enterprise_user")
    url = reverse("events:participate", args=[training.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="post-formset"' not in page and "提供岗位" not in page
    response = client.post(url, {"enterprise": world.enterprise.pk})
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [f"已报名:{world.enterprise.name}。"]
    part = Participation.objects.get(event=training)
    assert not part.posts.exists()
    detail = client.get(reverse("events:event_detail", args=[training.pk])).content.decode()
    assert reverse("events:post_add", args=[part.pk]) not in detail
    # the services read the same rule
    staff = world.user("service_staff")
    with pytest.raises(ValidationError, match="只有招聘会可以提供岗位"):
        services.post_add(user=staff, participation=part, data={"title": "讲师", "headcount": 1})
    with pytest.raises(ValidationError, match="只有招聘会可以提供岗位"):
        services.participation_register(
            user=staff,
            event=training,
            enterprise=world.other_enterprise,
            posts=[{"title": "讲师", "headcount": 1}],
        )


def test_a_job_fairs_sign_up_offers_posts(client_for: Any, world: World, ev: Events) -> None:
    page = client_for("enterprise_user").get(reverse("events:participate", args=[ev.upcoming.pk]))
    assert 'data-testid="post-formset"' in page.content.decode()


@pytest.mark.parametrize("name", ["events:event_list", "events:post_list", "events:stats"])
def test_lists_export_xlsx(client_for: Any, ev: Events, name: str) -> None:
    response = client_for("service_staff").get(reverse(name) + "?export=xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) >= 2


def test_cancelling_twice_is_refused(world: World, ev: Events) -> None:
    staff = world.user("service_staff")
    assert services.event_cancel(user=staff, event=ev.upcoming).status == Event.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.event_cancel(user=staff, event=ev.upcoming)


def test_a_stale_version_answers_409_on_forms_and_buttons(client_for: Any, ev: Events) -> None:
    client = client_for("service_staff")
    Event.objects.filter(pk__in=[ev.fair.pk, ev.upcoming.pk]).update(version=4)  # saved by someone else
    outcome = client.post(reverse("events:outcome", args=[ev.fair.pk]), {"attendees": 120, "version": 1})
    assert outcome.status_code == 409
    assert "该记录已被他人修改" in outcome.content.decode()
    cancel = client.post(reverse("events:event_cancel", args=[ev.upcoming.pk]), {"version": 1})
    assert cancel.status_code == 409
    assert Event.objects.get(pk=ev.upcoming.pk).status == Event.Status.SCHEDULED
    assert Event.objects.get(pk=ev.fair.pk).attendees is None

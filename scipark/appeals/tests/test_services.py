"""Intake, access, deadlines and escalation, duplicate suggestions, visits, notifications."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from scipark.appeals import selectors, services
from scipark.appeals.models import Appeal, AppealChannel, AppealState
from scipark.appeals.selectors import rank_similar, text_similarity
from scipark.appeals.testing import make_appeal
from scipark.core.access import AccessDenied
from scipark.core.roles import DepartmentKind
from scipark.notifications.models import Notification, NotificationPreference
from scipark.parks.models import Department

TZ = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.django_db
def test_enterprise_submits_with_deadline_across_national_day(world: Any, category: Any) -> None:
    received = dt.datetime(2023, 9, 28, 10, 0, tzinfo=TZ)  # Thu; 5 working days: 10-07, 08, 09, 10, 11
    appeal = services.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱,影响生产调度。",
        received_at=received,
    )
    assert timezone.localtime(appeal.due_at).date() == dt.date(2023, 10, 11)
    assert appeal.title == "企业周边电信信号弱,影响生产调度。"
    assert appeal.channel == AppealChannel.PORTAL and appeal.submitted_by == world.user("enterprise_user")
    assert appeal.number == f"SQ2023{appeal.pk:06d}"


@pytest.mark.django_db
def test_enterprise_cannot_file_for_another_enterprise_or_by_phone(world: Any, category: Any) -> None:
    ent = world.user("enterprise_user")
    with pytest.raises(AccessDenied):
        services.appeal_submit(
            user=ent,
            park=world.park,
            category=category,
            enterprise=world.other_enterprise,
            description="问题",
        )
    with pytest.raises(ValidationError):
        services.appeal_submit(
            user=ent,
            park=world.park,
            category=category,
            enterprise=world.enterprise,
            description="问题",
            channel="phone",
        )


@pytest.mark.django_db
def test_staff_intake_on_behalf_and_open311_without_user(world: Any, category: Any) -> None:
    appeal = services.appeal_submit(
        user=world.user("service_staff"),
        park=world.park,
        category=category,
        enterprise=world.other_enterprise,
        description="工作群反映:园区东路路灯不亮",
        channel=AppealChannel.WORK_GROUP,
        requester_name="王经理",
        requester_phone="13812345678",
    )
    assert appeal.channel == "work_group"
    public = services.appeal_submit(
        user=None,
        park=world.park,
        category=category,
        description="路面坑洼",
        channel="open311",
        latitude="36.6",
        longitude="101.7",
        attributes={"size": "large"},
    )
    assert public.enterprise is None and public.attributes == {"size": "large"}
    with pytest.raises(AccessDenied):
        services.appeal_submit(
            user=None, park=world.park, category=category, description="x", channel="phone"
        )
    with pytest.raises(AccessDenied):  # economy staff only read the service domain
        services.appeal_submit(
            user=world.user("economy_staff"),
            park=world.park,
            category=category,
            description="x",
            channel="phone",
        )


@pytest.mark.django_db
def test_bad_input_is_refused_with_chinese_messages(world: Any, category: Any) -> None:
    ent = world.user("enterprise_user")
    kwargs = {"user": ent, "park": world.park, "category": category, "enterprise": world.enterprise}
    with pytest.raises(ValidationError) as info:
        services.appeal_submit(**kwargs, description="")
    assert "诉求内容" in str(info.value)
    with pytest.raises(ValidationError) as info:
        services.appeal_submit(**kwargs, description="长" * 4001)
    assert "4000" in str(info.value)
    with pytest.raises(ValidationError):
        services.appeal_submit(**kwargs, description="x", latitude=1)
    fake_pdf = SimpleUploadedFile("证明.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    with pytest.raises(ValidationError) as info:
        services.appeal_submit(**kwargs, description="附件", attachments=[fake_pdf])
    assert "证明.pdf" in str(info.value)
    exe = SimpleUploadedFile("tool.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError):
        services.appeal_submit(**kwargs, description="附件", attachments=[exe])
    assert not Appeal.objects.exists()


@pytest.mark.django_db
def test_attachment_is_stored(world: Any, category: Any) -> None:
    png = SimpleUploadedFile("现场.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, content_type="image/png")
    appeal = services.appeal_submit(
        user=world.user("enterprise_user"),
        park=world.park,
        category=category,
        enterprise=world.enterprise,
        description="附件",
        attachments=[png],
    )
    attachment = appeal.attachments.get()
    assert attachment.name == "现场.png" and attachment.size == 28 and attachment.content_type == "image/png"


@pytest.mark.django_db
def test_access_enterprise_sees_own_department_sees_assigned(world: Any, category: Any) -> None:
    own = make_appeal(world.park, category, enterprise=world.enterprise, number="A1")
    other = make_appeal(
        world.park, category, enterprise=world.other_enterprise, number="A2", lead_kind="economy"
    )
    co = make_appeal(
        world.park, category, enterprise=world.other_enterprise, number="A3", lead_kind="service"
    )
    co.co_handling.create(department=Department.objects.get(park=world.park, kind=DepartmentKind.ENVIRONMENT))
    foreign = make_appeal(
        world.other_park, category_for(world.other_park), enterprise=world.foreign_enterprise, number="A4"
    )

    def seen(persona: str) -> set[str]:
        return set(Appeal.objects.restrict(world.user(persona)).values_list("number", flat=True))

    assert seen("enterprise_user") == {"A1"}
    assert seen("economy_staff") == {"A2"}
    assert seen("environment_staff") == {"A3"}
    assert seen("service_staff") == {"A1", "A2", "A3"}
    assert seen("park_leader") == {"A1", "A2", "A3"}
    assert seen("other_park_staff") == {"A4"}
    for persona in ("zone_viewer", "system_admin", "security_admin", "audit_admin"):
        assert seen(persona) == set()
    assert selectors.appeal_get(world.user("enterprise_user"), other.pk) is None
    assert selectors.appeal_get(world.user("enterprise_user"), own.pk) == own
    assert foreign.pk


def category_for(park: Any) -> Any:
    from scipark.appeals.testing import make_category

    return make_category(park, "telecom")


@pytest.mark.django_db
def test_requester_contact_masked_for_departments_that_do_not_need_it(world: Any, category: Any) -> None:
    appeal = make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        requester_name="张三丰",
        requester_phone="13812345678",
        lead_kind="economy",
    )
    assert selectors.appeal_requester(world.user("park_leader"), appeal).phone == "138****5678"
    assert selectors.appeal_requester(world.user("service_staff"), appeal).phone == "13812345678"
    assert (
        selectors.appeal_requester(world.user("economy_staff"), appeal).name == "张三丰"
    )  # the lead needs it


@pytest.mark.django_db
def test_escalation_flags_overdue_once_and_tells_the_leader(world: Any, category: Any) -> None:
    now = timezone.now()
    late = make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.IN_PROGRESS,
        lead_kind="economy",
        due_at=now - dt.timedelta(hours=1),
    )
    make_appeal(
        world.park, category, enterprise=world.enterprise, due_at=now + dt.timedelta(days=3), number="ok"
    )
    make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.CONCLUDED,
        due_at=now - dt.timedelta(days=3),
        number="done",
        closed_at=now - dt.timedelta(days=4),
    )
    assert services.appeals_escalate(now=now) == 1
    late.refresh_from_db()
    assert late.overdue and late.escalated_at == now and late.is_overdue
    assert late.steps.filter(action="escalate").count() == 1
    leader_notes = Notification.objects.filter(recipient=world.user("park_leader"), kind="appeal_overdue")
    assert leader_notes.count() == 1
    assert Notification.objects.filter(recipient=world.user("economy_staff"), kind="appeal_overdue").exists()
    assert services.appeals_escalate(now=now) == 0  # once per deadline
    assert set(Appeal.objects.overdue(now).values_list("pk", flat=True)) == {late.pk}


@pytest.mark.django_db
def test_deadline_reminder_once(world: Any, category: Any) -> None:
    now = timezone.now()
    soon = make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        state=AppealState.ASSIGNED,
        lead_kind="economy",
        due_at=now + dt.timedelta(hours=2),
    )
    make_appeal(
        world.park, category, enterprise=world.enterprise, due_at=now + dt.timedelta(days=20), number="far"
    )
    assert services.appeals_remind_deadlines(now=now) == 1
    assert services.appeals_remind_deadlines(now=now) == 0
    assert (
        Notification.objects.filter(recipient=world.user("economy_staff"), kind="appeal_deadline").count()
        == 1
    )
    assert soon.pk


def test_text_similarity_hand_worked() -> None:
    # "信号弱" -> {信号, 号弱}; "信号很弱" -> {信号, 号很, 很弱}: 1 shared of 4 -> 0.25
    assert text_similarity("信号弱", "信号很弱") == 0.25
    assert text_similarity("电信信号弱", "电信信号弱!") == 1.0
    assert text_similarity("", "abc") == 0.0
    assert text_similarity("停电", "招聘") == 0.0


def test_rank_similar_prefers_same_enterprise() -> None:
    a = Appeal(pk=1, title="园区电信信号弱", description="企业周边电信信号弱", enterprise_id=7, category_id=1)
    b = Appeal(pk=2, title="园区电信信号弱", description="企业周边电信信号弱", enterprise_id=8, category_id=2)
    c = Appeal(pk=3, title="招聘会场地", description="申请使用会议室", enterprise_id=7, category_id=1)
    found = rank_similar("企业周边电信信号弱", [a, b, c], enterprise_id=7, category_id=1)
    assert [s.appeal.pk for s in found] == [1, 2]
    assert found[0].score == pytest.approx(found[1].score + 0.25)
    assert "同一企业" in found[0].reasons


@pytest.mark.django_db
def test_similar_open_appeals_only_open_and_in_reach(world: Any, category: Any) -> None:
    make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱,请协调",
        number="o1",
    )
    make_appeal(
        world.park,
        category,
        enterprise=world.enterprise,
        description="企业周边电信信号弱,请协调",
        number="c1",
        state=AppealState.ARCHIVED,
    )
    make_appeal(
        world.park, category, enterprise=world.other_enterprise, description="企业周边电信信号弱", number="x1"
    )
    found = selectors.similar_open_appeals(
        user=world.user("enterprise_user"),
        park=world.park,
        text="周边电信信号很弱",
        enterprise=world.enterprise,
    )
    assert [s.appeal.number for s in found] == ["o1"]


@pytest.mark.django_db
def test_visit_turns_issues_into_appeals(world: Any, category: Any) -> None:
    visit = services.visit_record(
        user=world.user("service_staff"),
        enterprise=world.enterprise,
        visited_on=dt.date(2023, 6, 1),
        notes="走访了解生产经营情况",
        participants="企业总经理",
        issues=[
            {"category": category, "description": "厂区电信信号弱"},
            {"category": category, "description": "招工难"},
        ],
    )
    appeals = list(visit.appeals.order_by("pk"))
    assert [a.channel for a in appeals] == ["visit", "visit"]
    assert all(a.enterprise == world.enterprise for a in appeals)
    assert visit.department is not None and visit.department.kind == "service"
    with pytest.raises(AccessDenied):
        services.visit_record(
            user=world.user("enterprise_user"),
            enterprise=world.enterprise,
            visited_on=dt.date(2023, 6, 1),
            notes="x",
        )


@pytest.mark.django_db
def test_notifications_follow_preferences(
    world: Any, category: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    staff = world.user("service_staff")
    staff.email = "han@example.com"
    staff.save()
    economy = world.user("economy_staff")
    economy.email = "zhang@example.com"
    economy.save()
    NotificationPreference.objects.create(
        user=economy, kind="appeal_assigned", channel="email", enabled=False
    )
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_step(
            user=staff,
            appeal=appeal,
            action="assign",
            version=1,
            lead_department=Department.objects.get(park=world.park, kind="economy"),
        )
    assert Notification.objects.filter(recipient=economy, kind="appeal_assigned").count() == 1
    assert mail.outbox == []  # economy turned e-mail off for assignments
    NotificationPreference.objects.filter(user=economy).update(enabled=True)
    appeal.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.appeal_step(
            user=economy, appeal=appeal, action="send_back", version=appeal.version, notes="非本部门职责"
        )
    # sent back by the department: it goes to 企业服务, whose default for replies includes e-mail
    assert [m.to for m in mail.outbox] == [["han@example.com"]]
    assert "退回" in mail.outbox[0].subject

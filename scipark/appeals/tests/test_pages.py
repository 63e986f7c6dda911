"""The pages and the API end to end through the test client."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from scipark.appeals.models import Appeal, AppealState
from scipark.appeals.testing import make_appeal
from scipark.parks.models import Department


@pytest.mark.django_db
def test_enterprise_files_staff_closes_enterprise_rates(world: Any, category: Any, client_for: Any) -> None:
    ent = client_for("enterprise_user")
    response = ent.post(
        "/appeals/add/",
        {"category": category.pk, "enterprise": world.enterprise.pk, "description": "企业周边电信信号弱"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    appeal = Appeal.objects.get()
    staff = client_for("service_staff")
    page = staff.get(f"/appeals/{appeal.pk}/")
    assert page.status_code == 200 and 'data-testid="step-accept"' in page.content.decode()
    assert 'data-testid="step-accept"' not in ent.get(f"/appeals/{appeal.pk}/").content.decode()
    dept = Department.objects.get(park=world.park, kind="service")
    for data in (
        {"action": "accept", "version": 1},
        {"action": "assign", "version": 2, "lead_department": dept.pk},
        {"action": "start", "version": 3},
        {"action": "conclude", "version": 4, "notes": "已联系移动公司解决", "resolved": "on"},
    ):
        response = staff.post(f"/appeals/{appeal.pk}/step/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
    # a stale version is a conflict (409), not an overwrite
    response = staff.post(f"/appeals/{appeal.pk}/step/", {"action": "reopen", "version": 4, "notes": "x"})
    assert response.status_code == 409 and "已被他人修改" in response.content.decode()
    response = ent.post(
        f"/appeals/{appeal.pk}/step/", {"action": "rate", "version": 5, "score": 5, "notes": "满意"}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.state == AppealState.RATED and appeal.resolved


@pytest.mark.django_db
def test_lists_and_exports_show_only_reach(world: Any, category: Any, client_for: Any) -> None:
    make_appeal(world.park, category, enterprise=world.enterprise, title="本企业诉求", number="N1")
    make_appeal(world.park, category, enterprise=world.other_enterprise, title="别家诉求", number="N2")
    body = client_for("enterprise_user").get("/appeals/").content.decode()
    assert "本企业诉求" in body and "别家诉求" not in body
    export = client_for("service_staff").get("/appeals/?export=xlsx")
    book = load_workbook(io.BytesIO(export.content), read_only=True)
    titles = {row[1] for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert titles == {"本企业诉求", "别家诉求"}
    assert (
        client_for("enterprise_user").get(f"/appeals/{Appeal.objects.get(number='N2').pk}/").status_code
        == 404
    )


@pytest.mark.django_db
def test_similar_suggestions_htmx(world: Any, category: Any, client_for: Any) -> None:
    make_appeal(world.park, category, enterprise=world.enterprise, title="电信信号弱", number="S1")
    response = client_for("enterprise_user").get(
        "/appeals/add/",
        {"description": "我们企业周边电信信号很弱", "category": category.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and "S1" in response.content.decode()


@pytest.mark.django_db
def test_statistics_page_and_xlsx(world: Any, category: Any, client_for: Any) -> None:
    page = client_for("park_leader").get("/appeals/statistics/?year=2026")
    assert page.status_code == 200 and "appeal-chart-data" in page.content.decode()
    export = client_for("park_leader").get("/appeals/statistics/?year=2026&export=xlsx")
    assert export.status_code == 200 and "spreadsheetml" in export["Content-Type"]


@pytest.mark.django_db
def test_visit_page_creates_appeals(world: Any, category: Any, client_for: Any) -> None:
    response = client_for("service_staff").post(
        "/appeals/visits/add/",
        {
            "enterprise": world.enterprise.pk,
            "visited_on": "2026-11-20",
            "notes": "走访",
            "issue1_category": category.pk,
            "issue1_description": "厂区信号弱",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Appeal.objects.get().channel == "visit"


@pytest.mark.django_db
def test_calendar_page_add_and_delete(world: Any, client_for: Any) -> None:
    from scipark.appeals.models import CalendarDay

    admin = client_for("system_admin")
    page = admin.get("/appeals/calendar/keep/?year=2031").content.decode()
    assert 'data-testid="calendar-add"' in page
    added = admin.post("/appeals/calendar/add/", {"date": "2031-05-06", "kind": "holiday", "name": "补假"})
    assert added.status_code == 302 and added["Location"] == "/appeals/calendar/keep/?year=2031"
    day = CalendarDay.objects.get(date="2031-05-06")
    assert admin.post("/appeals/calendar/delete/", {"date": "2031-05-06"}).status_code == 302
    assert not CalendarDay.objects.filter(pk=day.pk).exists()


@pytest.mark.django_db
def test_api_file_and_step_with_conflict(world: Any, category: Any, client_for: Any) -> None:
    ent = client_for("enterprise_user")
    response = ent.post(
        "/api/v1/appeals/",
        {"category": category.pk, "enterprise": world.enterprise.pk, "description": "信号弱"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    staff = client_for("service_staff")
    ok = staff.post(
        f"/api/v1/appeals/{pk}/step/", {"action": "accept", "version": 1}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["state"] == "accepted"
    stale = staff.post(
        f"/api/v1/appeals/{pk}/step/", {"action": "accept", "version": 1}, content_type="application/json"
    )
    assert stale.status_code == 409
    wrong = staff.post(
        f"/api/v1/appeals/{pk}/step/",
        {"action": "rate", "version": 2, "score": 5},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert client_for("other_park_staff").get(f"/api/v1/appeals/{pk}/").status_code == 404
    listed = client_for("economy_staff").get("/api/v1/appeals/").json()
    assert listed["count"] == 0
    categories = ent.get("/api/v1/appeal-categories/").json()
    assert [c["code"] for c in categories["results"]] == ["telecom"]


@pytest.mark.django_db
def test_notifications_pages(world: Any, category: Any, client_for: Any) -> None:
    from scipark.notifications.models import Notification, NotificationPreference

    user = world.user("service_staff")
    Notification.objects.create(recipient=user, kind="appeal_submitted", title="新诉求待受理:测试")
    Notification.objects.create(
        recipient=world.user("economy_staff"), kind="appeal_submitted", title="别人的"
    )
    c = client_for("service_staff")
    body = c.get("/notifications/").content.decode()
    assert "新诉求待受理:测试" in body and "别人的" not in body
    assert 'data-testid="unread-count">1<' in c.get("/notifications/badge/").content.decode()
    c.post("/notifications/read/", {"all": "1"})
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=world.user("economy_staff"), read_at__isnull=True).exists()
    c.post("/notifications/preferences/", {"appeal_assigned:in_app": "on"})
    assert (
        NotificationPreference.objects.get(user=user, kind="appeal_assigned", channel="email").enabled
        is False
    )
    assert (
        NotificationPreference.objects.get(user=user, kind="appeal_assigned", channel="in_app").enabled
        is True
    )


# --- one step, three ways in: the page, the API and the service give the same result ---------------


def _outcome(appeal: Appeal) -> dict[str, Any]:
    """What a 办结 step left behind: the appeal, its timeline entry, the files and who was told."""
    from scipark.notifications.models import Notification

    appeal.refresh_from_db()
    step = appeal.steps.get(action="conclude")
    notified = Notification.objects.filter(url=appeal.get_absolute_url()).values_list(
        "recipient_id", "kind", "title"
    )
    return {
        "state": appeal.state,
        "version": appeal.version,
        "resolved": appeal.resolved,
        "reply": appeal.reply,
        "closed": appeal.closed_at is not None,
        "step": (step.from_state, step.to_state, step.notes, step.detail, step.internal, step.actor_id),
        "attachments": [(a.name, a.size, a.content_type) for a in step.attachments.all()],
        "notified": sorted(notified),
    }


def _reply_file() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("答复函.txt", "已协调移动公司".encode(), content_type="text/plain")


@pytest.mark.django_db
def test_page_api_and_service_take_the_same_step_with_the_same_result(
    world: Any, category: Any, client_for: Any
) -> None:
    from scipark.appeals import services
    from scipark.core.services import ConflictError

    staff = world.user("service_staff")
    by_page, by_api, by_service = (
        make_appeal(
            world.park,
            category,
            enterprise=world.enterprise,
            state=AppealState.IN_PROGRESS,
            lead_kind="service",
            number=n,
        )
        for n in ("P1", "P2", "P3")
    )
    reply = "已协调移动公司增设基站"
    data = {"action": "conclude", "version": 1, "notes": reply}
    page = client_for("service_staff")
    response = page.post(
        f"/appeals/{by_page.pk}/step/", {**data, "resolved": "on", "attachments": _reply_file()}
    )
    assert response.status_code == 302
    api = client_for("service_staff")
    response = api.post(
        f"/api/v1/appeals/{by_api.pk}/step/", {**data, "resolved": True, "attachments": _reply_file()}
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "concluded" and response.json()["version"] == 2
    services.appeal_step(
        user=staff,
        appeal=by_service,
        action="conclude",
        version=1,
        notes=reply,
        resolved=True,
        attachments=[_reply_file()],
    )
    assert _outcome(by_page) == _outcome(by_api) == _outcome(by_service)
    assert _outcome(by_page)["attachments"] == [("答复函.txt", 21, "text/plain")]
    # the same stale version: 409 on both doors, ConflictError underneath
    again = {"action": "note", "version": 1, "notes": "补充"}
    assert page.post(f"/appeals/{by_page.pk}/step/", again).status_code == 409
    assert api.post(f"/api/v1/appeals/{by_api.pk}/step/", again).status_code == 409
    with pytest.raises(ConflictError):
        services.appeal_step(user=staff, appeal=by_service, action="note", version=1, notes="补充")


@pytest.mark.django_db
def test_page_and_api_refuse_a_step_with_the_same_message(world: Any, category: Any, client_for: Any) -> None:
    appeal = make_appeal(world.park, category, enterprise=world.enterprise, state=AppealState.ACCEPTED)
    staff = client_for("service_staff")
    response = staff.post(f"/appeals/{appeal.pk}/step/", {"action": "assign", "version": 1}, follow=True)
    assert "请选择牵头部门。" in response.content.decode()
    response = staff.post(
        f"/api/v1/appeals/{appeal.pk}/step/",
        {"action": "assign", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["lead_department"] == ["请选择牵头部门。"]
    appeal.refresh_from_db()
    assert appeal.state == AppealState.ACCEPTED and appeal.version == 1


@pytest.mark.django_db
def test_a_note_from_a_stale_page_is_a_conflict(world: Any, category: Any, client_for: Any) -> None:
    # The page used to drop the version of notes, so a note on a page that was out of date went through.
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    staff = client_for("service_staff")
    assert staff.post(f"/appeals/{appeal.pk}/step/", {"action": "accept", "version": 1}).status_code == 302
    response = staff.post(f"/appeals/{appeal.pk}/step/", {"action": "note", "version": 1, "notes": "旧页面"})
    assert response.status_code == 409
    assert not appeal.steps.filter(action="note").exists()


@pytest.mark.django_db
def test_the_api_keeps_a_steps_attachments(world: Any, category: Any, client_for: Any) -> None:
    # The API used to drop the files of a step.
    appeal = make_appeal(world.park, category, enterprise=world.enterprise)
    response = client_for("enterprise_user").post(
        f"/api/v1/appeals/{appeal.pk}/step/",
        {"action": "note", "notes": "见附件", "attachments": _reply_file()},
    )
    assert response.status_code == 200, response.content
    assert [a.name for a in appeal.steps.get(action="note").attachments.all()] == ["答复函.txt"]


@pytest.mark.django_db
def test_category_edit_needs_the_version_the_page_showed(world: Any, category: Any, client_for: Any) -> None:
    # A form without a version used to be saved over whatever was stored.
    staff = client_for("service_staff")
    page = staff.get(f"/appeals/categories/{category.pk}/")
    assert page.status_code == 200 and 'name="version" value="1"' in page.content.decode()
    form = {
        "code": "telecom",
        "name": "通信与网络",
        "default_department": category.default_department_id,
        "time_limit_days": 5,
        "is_active": "on",
        "order": 0,
    }
    missing = staff.post(f"/appeals/categories/{category.pk}/", form)
    assert missing.status_code == 400 and "缺少版本号" in missing.content.decode()
    assert staff.post(f"/appeals/categories/{category.pk}/", {**form, "version": 1}).status_code == 302
    stale = staff.post(f"/appeals/categories/{category.pk}/", {**form, "version": 1, "name": "乙"})
    assert stale.status_code == 409 and "已被他人修改" in stale.content.decode()
    category.refresh_from_db()
    assert category.name == "通信与网络" and category.version == 2


@pytest.mark.django_db
def test_the_statistics_and_suggestions_read_in_english(world: Any, category: Any, client_for: Any) -> None:
    """未转办, 合计 and a suggestion's reasons were plain Chinese strings on the English pages."""
    make_appeal(world.park, category, enterprise=world.enterprise, title="电信信号弱", number="S1")
    leader = client_for("park_leader")
    leader.cookies["django_language"] = "en"
    html = leader.get("/appeals/statistics/?year=2026").content.decode()
    assert "Not yet referred" in html and "未转办" not in html and "合计" not in html
    firm = client_for("enterprise_user")
    firm.cookies["django_language"] = "en"
    suggestions = firm.get(
        "/appeals/add/",
        {"description": "我们企业周边电信信号很弱", "category": category.pk},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert "Text 28% alike, Same category" in suggestions and "同一类别" not in suggestions

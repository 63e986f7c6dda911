"""The audit admin's pages: audit events and the change log, filtered and exported (each export is
itself audited); nobody else opens them, and the audit admin can change nothing."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from auditlog.context import set_actor
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise

AUDIT = reverse("accounts:audit_log")
CHANGES = reverse("accounts:change_log")


@pytest.fixture
def auditor(client_for):
    return client_for("audit_admin")


def rows(response) -> list[tuple]:
    assert response.status_code == 200
    return list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_audit_log_lists_events_and_filters_by_kind_result_user_and_ip(world, auditor):
    audit_event_record(kind=AuditEvent.Kind.EXPORT, user=world.user("economy_staff"))
    AuditEvent.objects.create(
        kind=AuditEvent.Kind.LOGIN_FAILED,
        username="mallory",
        ip_address="10.6.6.6",
        result=AuditEvent.Result.FAILED,
    )
    page = auditor.get(AUDIT)
    kinds = {e.kind for e in page.context["table"].data}
    assert {AuditEvent.Kind.EXPORT, AuditEvent.Kind.LOGIN_FAILED, AuditEvent.Kind.LOGIN_OK} <= kinds
    failed = auditor.get(AUDIT, {"kind": "login_failed"}).context["table"].data
    assert [e.username for e in failed] == ["mallory"]
    assert [e.username for e in auditor.get(AUDIT, {"result": "failed"}).context["table"].data] == ["mallory"]
    assert [e.username for e in auditor.get(AUDIT, {"ip_address": "10.6."}).context["table"].data] == [
        "mallory"
    ]
    by_user = auditor.get(AUDIT, {"username": "economy"}).context["table"].data
    assert {e.kind for e in by_user} == {AuditEvent.Kind.EXPORT}


def test_the_audit_log_filters_by_date_range(world, auditor):
    today = timezone.localdate()
    assert len(auditor.get(AUDIT, {"date_from": today.isoformat()}).context["table"].data) >= 1
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    assert len(auditor.get(AUDIT, {"date_from": tomorrow}).context["table"].data) == 0


def test_exporting_the_audit_log_is_itself_recorded_once(world, auditor):
    before = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT).count()
    sheet = rows(auditor.get(AUDIT, {"kind": "login_ok", "export": "xlsx"}))
    assert sheet[0][:3] == ("时间", "事件", "结果")
    assert {r[1] for r in sheet[1:]} == {"登录成功"}
    exports = AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT)
    assert exports.count() == before + 1
    event = exports.first()
    assert event is not None
    assert event.user == world.user("audit_admin") and event.object_type == "core.auditevent"
    assert "kind=login_ok" in event.detail["query"]


def test_the_change_log_shows_actor_request_and_before_after_readably(world, auditor):
    with set_actor(world.user("economy_staff")):
        enterprise = make_enterprise(world.park, 81, "可读变更有限公司")
        enterprise.name = "可读变更(西宁)有限公司"
        enterprise.save()
    page = auditor.get(CHANGES, {"object_repr": "可读变更"})
    html = page.content.decode()
    assert "<del>可读变更有限公司</del> → <ins>可读变更(西宁)有限公司</ins>" in html
    assert "企业名称" in html  # the field's label, not its code name
    assert "economy_staff" in html
    assert len(page.context["table"].data) == 2
    assert len(auditor.get(CHANGES, {"object_repr": "可读变更", "action": 1}).context["table"].data) == 1
    assert len(auditor.get(CHANGES, {"actor": "economy"}).context["table"].data) == 2


def test_the_change_log_export_has_the_changes_as_text_and_is_audited(world, auditor):
    with set_actor(world.user("economy_staff")):
        enterprise = make_enterprise(world.park, 82, "导出变更有限公司")
        enterprise.short_name = "导出变更"
        enterprise.save()
    sheet = rows(auditor.get(CHANGES, {"object_repr": "导出变更", "action": 1, "export": "xlsx"}))
    assert sheet[0] == (
        "时间",
        "操作人",
        "请求编号",
        "IP 地址",
        "对象类型",
        "对象编号",
        "对象",
        "操作",
        "变更内容",
    )
    (row,) = sheet[1:]
    assert row[1] == "economy_staff" and row[7] == "修改"
    assert "简称: — → 导出变更" in row[8]
    assert (
        AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORT, object_type="auditlog.logentry").count() == 1
    )


@pytest.mark.parametrize(
    "persona",
    ["system_admin", "security_admin", "park_leader", "economy_staff", "enterprise_user", "zone_viewer"],
)
def test_only_the_audit_admin_opens_the_audit_pages(world, client_for, persona):
    client = client_for(persona)
    for path in (AUDIT, CHANGES, AUDIT + "?export=xlsx", CHANGES + "?export=xlsx"):
        assert client.get(path).status_code == 403, path


def test_the_system_admin_has_no_accounts_or_audit_pages(world, client_for):
    client = client_for("system_admin")
    for name in ("accounts:user_list", "accounts:user_create", "accounts:audit_log", "accounts:change_log"):
        assert client.get(reverse(name)).status_code == 403, name


def test_the_audit_admin_cannot_change_accounts_or_roles(world, auditor):
    target = world.user("economy_staff")
    assert auditor.post(reverse("accounts:user_deactivate", args=[target.pk])).status_code == 403
    assert (
        auditor.post(
            reverse("accounts:membership_grant", args=[target.pk]), {"role": "park_leader"}
        ).status_code
        == 403
    )
    assert auditor.get(reverse("accounts:user_list")).status_code == 403
    target.refresh_from_db()
    assert target.is_active


def test_the_audit_pages_refuse_writes(world, auditor):
    assert auditor.post(AUDIT, {"kind": "login_ok"}).status_code == 405
    assert auditor.post(CHANGES, {}).status_code == 405


def test_the_audit_admin_reaches_no_business_api(world, auditor):
    for path in ("/api/v1/enterprises/", f"/api/v1/enterprises/{world.enterprise.pk}/"):
        response = auditor.patch(path, {"name": "x"}, content_type="application/json")
        assert response.status_code in (403, 404, 405), path
    world.enterprise.refresh_from_db()
    assert world.enterprise.name == "青海测试药业有限公司"


def test_the_menu_shows_each_admin_only_their_own_pages(world, client_for):
    def menu(persona):
        return {item["url"] for item in client_for(persona).get(reverse("core:home")).context["menu"]}

    assert {AUDIT, CHANGES} <= menu("audit_admin") and reverse("accounts:user_list") not in menu(
        "audit_admin"
    )
    assert reverse("accounts:user_list") in menu("security_admin") and AUDIT not in menu("security_admin")
    assert not {AUDIT, CHANGES, reverse("accounts:user_list")} & menu("system_admin")

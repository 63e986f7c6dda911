"""The change log (DESIGN.md rule 2, SECURITY.md row 9): every create/update/delete of business data
gives exactly one entry with actor, request id and before → after; entries and audit events are
append-only — in the application and, for UPDATE, in the database itself."""

from __future__ import annotations

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from scipark.core import middleware as request_ids
from scipark.core.audit import audit_event_record
from scipark.core.models import AuditEvent
from scipark.core.testing import make_enterprise
from scipark.enterprises.models import Enterprise


@pytest.fixture
def request_id():
    """Run the block as if inside a request with this id (what RequestIdMiddleware does)."""
    token = request_ids._request_id.set("req-test-0001")
    yield "req-test-0001"
    request_ids._request_id.reset(token)


def entries_for(obj) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(type(obj))
    return list(LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk)).order_by("id"))


def test_creating_updating_and_deleting_an_enterprise_each_give_exactly_one_entry(world, request_id):
    actor = world.user("economy_staff")
    with set_actor(actor, remote_addr="10.0.0.8"):
        enterprise = make_enterprise(world.park, 77, "变更日志测试有限公司")
        assert len(entries_for(enterprise)) == 1
        enterprise.name = "变更日志测试(青海)有限公司"
        enterprise.save()
        assert len(entries_for(enterprise)) == 2
        pk = enterprise.pk
        enterprise.delete()
    enterprise.pk = pk
    created, updated, deleted = entries_for(enterprise)
    assert [e.action for e in (created, updated, deleted)] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    for entry in (created, updated, deleted):
        assert entry.actor == actor
        assert entry.cid == request_id
        assert entry.remote_addr == "10.0.0.8"
        assert entry.timestamp is not None
    assert updated.changes_dict["name"] == ["变更日志测试有限公司", "变更日志测试(青海)有限公司"]
    assert created.changes_dict["name"] == ["None", "变更日志测试有限公司"]


def test_a_change_made_through_a_request_carries_that_requests_id_and_actor(world, client_for):
    target = world.user("economy_staff")
    response = client_for("security_admin").post(
        reverse("accounts:user_edit", args=[target.pk]),
        {"full_name": "经发局李四", "phone": "", "email": ""},
        HTTP_X_REQUEST_ID="req-from-proxy-42",
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == "req-from-proxy-42"
    (entry,) = [e for e in entries_for(target) if e.action == LogEntry.Action.UPDATE]
    assert entry.cid == "req-from-proxy-42"
    assert entry.actor == world.user("security_admin")
    assert entry.changes_dict["full_name"] == ["economy_staff", "经发局李四"]


def test_a_role_grant_through_the_page_is_in_the_change_log_too(world, client_for):
    user = world.user("park_leader")
    client_for("security_admin").post(
        reverse("accounts:membership_grant", args=[user.pk]),
        {"role": "park_leader", "park": world.other_park.pk},
    )
    membership = user.memberships.get(park=world.other_park)
    (entry,) = entries_for(membership)
    assert (
        entry.action == LogEntry.Action.CREATE and entry.actor == world.user("security_admin") and entry.cid
    )


def test_passwords_are_never_written_to_the_change_log(world):
    user = world.user("economy_staff")
    user.set_password("Changed-Pass-2027!")
    user.save()
    for entry in entries_for(user):
        assert "password" not in (entry.changes_dict or {})


@pytest.fixture
def entry(world) -> LogEntry:
    make_enterprise(world.park, 78, "只追加测试有限公司")
    return LogEntry.objects.order_by("-id").first()


@pytest.fixture
def event(world) -> AuditEvent:
    return audit_event_record(kind=AuditEvent.Kind.EXPORT, user=world.user("audit_admin"))


def test_a_change_log_entry_cannot_be_saved_again(entry):
    entry.object_repr = "tampered"
    with pytest.raises(PermissionError), transaction.atomic():
        entry.save()
    assert LogEntry.objects.get(pk=entry.pk).object_repr != "tampered"


def test_a_change_log_entry_cannot_be_deleted(entry):
    with pytest.raises(PermissionError), transaction.atomic():
        entry.delete()
    with pytest.raises(PermissionError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).delete()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_a_bulk_update_of_the_change_log_is_refused_by_the_database(entry):
    with pytest.raises(DatabaseError), transaction.atomic():
        LogEntry.objects.filter(pk=entry.pk).update(object_repr="tampered")
    assert LogEntry.objects.get(pk=entry.pk).object_repr != "tampered"


def test_a_raw_sql_update_of_the_change_log_is_refused_by_the_trigger(entry):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE auditlog_logentry SET object_repr = %s WHERE id = %s", ["tampered", entry.pk])
    assert LogEntry.objects.get(pk=entry.pk).object_repr != "tampered"


def test_an_audit_event_cannot_be_saved_again_or_deleted(event):
    event.result = AuditEvent.Result.FAILED
    with pytest.raises(PermissionError), transaction.atomic():
        event.save()
    with pytest.raises(PermissionError), transaction.atomic():
        event.delete()
    assert AuditEvent.objects.get(pk=event.pk).result == AuditEvent.Result.OK


def test_audit_events_refuse_bulk_update_and_bulk_delete(event):
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(result=AuditEvent.Result.FAILED)
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk, result=AuditEvent.Result.OK).exists()


def test_a_raw_sql_update_of_audit_events_is_refused_by_the_trigger(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET result = %s WHERE id = %s", ["failed", event.pk])
    assert AuditEvent.objects.get(pk=event.pk).result == AuditEvent.Result.OK


def test_an_enterprise_row_is_still_editable(world):
    """The triggers guard only the two log tables."""
    Enterprise.objects.filter(pk=world.enterprise.pk).update(short_name="测试药业")
    assert Enterprise.objects.get(pk=world.enterprise.pk).short_name == "测试药业"

"""The audit admin's pages (三员: 审计管理员): audit events and the change log — read and export only.

Both are lists over append-only tables; exporting one is itself an audited EXPORT event
(``ObjectListView.export``).
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.access import Domain
from scipark.core.models import AuditEvent
from scipark.core.views import ObjectListView

from .filters import ACTION_LABELS, AuditEventFilter, LogEntryFilter
from .tables import AuditEventTable, LogEntryTable, changes_text


class AuditLogView(ObjectListView):
    """Security events: sign-ins, lockouts, role changes, imports, exports, views of confidential data."""

    model = AuditEvent
    domain = Domain.AUDIT
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    title = gettext_lazy("审计日志")
    export_filename = "audit-log"
    export_columns = (
        ("时间", "timestamp"),
        ("事件", "kind"),
        ("结果", "result"),
        ("用户", "username"),
        ("对象类型", "object_type"),
        ("对象编号", "object_id"),
        ("对象", "object_repr"),
        ("IP 地址", "ip_address"),
        ("请求编号", "request_id"),
        ("详情", "detail"),
    )

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return access.restrict(AuditEvent.objects.all(), self.request.user, access.Action.VIEW)

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "detail":
            import json

            return json.dumps(obj.detail, ensure_ascii=False) if obj.detail else ""
        return super().export_value(obj, accessor)


class ChangeLogView(ObjectListView):
    """Every create/update/delete of registered models: who, when, which request, before → after."""

    model = LogEntry
    domain = Domain.AUDIT
    table_class = LogEntryTable
    filterset_class = LogEntryFilter
    title = gettext_lazy("变更记录")
    export_filename = "change-log"
    export_columns = (
        ("时间", "timestamp"),
        ("操作人", "actor"),
        ("请求编号", "cid"),
        ("IP 地址", "remote_addr"),
        ("对象类型", "content_type"),
        ("对象编号", "object_pk"),
        ("对象", "object_repr"),
        ("操作", "action"),
        ("变更内容", "changes"),
    )

    def get_queryset(self) -> QuerySet[LogEntry]:
        # LogEntry has no park scope: the route rule (audit/view) is the whole restriction, and only the
        # audit admin holds it; everyone else gets no rows even if the rule were ever widened.
        if not access.has_permission(self.request.user, Domain.AUDIT, access.Action.VIEW):
            return LogEntry.objects.none()
        return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "actor":
            return obj.actor.get_username() if obj.actor_id else "系统"
        if accessor == "content_type":
            model = obj.content_type.model_class()
            return str(model._meta.verbose_name) if model is not None else str(obj.content_type)
        if accessor == "action":
            return str(ACTION_LABELS.get(obj.action, obj.action))
        if accessor == "changes":
            return changes_text(obj)
        return super().export_value(obj, accessor)

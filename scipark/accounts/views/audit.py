"""The audit admin's pages (三员: 审计管理员): audit events and the change log — read and export only; the
audit admin sees who changed what, never confidential statistics or personal data.

Both are lists over append-only tables; exporting one is itself an audited EXPORT event
(``ObjectListView.export``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from auditlog.models import LogEntry
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from scipark.core import access
from scipark.core.access import Domain
from scipark.core.models import AuditEvent
from scipark.core.views import ObjectListView

from ..filters import AuditEventFilter, LogEntryFilter
from ..tables import (
    AuditEventTable,
    LogEntryTable,
    changes_text,
    detail_text,
    entry_action,
    entry_actor,
    entry_object,
    entry_type,
)


class AuditListView(ObjectListView):
    """A list of the audit admin's: append-only rows, read and exported, never changed.

    A page declares its rows, table and columns; an export column that is not a plain field is written
    by ``export_formats`` (accessor → function of the row), the same functions its table shows.
    """

    domain = Domain.AUDIT
    export_formats: ClassVar[Mapping[str, Callable[[Any], Any]]] = {}

    def export_value(self, obj: Any, accessor: str) -> Any:
        write = self.export_formats.get(accessor)
        return write(obj) if write is not None else super().export_value(obj, accessor)


class AuditLogView(AuditListView):
    """Security events: sign-ins, lockouts, role changes, imports, exports, views of confidential data."""

    model = AuditEvent
    table_class = AuditEventTable
    filterset_class = AuditEventFilter
    title = gettext_lazy("审计日志")
    export_filename = "audit-log"
    export_columns = (
        (gettext_lazy("时间"), "timestamp"),
        (gettext_lazy("事件"), "kind"),
        (gettext_lazy("结果"), "result"),
        (gettext_lazy("用户"), "username"),
        (gettext_lazy("对象类型"), "object_type"),
        (gettext_lazy("对象编号"), "object_id"),
        (gettext_lazy("对象"), "object_repr"),
        (gettext_lazy("IP 地址"), "ip_address"),
        (gettext_lazy("请求编号"), "request_id"),
        (gettext_lazy("详情"), "detail"),
    )
    export_formats = {"detail": detail_text}

    def get_queryset(self) -> QuerySet[AuditEvent]:
        return access.restrict(AuditEvent.objects.all(), self.request.user, access.Action.VIEW)


class ChangeLogView(AuditListView):
    """Every create/update/delete of registered models: who, when, which request, which fields, before →
    after — with the values of confidential and personal fields masked (``tables.changes_readable``)."""

    model = LogEntry
    table_class = LogEntryTable
    filterset_class = LogEntryFilter
    title = gettext_lazy("变更记录")
    export_filename = "change-log"
    export_columns = (
        (gettext_lazy("时间"), "timestamp"),
        (gettext_lazy("操作人"), "actor"),
        (gettext_lazy("请求编号"), "cid"),
        (gettext_lazy("IP 地址"), "remote_addr"),
        (gettext_lazy("对象类型"), "content_type"),
        (gettext_lazy("对象编号"), "object_pk"),
        (gettext_lazy("对象"), "object_repr"),
        (gettext_lazy("操作"), "action"),
        (gettext_lazy("变更内容"), "changes"),
    )
    export_formats = {
        "actor": entry_actor,
        "content_type": entry_type,
        "object_repr": entry_object,
        "action": entry_action,
        "changes": changes_text,
    }

    def get_queryset(self) -> QuerySet[LogEntry]:
        # LogEntry has no park scope: the route rule (audit/view) is the whole restriction, and only the
        # audit admin holds it; everyone else gets no rows even if the rule were ever widened.
        if not access.has_permission(self.request.user, Domain.AUDIT, access.Action.VIEW):
            return LogEntry.objects.none()
        return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")

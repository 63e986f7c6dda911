"""Tables of the 三员 pages, and the readable rendering of a change-log entry's before → after."""

from __future__ import annotations

import json

import django_tables2 as tables
from auditlog.models import LogEntry
from django.db.models import Model
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from scipark.core import history
from scipark.core.changelog import masks_name
from scipark.core.history import EMPTY
from scipark.core.models import AuditEvent
from scipark.core.tables import ActionsColumn, stacked_table
from scipark.core.terms import joined

from .filters import ACTION_LABELS
from .models import Membership, PersonalToken, User

_EMPTY = EMPTY
#: What the audit admin reads in place of a confidential or personal value.
MASKED = history.MASKED


def changes_readable(entry: LogEntry) -> list[tuple[str, str, str]]:
    """The entry's changes as (field, before, after), read the way the record's own change log reads them
    (``core.history.readable_entry``): field labels, choice labels, linked rows by name, amounts with
    units, internal fields left out.

    Values of the fields the model declares confidential or personal (``core.changelog.masked_fields``),
    and links to rows that are named by such values, read 〔已隐去〕: the audit admin sees who changed which
    field when, not the business or personal data itself. No value is ``""``.
    """
    return [
        (change.label, _blank(change.before), _blank(change.after))
        for change in history.readable_entry(entry).changes
    ]


def _blank(text: str) -> str:
    return "" if text == EMPTY else text


def entry_model(entry: LogEntry) -> type[Model] | None:
    """The model of the changed row (None when its app is gone)."""
    return entry.content_type.model_class() if entry.content_type_id else None


def entry_object(entry: LogEntry) -> str:
    """The changed row: its text, or its kind and key where the text may hold masked values."""
    model = entry_model(entry)
    if model is not None and masks_name(model):
        return f"{model._meta.verbose_name} #{entry.object_pk}"
    return entry.object_repr


def changes_text(entry: LogEntry) -> str:
    """One line per changed field, ``字段: 旧值 → 新值`` (for the export)."""
    return "\n".join(
        f"{field}: {before or _EMPTY} → {after or _EMPTY}" for field, before, after in changes_readable(entry)
    )


def entry_actor(entry: LogEntry) -> str:
    """Who made the change: the username, or 系统 for a command or a background job."""
    return entry.actor.get_username() if entry.actor_id else str(_("系统"))


def entry_type(entry: LogEntry) -> str:
    """The kind of object changed, by its model's Chinese name."""
    model = entry_model(entry)
    return str(model._meta.verbose_name) if model is not None else str(entry.content_type)


def entry_action(entry: LogEntry) -> str:
    """新建, 修改, 删除 or 查看."""
    return str(ACTION_LABELS.get(entry.action, entry.action))


def detail_text(event: AuditEvent) -> str:
    """An audit event's details as JSON with the Chinese left readable."""
    return json.dumps(event.detail, ensure_ascii=False) if event.detail else ""


class UserTable(tables.Table):
    """Users, their roles and status."""

    username = tables.LinkColumn("accounts:user_detail", args=[tables.A("pk")], verbose_name=_("用户名"))
    full_name = tables.Column(verbose_name=_("姓名"))
    roles = tables.Column(verbose_name=_("角色"), empty_values=(), orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("有效"))
    last_login = tables.DateTimeColumn(verbose_name=_("最近登录"), format="Y-m-d H:i")
    date_joined = tables.DateTimeColumn(verbose_name=_("创建时间"), format="Y-m-d")

    class Meta:
        model = User
        fields = ("username", "full_name", "roles", "is_active", "last_login", "date_joined")
        attrs = stacked_table("user-table")
        order_by = ("username",)

    def render_roles(self, record: User) -> str:
        return user_roles_text(record)


def user_roles_text(user: User) -> str:
    """The user's active roles, with where they hold them."""
    memberships = [m for m in user.memberships.all() if m.is_active]
    parts = []
    for m in memberships:
        where = m.park or m.zone
        parts.append(f"{m.get_role_display()}({where})" if where else str(m.get_role_display()))
    return joined(parts) or _EMPTY


class MembershipTable(tables.Table):
    """A user's role grants, active and revoked."""

    role = tables.Column(verbose_name=_("角色"))
    where = tables.Column(verbose_name=_("范围"), empty_values=(), orderable=False)
    is_active = tables.BooleanColumn(verbose_name=_("有效"))
    created_at = tables.DateTimeColumn(verbose_name=_("授予时间"), format="Y-m-d H:i")
    revoke = ActionsColumn(template_name="accounts/_membership_revoke.html", empty_values=())

    class Meta:
        model = Membership
        fields = ("role", "where", "is_active", "created_at", "revoke")
        # on a phone each grant is a card (the five columns made the whole page 423 px wide in English)
        attrs = stacked_table("membership-table")
        orderable = False

    def render_where(self, record: Membership) -> str:
        parts = [str(x) for x in (record.zone, record.park, record.department, record.enterprise) if x]
        return " / ".join(parts) or str(_("全平台"))


class AuditEventTable(tables.Table):
    """Audit events, newest first."""

    timestamp = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i:s")
    kind = tables.Column(verbose_name=_("事件"))
    result = tables.Column(verbose_name=_("结果"))
    username = tables.Column(verbose_name=_("用户"))
    object_repr = tables.Column(verbose_name=_("对象"), empty_values=())
    ip_address = tables.Column(verbose_name=_("IP 地址"))
    request_id = tables.Column(verbose_name=_("请求编号"))

    class Meta:
        model = AuditEvent
        fields = ("timestamp", "kind", "result", "username", "object_repr", "ip_address", "request_id")
        attrs = stacked_table("audit-table")

    def render_object_repr(self, record: AuditEvent) -> str:
        return record.object_repr or record.object_type or _EMPTY


class LogEntryTable(tables.Table):
    """Change-log entries with their before → after values."""

    timestamp = tables.DateTimeColumn(verbose_name=_("时间"), format="Y-m-d H:i:s")
    actor = tables.Column(verbose_name=_("操作人"), accessor="actor__username", default=_("系统"))
    cid = tables.Column(verbose_name=_("请求编号"))
    content_type = tables.Column(verbose_name=_("对象类型"), accessor="content_type")
    # Not sortable: the order of masked names would tell something about them.
    object_repr = tables.Column(verbose_name=_("对象"), orderable=False)
    action = tables.Column(verbose_name=_("操作"))
    changes = tables.Column(verbose_name=_("变更内容"), empty_values=(), orderable=False)

    class Meta:
        model = LogEntry
        fields = ("timestamp", "actor", "cid", "content_type", "object_repr", "action", "changes")
        # no row hover, as before (a change's rows of values are read, not picked)
        attrs = {**stacked_table("changelog-table"), "class": "table table-sm align-middle sp-stack-sm"}

    def render_content_type(self, record: LogEntry) -> str:
        return entry_type(record)

    def render_object_repr(self, record: LogEntry) -> str:
        return entry_object(record)

    def render_action(self, record: LogEntry) -> str:
        return entry_action(record)

    def render_changes(self, record: LogEntry) -> SafeString:
        rows = changes_readable(record)
        if not rows:
            return format_html("{}", _EMPTY)
        return format_html(
            '<ul class="list-unstyled mb-0 sp-diff">{}</ul>',
            format_html_join(
                "",
                "<li>{}: <del>{}</del> → <ins>{}</ins></li>",
                ((f, b or _EMPTY, a or _EMPTY) for f, b, a in rows),
            ),
        )


class TokenTable(tables.Table):
    """Everyone's API tokens for the security admin: who holds which, how long, last use — never the token."""

    user = tables.LinkColumn(
        "accounts:user_detail",
        args=[tables.A("user_id")],
        accessor="user__username",
        verbose_name=_("持有人"),
    )
    name = tables.Column(verbose_name=_("名称"))
    key_prefix = tables.Column(verbose_name=_("令牌前缀"))
    read_only = tables.BooleanColumn(verbose_name=_("只读"))
    created_at = tables.DateTimeColumn(verbose_name=_("创建时间"), format="Y-m-d H:i")
    expires_at = tables.DateTimeColumn(verbose_name=_("到期时间"), format="Y-m-d H:i")
    last_used_at = tables.DateTimeColumn(verbose_name=_("最近使用"), format="Y-m-d H:i")
    state = tables.Column(verbose_name=_("状态"), empty_values=(), orderable=False)
    revoke = ActionsColumn(template_name="accounts/_token_revoke.html", empty_values=())

    class Meta:
        model = PersonalToken
        fields = (
            "user",
            "name",
            "key_prefix",
            "read_only",
            "created_at",
            "expires_at",
            "last_used_at",
            "state",
            "revoke",
        )
        attrs = stacked_table("token-table")
        empty_text = _("没有符合条件的接口令牌。")

    def render_key_prefix(self, value: str) -> str:
        return f"{value}…"

    def render_state(self, record: PersonalToken) -> str:
        if record.revoked_at is not None:
            return f"{record.state}({record.get_revoke_reason_display()})"
        return record.state

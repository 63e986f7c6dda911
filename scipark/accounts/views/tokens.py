"""The security admin's view of the API tokens (三员: 安全管理员): everyone's, listed and revocable.

The list shows holder, name, the first characters, lifetime and last use; the tokens themselves are
never stored, so nobody — the security admin included — can read one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core.access import Action, Domain
from scipark.core.views import ObjectListView, ServiceActionView

from .. import tokens
from ..filters import TokenFilter
from ..models import PersonalToken
from ..tables import TokenTable


class TokenListView(ObjectListView):
    """Every personal access token of the platform, newest first: search, filter by state, export."""

    model = PersonalToken
    domain = Domain.ACCOUNTS
    table_class = TokenTable
    filterset_class = TokenFilter
    title = gettext_lazy("接口令牌")
    export_filename = "api-tokens"
    export_columns = (
        (gettext_lazy("持有人"), "user.username"),
        (gettext_lazy("名称"), "name"),
        (gettext_lazy("令牌前缀"), "key_prefix"),
        (gettext_lazy("只读"), "read_only"),
        (gettext_lazy("创建时间"), "created_at"),
        (gettext_lazy("到期时间"), "expires_at"),
        (gettext_lazy("最近使用"), "last_used_at"),
        (gettext_lazy("状态"), "state"),
        (gettext_lazy("吊销原因"), "revoke_reason"),
    )

    def get_queryset(self) -> QuerySet[PersonalToken]:
        return PersonalToken.objects.restrict(self.request.user, Action.VIEW).select_related("user")

    def export_value(self, obj: Any, accessor: str) -> Any:
        if accessor == "read_only":
            return _("是") if obj.read_only else _("否")
        return super().export_value(obj, accessor)


class TokenAdminRevokeView(ServiceActionView):
    """Revoke someone's token (POST): it stops working at once; the holder may make a new one."""

    domain = Domain.ACCOUNTS
    object_model = PersonalToken
    action = Action.DELETE

    def perform(self, request: HttpRequest, obj: Any) -> str:
        tokens.token_revoke(
            token=obj, actor=request.user, reason=PersonalToken.RevokeReason.SECURITY_ADMIN, request=request
        )
        return _("已吊销 %(holder)s 的接口令牌“%(name)s”。") % {
            "holder": obj.user.get_username(),
            "name": obj.name,
        }

    def get_success_url(self, obj: Any) -> str:
        return reverse("accounts:token_list")

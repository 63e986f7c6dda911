from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class AccountsConfig(contributions.ModuleConfig):
    name = "scipark.accounts"
    label = "accounts"
    verbose_name = _("账号与角色")
    testing = "scipark.accounts.testing"
    menu_items = (
        MenuItem(_("账号管理"), "accounts:user_list", Domain.ACCOUNTS, icon="bi-people", order=900),
        MenuItem(_("接口令牌"), "accounts:token_list", Domain.ACCOUNTS, icon="bi-key", order=905),
        MenuItem(_("审计日志"), "accounts:audit_log", Domain.AUDIT, icon="bi-journal-text", order=910),
        MenuItem(_("变更记录"), "accounts:change_log", Domain.AUDIT, icon="bi-clock-history", order=920),
    )

    def ready(self) -> None:
        from . import signals  # noqa: F401

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class ReportsConfig(contributions.ModuleConfig):
    name = "scipark.reports"
    label = "reports"
    verbose_name = _("报表与年度总结")
    menu_items = (
        MenuItem(_("年度数据"), "reports:figures", Domain.REPORTS, icon="bi-clipboard-data", order=90),
    )

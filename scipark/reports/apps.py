from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import Audience, MenuItem
from scipark.core.roles import Role


class ReportsConfig(contributions.ModuleConfig):
    name = "scipark.reports"
    label = "reports"
    verbose_name = _("报表与年度总结")
    menu_items = (
        # The leader's first page: the home page sends a leader here (``home_pages`` below).
        MenuItem(
            _("领导驾驶舱"),
            "reports:cockpit",
            Domain.REPORTS,
            icon="bi-speedometer2",
            order=1,
            roles=frozenset({Role.PARK_LEADER}),
        ),
        MenuItem(
            _("园区对比驾驶舱"),
            "reports:zone",
            Domain.REPORTS,
            icon="bi-grid-3x2-gap",
            order=1,
            roles=frozenset({Role.ZONE_VIEWER}),
        ),
        MenuItem(
            _("指标预警"),
            "reports:alerts",
            Domain.REPORTS,
            icon="bi-bell",
            order=2,
            audience=Audience.STAFF,
            roles=frozenset({Role.PARK_LEADER, Role.DEPARTMENT_STAFF}),
        ),
        MenuItem(
            _("年度工作总结"),
            "reports:summary",
            Domain.REPORTS,
            icon="bi-file-earmark-word",
            order=89,
            audience=Audience.STAFF,
            roles=frozenset({Role.PARK_LEADER, Role.DEPARTMENT_STAFF}),
        ),
        MenuItem(_("年度数据"), "reports:figures", Domain.REPORTS, icon="bi-clipboard-data", order=90),
    )
    testing = "scipark.reports.testing"
    demo_steps = ("scipark.reports.demo.ReportsStep",)
    workbench_todos = ("scipark.reports.workbench.todos",)
    workbench_figures = ("scipark.reports.workbench.key_figures",)
    # A leader lands on the cockpit, a zone viewer on the parks side by side (issue 14, item 2).
    home_pages = MappingProxyType({Role.PARK_LEADER: "reports:cockpit", Role.ZONE_VIEWER: "reports:zone"})

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Action, Domain
from scipark.core.navigation import Audience, MenuItem


class EconomyConfig(contributions.ModuleConfig):
    name = "scipark.economy"
    label = "economy"
    verbose_name = _("经济运行")
    figures = ("scipark.economy.figures",)
    testing = "scipark.economy.testing"
    importers = ("scipark.economy.importers.MonthlyReturnImporter",)
    profile_panels = ("scipark.economy.profile.panel",)
    demo_steps = ("scipark.economy.demo.EconomyStep",)
    workbench_todos = ("scipark.economy.workbench.todos",)
    # Staff pages are for the park's people; 我的月报 is the enterprise users' portal.
    menu_items = (
        MenuItem(_("经济运行"), "economy:dashboard", Domain.REPORTS, icon="bi-graph-up-arrow", order=30),
        MenuItem(
            _("月度报表"),
            "economy:return_list",
            Domain.ECONOMY,
            audience=Audience.STAFF,
            icon="bi-table",
            action=Action.EXPORT,
            order=31,
        ),
        MenuItem(
            _("我的月报"),
            "economy:portal",
            Domain.ECONOMY,
            icon="bi-pencil-square",
            action=Action.ADD,
            order=32,
            audience=Audience.ENTERPRISE,
        ),
        MenuItem(
            _("规上培育"),
            "economy:pipeline",
            Domain.ECONOMY,
            audience=Audience.STAFF,
            icon="bi-ladder",
            action=Action.EXPORT,
            order=33,
        ),
        MenuItem(
            _("指标与目标"),
            "economy:target_list",
            Domain.ECONOMY,
            audience=Audience.STAFF,
            icon="bi-bullseye",
            action=Action.EXPORT,
            order=34,
        ),
        # The catalogue every park shares is platform configuration: its keeper's page.
        MenuItem(
            _("指标目录维护"),
            "economy:indicator_keep",
            Domain.CONFIG,
            icon="bi-journal-text",
            action=Action.CHANGE,
            order=36,
        ),
        MenuItem(
            _("固定资产投资"),
            "economy:project_list",
            Domain.ECONOMY,
            audience=Audience.STAFF,
            icon="bi-cone-striped",
            action=Action.EXPORT,
            order=35,
        ),
    )

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects to the registry's status signal)

from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class EnvironmentConfig(contributions.ModuleConfig):
    name = "scipark.environment"
    label = "environment"
    verbose_name = _("生态环境监管")
    figures = ("scipark.environment.figures",)
    testing = "scipark.environment.testing"
    profile_panels = ("scipark.environment.profile.panel",)
    workbench_todos = ("scipark.environment.workbench.todos",)
    demo_steps = ("scipark.environment.demo.EnvironmentStep",)
    importers = (
        "scipark.environment.importers.FindingImporter",
        "scipark.environment.importers.BoilerImporter",
    )
    # The network import's runs (``tasks.KIND``) end with segments, points and metres on its own page.
    run_pages = MappingProxyType({"import:environment_network": "environment:network_import"})
    menu_items = (
        MenuItem(_("生态环境"), "environment:dashboard", Domain.ENVIRONMENT, icon="bi-tree", order=70),
        MenuItem(
            _("督察整改台账"),
            "environment:finding_list",
            Domain.ENVIRONMENT,
            icon="bi-clipboard-check",
            order=71,
        ),
        MenuItem(_("锅炉低氮改造"), "environment:boiler_list", Domain.ENVIRONMENT, icon="bi-fire", order=72),
        MenuItem(_("地下管网一张图"), "environment:map", Domain.ENVIRONMENT, icon="bi-map", order=73),
        MenuItem(
            _("绿色认证"), "environment:certification_list", Domain.ENVIRONMENT, icon="bi-award", order=74
        ),
        MenuItem(
            _("能效对标"), "environment:energy", Domain.ENVIRONMENT, icon="bi-lightning-charge", order=75
        ),
    )

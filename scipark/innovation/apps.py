from types import MappingProxyType

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Action, Domain
from scipark.core.navigation import Audience, MenuItem


class InnovationConfig(contributions.ModuleConfig):
    name = "scipark.innovation"
    label = "innovation"
    verbose_name = _("科技创新与梯次培育")
    figures = ("scipark.innovation.figures",)
    testing = "scipark.innovation.testing"
    profile_panels = ("scipark.innovation.profile.panel",)
    workbench_todos = ("scipark.innovation.workbench.todos",)
    demo_steps = ("scipark.innovation.demo.InnovationStep",)
    importers = tuple(
        f"scipark.innovation.importers.{name}Importer"
        for name in ("Patent", "Achievement", "Expert", "Talent", "Demand", "Platform", "Equipment", "Policy",
                     "Institution", "Provider")
    )  # fmt: skip
    # The park's re-evaluation is followed on its own page (its summary and list under the run).
    run_pages = MappingProxyType({"innovation:evaluate_tiers": "innovation:evaluation_list"})
    # The park's staff work from the dashboard and lists; an enterprise user fills its own archive.
    menu_items = (
        MenuItem(_("科技创新"), "innovation:dashboard", Domain.INNOVATION, icon="bi-lightbulb", order=40, audience=Audience.STAFF),
        MenuItem(_("科技档案"), "innovation:archive_list", Domain.INNOVATION, icon="bi-journal-text", order=41, audience=Audience.STAFF),
        MenuItem(_("科技服务库"), "innovation:library_index", Domain.INNOVATION, icon="bi-collection", order=42, audience=Audience.STAFF),
        MenuItem(_("孵化载体"), "innovation:incubator_list", Domain.INNOVATION, icon="bi-building", order=43, audience=Audience.STAFF),
        MenuItem(_("梯度培育测评"), "innovation:evaluation_list", Domain.INNOVATION, icon="bi-bar-chart-steps", order=44, audience=Audience.STAFF),
        MenuItem(_("培育规则"), "innovation:rule_list", Domain.INNOVATION, icon="bi-ladder", order=45, audience=Audience.STAFF, settings=True),
        MenuItem(_("我的科技档案"), "innovation:portal", Domain.INNOVATION, icon="bi-pencil-square", action=Action.ADD, order=42, audience=Audience.ENTERPRISE),
    )  # fmt: skip

    def ready(self) -> None:
        from . import receivers

        receivers.connect()

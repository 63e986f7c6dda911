from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class AllianceConfig(contributions.ModuleConfig):
    name = "scipark.alliance"
    label = "alliance"
    verbose_name = _("产业链党建联盟")
    figures = ("scipark.alliance.figures",)
    testing = "scipark.alliance.testing"
    profile_panels = ("scipark.alliance.profile.panel",)
    demo_steps = ("scipark.alliance.demo.AllianceStep",)
    menu_items = (
        MenuItem(_("产业链党建联盟"), "alliance:home", Domain.SERVICE, icon="bi-diagram-3", order=60),
        MenuItem(_("需求清单"), "alliance:need_list", Domain.SERVICE, icon="bi-megaphone", order=61),
        MenuItem(_("资源清单"), "alliance:resource_list", Domain.SERVICE, icon="bi-box-seam", order=62),
        MenuItem(_("项目清单"), "alliance:action_list", Domain.SERVICE, icon="bi-kanban", order=63),
    )

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class ParksConfig(contributions.ModuleConfig):
    name = "scipark.parks"
    label = "parks"
    verbose_name = _("开发区与园区")
    menu_items = (MenuItem(_("园区"), "parks:park_list", Domain.PARKS, icon="bi-buildings", order=10),)

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import Audience, MenuItem


class Open311Config(contributions.ModuleConfig):
    name = "scipark.open311"
    label = "open311"
    verbose_name = _("Open311 接口")
    testing = "scipark.open311.testing"
    menu_items = (
        MenuItem(
            _("Open311 客户端"),
            "open311:client_list",
            Domain.SERVICE,
            icon="bi-key",
            order=49,
            audience=Audience.STAFF,
            settings=True,
        ),
        MenuItem(
            _("Open311 服务属性"),
            "open311:attribute_list",
            Domain.SERVICE,
            icon="bi-ui-checks",
            order=50,
            audience=Audience.STAFF,
            settings=True,
        ),
    )
    demo_steps = ("scipark.open311.demo.Open311Step",)

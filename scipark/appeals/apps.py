from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import Audience, MenuItem


class AppealsConfig(contributions.ModuleConfig):
    name = "scipark.appeals"
    label = "appeals"
    verbose_name = _("企业诉求")
    figures = ("scipark.appeals.figures",)
    testing = "scipark.appeals.testing"
    demo_steps = ("scipark.appeals.demo.AppealsStep",)
    workbench_todos = ("scipark.appeals.workbench.todos",)
    profile_panels = ("scipark.appeals.profile.panel",)
    menu_items = (
        MenuItem(_("企业诉求"), "appeals:appeal_list", Domain.SERVICE, icon="bi-chat-square-text", order=50),
        MenuItem(
            _("诉求统计"),
            "appeals:statistics",
            Domain.SERVICE,
            icon="bi-bar-chart",
            order=51,
            audience=Audience.STAFF,
        ),
        MenuItem(
            _("企业走访"),
            "appeals:visit_list",
            Domain.SERVICE,
            icon="bi-signpost-2",
            order=52,
            audience=Audience.STAFF,
        ),
        MenuItem(
            _("诉求类别"),
            "appeals:category_list",
            Domain.SERVICE,
            icon="bi-list-check",
            order=53,
            audience=Audience.STAFF,
            settings=True,
        ),
        MenuItem(
            _("节假日与调休"),
            "appeals:calendar",
            Domain.SERVICE,
            icon="bi-calendar3",
            order=54,
            audience=Audience.STAFF,
            settings=True,
        ),
        # The national calendar is platform configuration: the system administrator keeps it (ADR 0007).
        MenuItem(
            _("节假日维护"),
            "appeals:calendar_keep",
            Domain.CONFIG,
            icon="bi-calendar-check",
            order=800,
            settings=True,
        ),
    )

from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import MenuItem


class EventsConfig(contributions.ModuleConfig):
    name = "scipark.events"
    label = "events"
    verbose_name = _("活动与招聘会")
    figures = ("scipark.events.figures",)
    testing = "scipark.events.testing"
    profile_panels = ("scipark.events.profile.panel",)
    demo_steps = ("scipark.events.demo.EventsStep",)
    menu_items = (
        MenuItem(_("活动与招聘会"), "events:event_list", Domain.SERVICE, icon="bi-calendar-event", order=65),
        MenuItem(_("活动岗位"), "events:post_list", Domain.SERVICE, icon="bi-person-badge", order=66),
        MenuItem(_("活动统计"), "events:stats", Domain.SERVICE, icon="bi-bar-chart", order=67),
    )

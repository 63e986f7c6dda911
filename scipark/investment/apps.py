from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import Audience, MenuItem


class InvestmentConfig(contributions.ModuleConfig):
    name = "scipark.investment"
    label = "investment"
    verbose_name = _("招商引资与企业融资")
    figures = ("scipark.investment.figures",)
    demo_steps = ("scipark.investment.demo.InvestmentStep",)
    importers = ("scipark.investment.importers.ProjectImporter", "scipark.investment.importers.LoanImporter")
    testing = "scipark.investment.testing"
    profile_panels = ("scipark.investment.profile.panel",)
    workbench_todos = ("scipark.investment.workbench.todos",)
    # The pipeline and the funds are for the park's people; enterprises see only their financing records.
    menu_items = (
        MenuItem(_("招商工作台"), "investment:dashboard", Domain.INVESTMENT, icon="bi-speedometer2", order=30, audience=Audience.STAFF),
        MenuItem(_("招商项目"), "investment:project_list", Domain.INVESTMENT, icon="bi-briefcase", order=31, audience=Audience.STAFF),
        MenuItem(_("项目看板"), "investment:board", Domain.INVESTMENT, icon="bi-kanban", order=32, audience=Audience.STAFF),
        MenuItem(_("投资基金"), "investment:fund_list", Domain.INVESTMENT, icon="bi-bank", order=33, audience=Audience.STAFF),
        MenuItem(_("招商设置"), "investment:settings", Domain.INVESTMENT, icon="bi-sliders", order=37, audience=Audience.STAFF, settings=True),
        MenuItem(_("企业贷款"), "investment:loan_list", Domain.INVESTMENT, icon="bi-cash-coin", order=34),
        MenuItem(_("挂牌上市"), "investment:listing_list", Domain.INVESTMENT, icon="bi-graph-up-arrow", order=35),
        MenuItem(_("股权融资"), "investment:round_list", Domain.INVESTMENT, icon="bi-pie-chart", order=36),
    )  # fmt: skip

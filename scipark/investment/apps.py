from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class InvestmentConfig(contributions.ModuleConfig):
    name = "scipark.investment"
    label = "investment"
    verbose_name = _("招商引资与企业融资")
    figures = ("scipark.investment.figures",)
    demo_steps = ("scipark.investment.demo.InvestmentStep",)

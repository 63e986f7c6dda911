from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class EnvironmentConfig(contributions.ModuleConfig):
    name = "scipark.environment"
    label = "environment"
    verbose_name = _("生态环境监管")
    figures = ("scipark.environment.figures",)
    testing = "scipark.environment.testing"
    demo_steps = ("scipark.environment.demo.EnvironmentStep",)

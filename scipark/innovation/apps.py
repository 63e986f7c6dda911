from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class InnovationConfig(contributions.ModuleConfig):
    name = "scipark.innovation"
    label = "innovation"
    verbose_name = _("科技创新与梯次培育")

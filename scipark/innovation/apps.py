from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class InnovationConfig(contributions.ModuleConfig):
    name = "scipark.innovation"
    label = "innovation"
    verbose_name = _("科技创新与梯次培育")
    figures = ("scipark.innovation.figures",)
    demo_steps = ("scipark.innovation.demo.InnovationStep",)

    def ready(self) -> None:
        from . import receivers

        receivers.connect()

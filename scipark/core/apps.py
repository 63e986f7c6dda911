from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class CoreConfig(contributions.ModuleConfig):
    name = "scipark.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        from . import changelog  # noqa: F401  (connects the append-only guards)

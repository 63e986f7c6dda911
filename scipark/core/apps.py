from django.utils.translation import gettext_lazy as _

from scipark.core import contributions


class CoreConfig(contributions.ModuleConfig):
    name = "scipark.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self) -> None:
        # Imported here: the change log module reaches django-auditlog's models, which load after this file.
        from .changelog import business_models, register

        # Every business model of every scipark app is logged unless it declares otherwise (ADR 0004).
        register(business_models())

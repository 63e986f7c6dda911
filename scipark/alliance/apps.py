from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "scipark.alliance"
    label = "alliance"
    verbose_name = _("产业链党建联盟")

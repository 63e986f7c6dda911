from django.utils.translation import gettext_lazy as _

from scipark.core import contributions
from scipark.core.access import Domain
from scipark.core.navigation import Audience, MenuItem


class EnterprisesConfig(contributions.ModuleConfig):
    name = "scipark.enterprises"
    label = "enterprises"
    verbose_name = _("企业名录")
    importers = ("scipark.enterprises.importers.EnterpriseImporter",)
    profile_panels = ("scipark.enterprises.profile.panel",)
    menu_items = (
        MenuItem(
            _("企业名录"), "enterprises:enterprise_list", Domain.ENTERPRISES, icon="bi-building", order=20
        ),
        MenuItem(
            _("企业标签"),
            "enterprises:tag_list",
            Domain.ENTERPRISES,
            icon="bi-tags",
            order=21,
            audience=Audience.STAFF,
            settings=True,
        ),
    )

    def import_models(self) -> None:
        super().import_models()
        # The per-park enterprise counts (a model of its own module: the registry's list counts).
        from . import counts  # noqa: F401

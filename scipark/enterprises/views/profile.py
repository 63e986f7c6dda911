"""企业画像: one page that gathers what the viewer may see of an enterprise across the modules (issue 10).

The page imports no module: each app contributes a panel under ``profile_panels`` on its ``AppConfig``
(``core.contributions``), reading through its own selectors with the viewer, so every panel shows exactly
what the viewer sees on that module's own pages. The enterprise itself is looked up as on its registry
page: out of reach → 404, a role without the registry (a zone viewer) → 403.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from scipark.core.contributions import profile_panels_for

from ..models import Enterprise
from .registry import EnterprisePage


class EnterpriseProfileView(EnterprisePage):
    """企业画像: the registry's data and each module's panel for one enterprise."""

    template_name = "enterprises/enterprise_profile.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        enterprise: Enterprise = self.object
        context.update(
            title=_("%(name)s · 企业画像") % {"name": enterprise.name},
            panels=profile_panels_for(self.request.user, enterprise),
        )
        return context

"""Names of other enterprises on shared pages: shown only to readers who may see them in the registry.

Alliance lists and chain tables, and an event's participant list, show enterprises side by side to
readers of different reach. DESIGN.md gives an enterprise user only its own enterprise's records, so
another enterprise appears under a neutral label of the page (“联盟成员企业”, “参会企业”) unless the
reader reaches it in the registry; counts are shown to all. The people of such an enterprise (its party
secretary …) are not named either. This module is the one place that decides; pages hand it the
enterprises and the label.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy

from . import access

#: How a person of an enterprise the reader may not see is written.
UNNAMED_PERSON = gettext_lazy("(不公开)")


class EnterpriseNames:
    """One reader's view of enterprise names: the name where the registry lets them see it, else ``label``.

    ``label`` is the page's term for an unnamed enterprise (pass a translated string). Which enterprises
    are visible is asked of ``core.access`` once per batch (:meth:`prime`), then remembered.
    """

    def __init__(self, user: Any, label: str) -> None:
        self.user = user
        self.label = label
        self._visible: dict[int, bool] = {}

    def prime(self, enterprise_ids: Iterable[int | None]) -> None:
        """Look up, in one query, which of these enterprises the reader may see."""
        wanted = {e for e in enterprise_ids if e is not None and e not in self._visible}
        if not wanted:
            return
        enterprise = apps.get_model("enterprises", "Enterprise")
        seen = set(
            enterprise.objects.restrict(self.user, access.Action.VIEW)
            .filter(pk__in=wanted)
            .values_list("pk", flat=True)
        )
        for pk in wanted:
            self._visible[pk] = pk in seen

    def visible(self, enterprise_id: int | None) -> bool:
        """Whether the reader may see this enterprise (no enterprise hides nothing)."""
        if enterprise_id is None:
            return True
        if enterprise_id not in self._visible:
            self.prime([enterprise_id])
        return self._visible[enterprise_id]

    def name(self, enterprise: Any) -> str:
        """The enterprise's name for this reader: its own name, or the page's label."""
        if enterprise is None:
            return ""
        return str(enterprise.name) if self.visible(enterprise.pk) else self.label

    def person(self, enterprise_id: int | None, name: str) -> str:
        """A person who acts for an enterprise (its party secretary, a contact): named only to readers who
        see the enterprise, else :data:`UNNAMED_PERSON` — a masked enterprise must not be recognisable by
        its people. A person of no enterprise (a department's) is named."""
        if not name:
            return ""
        return name if self.visible(enterprise_id) else str(UNNAMED_PERSON)

"""Tables of the parks app's list pages."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from scipark.core.tables import FIGURE, stacked_table

from .models import Park


class ParkTable(tables.Table):
    """Parks, with their zone and (for roles that read aggregates) the number of enterprises."""

    name = tables.Column(linkify=("parks:park_detail", {"pk": tables.A("pk")}), verbose_name=_("名称"))
    zone = tables.Column(verbose_name=_("开发区"))
    enterprise_count = tables.Column(verbose_name=_("企业数"), attrs=FIGURE)

    class Meta:
        model = Park
        fields = ("name", "short_name", "code", "zone", "address", "enterprise_count")
        attrs = stacked_table("park-table")
        empty_text = _("没有可查看的园区。")

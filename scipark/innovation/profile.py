"""Innovation's panel of 企业画像: the tech archive, the tiers the enterprise holds, its intellectual property."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel
from scipark.core.terms import joined

from .models import IntellectualProperty, TechArchive, TierCertificate


def panel(user: Any, enterprise: Any) -> Panel | None:
    """科技创新与梯次培育: the latest archive, the certificates in force and the IP held by kind."""
    if not access.has_permission(user, access.Domain.INNOVATION, access.Action.VIEW):
        return None
    today = timezone.localdate()
    archives = TechArchive.objects.restrict(user, access.Action.VIEW).filter(enterprise=enterprise)
    archive = archives.order_by("-year").first()
    certificates = tuple(
        TierCertificate.objects.restrict(user, access.Action.VIEW)
        .filter(enterprise=enterprise)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .order_by("-granted_on", "-pk")
    )
    kinds = dict(IntellectualProperty.Kind.choices)
    held = (
        IntellectualProperty.objects.restrict(user, access.Action.VIEW)
        .filter(enterprise=enterprise)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    return Panel(
        title=_("科技创新与梯次培育"),
        template="innovation/profile/_panel.html",
        facts=(
            (_("科技档案"), f"{archive.year} · {archive.get_state_display()}" if archive else _("未填报")),
            (_("研发人员数"), archive.rd_staff if archive else None),
            (_("知识产权"), joined(f"{kinds.get(row['kind'], row['kind'])} {row['n']}" for row in held)),
        ),
        rows=certificates,
        link=f"{reverse('innovation:archive_list')}?{urlencode({'q': enterprise.name})}",
        link_label=_("科技档案"),
        extra={"ladder": reverse("innovation:enterprise_profile", args=[enterprise.pk])},
        order=60,
        slug="innovation",
    )

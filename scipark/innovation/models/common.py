"""Field helpers and choices shared by the innovation models."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def money_field(label: Any, **kwargs: Any) -> Any:
    """An amount in 元 (two places), never negative."""
    return models.DecimalField(
        label, max_digits=18, decimal_places=2, validators=[MinValueValidator(Decimal(0))], **kwargs
    )


class Level(models.TextChoices):
    """The level of a recognition, platform or agreement."""

    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    PARK = "park", _("园区级")


class Tier(models.TextChoices):
    """The cultivation ladder (梯次培育), lowest first (DOMAIN.md §3)."""

    TECH_SME = "tech_sme", _("科技型中小企业")
    INNOVATIVE_SME = "innovative_sme", _("创新型中小企业")
    SPECIALISED = "specialised", _("专精特新中小企业")
    HIGH_TECH = "high_tech", _("高新技术企业")
    LITTLE_GIANT = "little_giant", _("专精特新“小巨人”")
    TECH_GIANT = "tech_giant", _("科技小巨人")


#: The ladder in order (科技型 → 创新型 → 专精特新 → 高企 → 小巨人 → 科技小巨人).
LADDER: tuple[str, ...] = tuple(Tier.values)

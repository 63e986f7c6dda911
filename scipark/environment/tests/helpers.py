"""Rows the environment tests build for themselves (independent of the route samples' own campaigns)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scipark.environment.models import Campaign, CampaignRound, CampaignTarget


def campaign_with_round(
    park: Any, enterprise: Any, *, kind: str = "water_monitoring"
) -> tuple[Campaign, CampaignTarget, CampaignRound]:
    """A 2023 campaign of ``kind`` whose one target is ``enterprise``, with a round in April–June."""
    campaign = Campaign.objects.create(park=park, kind=kind, year=2023, title=f"{enterprise.name}检查")
    target = CampaignTarget.objects.create(
        park=park, campaign=campaign, enterprise=enterprise, joined_on=dt.date(2023, 1, 1)
    )
    rnd = CampaignRound.objects.create(
        park=park, campaign=campaign, number=1, starts_on=dt.date(2023, 4, 1), ends_on=dt.date(2023, 6, 30)
    )
    return campaign, target, rnd

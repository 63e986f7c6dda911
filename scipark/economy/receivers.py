"""What the economy does when the registry below it announces a change (connected in ``apps.ready``).

The enterprise registry does not import the economy (DESIGN.md: domain apps depend downward); it sends
``enterprises.signals.enterprise_status_changed`` from its status services inside their transaction,
and the aggregates follow here, so that an above-scale status added or ended anywhere (a scale decision,
the registry's page, its API) keeps ``MonthlyAggregate`` equal to a rebuild; so does an enterprise moved to
another industry (or park) by the registry's update or its import (``enterprise_classified``).
"""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from scipark.enterprises.models import Enterprise, EnterpriseStatus
from scipark.enterprises.signals import enterprise_classified, enterprise_status_changed

from . import aggregates


@receiver(enterprise_status_changed, sender=EnterpriseStatus, dispatch_uid="economy.aggregates.status")
def status_changed(
    sender: type[EnterpriseStatus],
    *,
    enterprise_id: int,
    kind: str,
    before: aggregates.Validity | None,
    after: aggregates.Validity | None,
    **kwargs: Any,
) -> None:
    """Move the enterprise's above-scale contributions from its old status history to the new one."""
    aggregates.apply_status_change(enterprise_id, kind, before, after)


@receiver(enterprise_classified, sender=Enterprise, dispatch_uid="economy.aggregates.classified")
def classified(sender: type[Enterprise], *, enterprise_ids: list[int], **kwargs: Any) -> None:
    """Move the enterprises' figures to the park and industry division each is in now (their whole
    history), in one pass."""
    aggregates.apply_enterprise_moves(enterprise_ids)

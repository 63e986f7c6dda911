"""Demo step: the daily evaluation of the indicator alerts run once over the demo's parks (so the alert
list and the leaders' inboxes show what the records give today), and the wipe of what reports keeps —
summary documents, narratives and alerts point at parks and users, which earlier steps' wipes delete.
Runs last (after every module's records) and is wiped first."""

from __future__ import annotations

from typing import ClassVar

from django.utils import timezone

from scipark.demo import seed
from scipark.demo.builder import DemoContext

from .alert_services import alerts_evaluate
from .models import Alert, Narrative, SummaryIssue


class ReportsStep:
    """指标预警 for the demo's parks; reports' own rows wiped before the parks go."""

    name: ClassVar[str] = "reports"
    order: ClassVar[int] = 1000

    def build(self, ctx: DemoContext) -> None:
        today = timezone.localdate()
        for park in ctx.parks.values():
            alerts_evaluate(park=park, today=today)

    def wipe(self, ctx: DemoContext) -> None:
        codes = [p.code for p in seed.PARKS]
        Alert.objects.filter(park__code__in=codes).delete()
        Narrative.objects.filter(park__code__in=codes).delete()
        for issue in SummaryIssue.objects.filter(park__code__in=codes):
            issue.file.delete(save=False)
            issue.delete()

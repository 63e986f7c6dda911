"""The leader cockpit's alerts, each read from the owning module's selectors within the viewer's reach:
indicators behind time progress, missing monthly returns and the reporting rate (economy), overdue appeals
(appeals), overdue findings (environment), stuck projects (investment), expiring certificates (innovation).

An alert names records (enterprises, appeals) only for a viewer who reaches them: the selectors restrict
to the user, and zone viewers are never shown this list (the zone cockpit has aggregates only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from scipark.appeals import selectors as appeals
from scipark.core.terms import year_month_label
from scipark.economy import kpi
from scipark.economy import selectors as economy
from scipark.environment import selectors as environment
from scipark.innovation import selectors as innovation
from scipark.investment import selectors as investment

SHOWN = 5  # records listed under an alert; the link leads to the rest
DANGER, WARNING = "danger", "warning"


@dataclass(frozen=True)
class Item:
    text: str
    url: str = ""


@dataclass(frozen=True)
class Alert:
    """One alert of the cockpit: which department, how serious, what, and where to act."""

    department: str
    level: str  # "danger" or "warning"
    title: str
    count: int
    url: str = ""
    items: tuple[Item, ...] = field(default_factory=tuple)


def _rate(value: Decimal | None) -> str:
    return kpi.percent(value)


def target_alerts(user: Any, park: Any, period: dt.date) -> list[Alert]:
    """Annual targets whose completion is behind the time progress (economy's own warning levels)."""
    behind = [
        row
        for row in economy.target_progress_list(user=user, park=park, period=period)
        if row.alert in (kpi.Alert.WARNING, kpi.Alert.ALARM)
    ]
    if not behind:
        return []
    items = []
    for row in behind:
        if row.progress is not None:
            text = _("%(indicator)s:完成%(done)s,时间进度%(elapsed)s") % {
                "indicator": row.indicator.shown_name,
                "done": _rate(row.progress.completion),
                "elapsed": _rate(row.progress.time_progress),
            }
        else:
            actual = "—" if row.actual is None else f"{row.actual.quantize(Decimal('0.1'))}%"
            text = _("%(indicator)s:实际增速%(actual)s,目标%(target)s%%") % {
                "indicator": row.indicator.shown_name,
                "actual": actual,
                "target": row.target.value.normalize(),
            }
        items.append(Item(text))
    level = DANGER if any(r.alert == kpi.Alert.ALARM for r in behind) else WARNING
    return [
        Alert(
            _("经济发展"),
            level,
            ngettext(
                "%(count)s项指标落后于时间进度(%(period)s)",
                "%(count)s项指标落后于时间进度(%(period)s)",
                len(behind),
            )
            % {"count": len(behind), "period": kpi.cumulative_label((period.year, period.month))},
            len(behind),
            f"{reverse('economy:dashboard')}?park={park.pk}&year={period.year}&month={period.month}",
            tuple(items),
        )
    ]


def return_alerts(user: Any, park: Any, period: dt.date) -> list[Alert]:
    """Monthly returns not yet filed for the month being collected, with the reporting rate."""
    missing = economy.missing_returns(user=user, park=park, period=period)
    if not missing:
        return []
    expected = len(economy.expected_reporters([park.pk], period))
    filed = max(expected - len(missing), 0)
    rate = f"{filed / expected:.0%}" if expected else "—"
    return [
        Alert(
            _("经济发展"),
            WARNING,
            ngettext(
                "%(month)s月报未报%(count)s家,报送率%(rate)s",
                "%(month)s月报未报%(count)s家,报送率%(rate)s",
                len(missing),
            )
            % {"month": year_month_label(period.year, period.month), "count": len(missing), "rate": rate},
            len(missing),
            f"{reverse('economy:missing_returns')}?period={period:%Y-%m}",
            tuple(Item(m.enterprise_name) for m in missing[:SHOWN]),
        )
    ]


def appeal_alerts(user: Any, park: Any, today: dt.date) -> list[Alert]:
    """Open appeals past their deadline."""
    visible: Any = appeals.appeal_list(user).filter(park=park)  # typed as a plain QuerySet by the selector
    overdue = visible.overdue().order_by("due_at")
    count = overdue.count()
    if not count:
        return []
    return [
        Alert(
            _("企业服务"),
            DANGER,
            ngettext("%(count)s件诉求超期未办结", "%(count)s件诉求超期未办结", count) % {"count": count},
            count,
            f"{reverse('appeals:appeal_list')}?box=overdue",
            tuple(Item(f"{a.number} {a.title}", a.get_absolute_url()) for a in overdue[:SHOWN]),
        )
    ]


def finding_alerts(user: Any, park: Any, today: dt.date) -> list[Alert]:
    """Inspection findings past their rectification deadline."""
    overdue = environment.overdue(environment.finding_list(user=user).filter(park=park), today).order_by(
        "deadline"
    )
    count = overdue.count()
    if not count:
        return []
    return [
        Alert(
            _("生态环保"),
            DANGER,
            ngettext("%(count)s项督察问题超过整改期限", "%(count)s项督察问题超过整改期限", count)
            % {"count": count},
            count,
            reverse("environment:finding_list"),
            tuple(Item(f"{f.number} {f.title}", f.get_absolute_url()) for f in overdue[:SHOWN]),
        )
    ]


def project_alerts(user: Any, park: Any, today: dt.date) -> list[Alert]:
    """Investment projects that sat in their stage longer than the park's limit."""
    stuck = investment.overdue_projects(investment.project_list(user=user).filter(park=park), today)
    if not stuck:
        return []
    return [
        Alert(
            _("招商"),
            WARNING,
            ngettext("%(count)s个招商项目超期未推进", "%(count)s个招商项目超期未推进", len(stuck))
            % {"count": len(stuck)},
            len(stuck),
            reverse("investment:dashboard"),
            tuple(
                Item(
                    ngettext("%(name)s:超期%(days)s天", "%(name)s:超期%(days)s天", o.days_over)
                    % {"name": o.project.name, "days": o.days_over},
                    o.project.get_absolute_url(),
                )
                for o in stuck[:SHOWN]
            ),
        )
    ]


def certificate_alerts(user: Any, park: Any, today: dt.date) -> list[Alert]:
    """Tier certificates expiring soon (or just expired without renewal)."""
    expiring = innovation.expiring(user=user, park=park, today=today)
    count = expiring.count()
    if not count:
        return []
    return [
        Alert(
            _("科技创新"),
            WARNING,
            ngettext("%(count)s张资质证书即将到期", "%(count)s张资质证书即将到期", count) % {"count": count},
            count,
            "",
            tuple(
                Item(
                    _("%(enterprise)s %(tier)s:%(date)s到期")
                    % {
                        "enterprise": c.enterprise.name,
                        "tier": c.get_tier_display(),
                        "date": f"{c.expires_on:%Y-%m-%d}",
                    }
                )
                for c in expiring[:SHOWN]
            ),
        )
    ]


DAILY: tuple[Callable[[Any, Any, dt.date], list[Alert]], ...] = (
    appeal_alerts,
    finding_alerts,
    project_alerts,
    certificate_alerts,
)


def park_alerts(user: Any, park: Any, *, today: dt.date, period: dt.date, due: dt.date) -> list[Alert]:
    """Every alert for the park, the most serious first: targets at ``period`` (the latest month with
    data), returns of the ``due`` month, and what is overdue ``today``."""
    found = [*target_alerts(user, park, period), *return_alerts(user, park, due)]
    for source in DAILY:
        found += source(user, park, today)
    return sorted(found, key=lambda a: a.level != DANGER)

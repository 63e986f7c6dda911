"""S3 of FIGURES.md: the industry-chain party-building alliance and its three lists, from records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, gettext_noop

from scipark.core.figures import Figure, Source, figure

from .models import Category
from .selectors import alliance_year_summary, by_category

_IDS = 50  # ids listed per source for drill-down


def _ids(queryset: Any) -> tuple[int, ...]:
    return tuple(queryset.order_by("pk").values_list("pk", flat=True)[:_IDS])


def _label(code: str) -> str:
    return str(Category(code).label) if code in Category.values else code


@figure(
    "S3",
    title=gettext_noop("产业链党建联盟的领域与“三张清单”"),
    module="service",
    description=gettext_noop("2023年报道:传统医药、新型医药和康养医疗三个领域产业链党建联盟;“三张清单”"),
)
def alliance_and_lists(park: Any, year: int) -> Figure:
    """The value is the number of chains (领域); details count members by chain and segment and the lists."""
    summary = alliance_year_summary(park=park, year=year)
    if summary is None:  # no alliance, or founded after this year: missing, not 0
        return Figure(
            value=None,
            unit="个领域",
            basis=gettext("截至%(year)s年末园区尚未建立产业链党建联盟") % {"year": year},
            note=gettext("无联盟记录"),
        )
    needs, resources, actions = summary["needs"], summary["resources"], summary["actions"]
    met = summary["met_in_year"]
    y = {"year": year}
    details = {
        "alliance": summary["alliance"].name,
        "chains": summary["chains"],
        "party_orgs": summary["party_orgs"].count(),
        "lists": {
            "needs": needs.count(),
            "needs_raised_in_year": summary["needs_in_year"].count(),
            "needs_met_in_year": met.count(),
            "needs_by_category": by_category(needs, _label),
            "resources": resources.count(),
            "resources_by_category": by_category(resources, _label),
            "joint_actions": actions.count(),
            "joint_actions_done_in_year": summary["actions_done_in_year"].count(),
        },
    }
    return Figure(
        value=len(summary["chains"]),
        unit="个领域",
        basis=gettext(
            "截至%(year)s年末已成立的产业链(领域)数;"
            "清单截至%(year)s年末:需求按提出日期、资源按有效期起、项目按开始日期计"
        )
        % {"year": year},
        sources=(
            Source("alliance.Need", gettext("截至%(year)s-12-31提出的需求") % y, needs.count(), _ids(needs)),
            Source("alliance.Need", gettext("%(year)s年解决的需求") % y, met.count(), _ids(met)),
            Source(
                "alliance.Resource",
                gettext("截至%(year)s-12-31登记的资源") % y,
                resources.count(),
                _ids(resources),
            ),
            Source(
                "alliance.JointAction",
                gettext("截至%(year)s-12-31启动的联合项目") % y,
                actions.count(),
                _ids(actions),
            ),
        ),
        details=details,
    )

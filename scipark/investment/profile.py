"""Investment's panel of 企业画像: the projects that landed as the enterprise, its loans, listings and rounds."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from scipark.core import access
from scipark.core.contributions import Panel
from scipark.core.money import wan_figure

from . import selectors
from .models import EquityRound, Listing, Loan

#: Projects and loans the panel lists, newest first.
ROWS = 5


def panel(user: Any, enterprise: Any) -> Panel | None:
    """招商引资与企业融资: the pipeline's projects it became (staff only) and its financing records."""
    if not access.has_permission(user, access.Domain.INVESTMENT, access.Action.VIEW):
        return None
    projects = tuple(
        selectors.project_list(user=user).filter(enterprise=enterprise).order_by("-stage_since", "-pk")[:ROWS]
    )
    loans = selectors.financing_list(Loan, user=user).filter(enterprise=enterprise)
    loan_totals = loans.aggregate(count=Count("pk"), amount=Sum("amount"))
    listings = tuple(
        selectors.financing_list(Listing, user=user).filter(enterprise=enterprise).order_by("-listed_on")
    )
    rounds = selectors.financing_list(EquityRound, user=user).filter(enterprise=enterprise)
    round_totals = rounds.aggregate(count=Count("pk"), amount=Sum("amount"))
    return Panel(
        title=_("招商引资与企业融资"),
        template="investment/profile/_panel.html",
        facts=(
            # A count and a sum, as a list's column: two places (no loan sums to 0.00).
            (
                _("贷款(笔 / 万元)"),
                f"{loan_totals['count']} / {wan_figure(loan_totals['amount'] or 0, places=2)}",
            ),
            (
                _("股权融资(轮 / 万元)"),
                f"{round_totals['count']} / {wan_figure(round_totals['amount'] or 0, places=2)}",
            ),
            (_("挂牌上市"), "、".join(f"{x.exchange}{x.board}" for x in listings)),
        ),
        rows=projects,
        link=f"{reverse('investment:loan_list')}?{urlencode({'q': enterprise.name})}",
        link_label=_("企业贷款"),
        extra={
            "loans": [
                (loan, wan_figure(loan.amount, places=2))
                for loan in loans.order_by("-granted_on", "-pk")[:ROWS]
            ]
        },
        order=50,
        slug="investment",
    )

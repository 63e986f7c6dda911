"""Coverage of a 全覆盖 campaign and the outcome of a hazardous-waste inspection: plain values, no ORM.

Who is planned in a round: an enterprise in the target set on the round's last day (it joined on or before
that day and had not left by then), plus one that left during the round after it was visited. An
enterprise that left before a round ends without a visit is not owed one; one that joins during a round
is owed it. Coverage = planned pairs done / planned pairs; no planned pair → ``None`` (not 0% and not 100%).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from scipark.core.terms import joined


@dataclass(frozen=True)
class Membership:
    enterprise_id: int
    joined_on: dt.date
    left_on: dt.date | None = None

    def in_set_on(self, day: dt.date) -> bool:
        return self.joined_on <= day and (self.left_on is None or self.left_on > day)


@dataclass(frozen=True)
class Round:
    number: int
    starts_on: dt.date
    ends_on: dt.date


@dataclass(frozen=True)
class Coverage:
    planned: int
    done: int
    rate: Decimal | None  # done / planned, 0..1; None when nothing is planned
    missing: tuple[tuple[int, int], ...] = field(default=())  # (enterprise id, round number)


def coverage(
    members: Iterable[Membership], rounds: Iterable[Round], visits: Iterable[tuple[int, int, dt.date]]
) -> Coverage:
    """Coverage over ``rounds`` of the target set ``members``; ``visits`` are (enterprise, round, day)."""
    members = list(members)
    by_enterprise = {m.enterprise_id: m for m in members}
    rounds = list(rounds)
    visited: dict[tuple[int, int], dt.date] = {(e, r): day for e, r, day in visits}
    planned: set[tuple[int, int]] = set()
    for rnd in rounds:
        for m in members:
            if m.in_set_on(rnd.ends_on):
                planned.add((m.enterprise_id, rnd.number))
    for (enterprise_id, number), day in visited.items():
        member = by_enterprise.get(enterprise_id)
        if member is not None and member.in_set_on(day) and any(r.number == number for r in rounds):
            planned.add((enterprise_id, number))
    done = {pair for pair in planned if pair in visited}
    rate = Decimal(len(done)) / Decimal(len(planned)) if planned else None
    return Coverage(len(planned), len(done), rate, tuple(sorted(planned - done)))


#: The hazardous-waste inspection checklist (环办固体〔2021〕20号, DOMAIN.md §5): code, label, critical.
#: Which items are critical, and the 基本达标 allowance below, are practice, not the notice (?): data here.
WASTE_CHECKLIST: tuple[tuple[str, Any, bool], ...] = (
    ("responsibility", gettext_lazy("污染环境防治责任制度"), False),
    ("labels", gettext_lazy("危险废物识别标志"), False),
    ("plan", gettext_lazy("危险废物管理计划"), False),
    ("ledger", gettext_lazy("管理台账和申报"), False),
    ("separation", gettext_lazy("源头分类"), False),
    ("manifest", gettext_lazy("转移联单"), True),
    ("permit", gettext_lazy("经营许可(委托持证单位)"), True),
    ("emergency", gettext_lazy("应急预案"), False),
    ("storage", gettext_lazy("贮存设施(GB 18597)"), True),
    ("training", gettext_lazy("培训"), False),
)
#: How many non-critical items may be unmet for 基本达标.
BASIC_ALLOWANCE = 2


def checklist_outcome(checks: dict[str, bool]) -> str:
    """达标 (``compliant``) when every item is met; 基本达标 (``basically``) when at most
    ``BASIC_ALLOWANCE`` non-critical items are unmet; otherwise 不达标 (``non_compliant``).
    An item missing from ``checks`` is a ``ValueError`` naming it: an unchecked item is not a met one."""
    missing = [str(label) for code, label, _critical in WASTE_CHECKLIST if code not in checks]
    if missing:
        raise ValueError(_("检查项未填写:%(items)s。") % {"items": joined(missing)})
    unmet = [(code, critical) for code, _label, critical in WASTE_CHECKLIST if not checks[code]]
    if not unmet:
        return "compliant"
    if len(unmet) <= BASIC_ALLOWANCE and not any(critical for _code, critical in unmet):
        return "basically"
    return "non_compliant"


def treatment_rate(generated: Decimal, opening_stock: Decimal, treated: Decimal) -> Decimal | None:
    """Share of the waste to be dealt with in the year that was treated: treated / (generated + the stock
    stored at the start of the year). ``None`` when there was nothing to treat."""
    due = generated + opening_stock
    if due <= 0:
        return None
    return treated / due

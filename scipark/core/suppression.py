"""Statistical confidentiality (SECURITY.md row 10): one rule and one viewer question for every surface.

A sum of enterprises' own amounts (a *cell*) is shown to a viewer who may not see those enterprises'
individual data only when at least 3 enterprises contributed and none holds more than 85 % of the total.

- :func:`suppressed` is the rule, a pure function of the two numbers it needs (how many contributed, the
  largest one's share); :func:`cell_suppressed` takes them from the contributors' amounts and
  :func:`any_suppressed` applies the rule to every cell a value discloses (a growth rate discloses its
  base as well as its total; an empty cell discloses nothing).
- A cell is given either as each contributor's amount or as :class:`CellStats`, the three numbers the rule
  reads (contributors, the sum of their sizes, the largest size); stats of cells with different
  contributors add up (``+``), so a maintained table can keep them per row and a zone's cell is a sum.
- :func:`sees_individual` is the viewer question: may this user see individual data of this park in this
  domain (then nothing is suppressed for them); :func:`individual_parks` answers it for every park at once.

The economy's panel, dashboard, exports and API, and the figures registry (``core.figures``) ask these;
nothing else decides what is confidential.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, gettext_noop

from . import access

#: A cell is suppressed with fewer contributing enterprises than this …
MIN_ENTERPRISES = 3
#: … or when one of them holds more than this share of the cell's total.
MAX_SHARE = Decimal("0.85")

#: How a suppressed value reads wherever it would have been printed (in Chinese: documents and tests compare
#: with it; a page prints ``suppressed_text()``).
SUPPRESSED_TEXT = "—(数据保密)"
#: Why it is missing, for a figure's note (the Chinese source string; a figure says ``suppressed_note()``).
SUPPRESSED_NOTE = gettext_noop(
    "数据保密:参与汇总的企业少于3家,或单一企业占比超过85%;仅向可查看企业个体数据的角色显示。"
)


def suppressed_text() -> str:
    """``SUPPRESSED_TEXT`` in the reader's language."""
    return gettext("—(数据保密)")


def suppressed_note() -> str:
    """``SUPPRESSED_NOTE`` in the reader's language."""
    return gettext(SUPPRESSED_NOTE)


ZERO = Decimal(0)


@dataclass(frozen=True)
class CellStats:
    """A cell by what the rule reads: how many contributed, the sum of their sizes (``|amount|``: a loss
    weighs as much as a gain) and the largest size. Cells of different contributors add up with ``+``."""

    contributors: int = 0
    total: Decimal = ZERO
    largest: Decimal = ZERO

    @classmethod
    def of(cls, amounts: Iterable[Decimal]) -> CellStats:
        sizes = [abs(v) for v in amounts]
        return cls(len(sizes), sum(sizes, ZERO), max(sizes, default=ZERO))

    def __add__(self, other: CellStats) -> CellStats:
        return CellStats(
            self.contributors + other.contributors, self.total + other.total, max(self.largest, other.largest)
        )

    def __bool__(self) -> bool:
        return self.contributors > 0

    @property
    def largest_share(self) -> Decimal | None:
        """The largest contributor's share; ``None`` without a positive total (as :func:`largest_share`)."""
        return self.largest / self.total if self.total > ZERO else None


#: The contributors of one cell: each one's own amount, keyed by who contributed (an enterprise's id).
Amounts = Mapping[Hashable, Decimal]
#: A cell: its contributors' amounts, or its :class:`CellStats`.
Cell = Amounts | CellStats


def suppressed(contributors: int, largest_share: Decimal | None) -> bool:
    """The rule: hide a cell of fewer than 3 contributors, or one where a single contributor holds more
    than 85 % (``largest_share`` as a fraction; ``None`` when the total is zero)."""
    if contributors < MIN_ENTERPRISES:
        return True
    return largest_share is not None and largest_share > MAX_SHARE


def largest_share(amounts: Iterable[Decimal]) -> Decimal | None:
    """The largest contributor's share of the total (amounts taken as sizes: a loss weighs as much as a
    gain); ``None`` without a positive total."""
    sizes = [abs(v) for v in amounts]
    total = sum(sizes, ZERO)
    return max(sizes) / total if sizes and total > ZERO else None


def cell_suppressed(amounts: Iterable[Decimal]) -> bool:
    """The rule over a cell given as each contributor's own amount."""
    sizes = [abs(v) for v in amounts]
    return suppressed(len(sizes), largest_share(sizes))


def stats_of(cell: Cell) -> CellStats:
    """A cell's :class:`CellStats` (given as amounts: computed from them)."""
    return cell if isinstance(cell, CellStats) else CellStats.of(cell.values())


def stats_suppressed(stats: CellStats) -> bool:
    """The rule over a cell given by its stats (an empty cell is never suppressed: it discloses nothing)."""
    return bool(stats) and suppressed(stats.contributors, stats.largest_share)


def any_suppressed(cells: Iterable[Cell]) -> bool:
    """Whether a value that discloses these cells is hidden: any non-empty cell fails the rule."""
    return any(stats_suppressed(stats_of(cell)) for cell in cells)


def individual_parks(user: Any, domain: access.Domain | str) -> frozenset[int]:
    """The parks in which ``user`` reads individual records of ``domain`` (no suppression there)."""
    return access.scope_for(user).park_ids(access.Domain(domain), access.Action.VIEW)


def sees_individual(user: Any, park: Any, domain: access.Domain | str) -> bool:
    """May this user see individual data of this park (a park or its id) in this domain?"""
    park_id = access.park_pk(park)
    return park_id in individual_parks(user, domain)

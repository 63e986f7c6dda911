"""The alliances as data, one module per table: the bio park's chains and where members sit, party
organisations and departments (``structure``), and its three lists (``needs``, ``resources``,
``actions``); the other parks' small alliances.

Raisers and providers are named by the seed's short names (``seed.NAMED_ENTERPRISES``), ``@chain``
for a generated member of that chain (picked by the demo's rng), ``#kind`` for a department, or
``%n`` for the n-th party organisation of ``structure.PARTY_ORGS``. Only facts the article states are
fixed (the three fields, the telecom-signal need solved with the carrier, the founding in 2023); the
rest is plausible demo data.
"""

from .actions import ACTIONS
from .needs import CLOSED_NEEDS, NEEDS
from .resources import RESOURCES
from .structure import (
    ALLIANCE_DESCRIPTION,
    ALLIANCE_FOUNDED,
    ALLIANCE_NAME,
    CHAINS,
    DEPARTMENTS,
    GENERATED_PER_SEGMENT,
    OTHER_PARKS,
    PARTY_ORGS,
)

__all__ = [
    "ACTIONS",
    "ALLIANCE_DESCRIPTION",
    "ALLIANCE_FOUNDED",
    "ALLIANCE_NAME",
    "CHAINS",
    "CLOSED_NEEDS",
    "DEPARTMENTS",
    "GENERATED_PER_SEGMENT",
    "NEEDS",
    "OTHER_PARKS",
    "PARTY_ORGS",
    "RESOURCES",
]

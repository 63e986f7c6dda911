"""The cultivation engine (梯次培育): DOMAIN.md §3 as rule data, evaluated by pure functions.

``profile`` holds the plain inputs of one enterprise and year, ``bands`` the small arithmetic (bands, exact
gaps), ``tiers`` one function per tier, ``defaults`` the published rule versions as data.
Everything here takes plain values and returns plain values: no database.
"""

from .profile import Gap, Profile, TierResult, YearFigures
from .tiers import EVALUATORS, evaluate, evaluate_all

__all__ = ["EVALUATORS", "Gap", "Profile", "TierResult", "YearFigures", "evaluate", "evaluate_all"]

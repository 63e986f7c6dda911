"""Reads of the economy module: the KPI panel and its parts, as small dataclasses pages, API and figures
render. One module per concern; callers keep ``from scipark.economy import selectors`` and the names below.

- ``reach``: whose figures a panel shows (aggregates vs individual data), periods, above-scale set members;
- ``panel``: 当月/累计 and growth on both bases, by industry, by month, contributions, the returns behind a cell;
- ``indicators``: energy intensity, fixed-asset investment, annual targets;
- ``scale``: entering and leaving the above-scale sets, and the pipeline of candidates;
- ``reporters``: who must report a month and who has not.
"""

from .indicators import (
    EnergyFigure,
    InvestmentFigure,
    TargetRow,
    energy_intensity,
    fixed_asset_investment,
    in_scope_projects,
    target_progress_list,
)
from .panel import (
    ZERO,
    BreakdownRow,
    Contributions,
    Contributor,
    GrowthPair,
    KpiValue,
    TrendPoint,
    contributors,
    kpi_breakdown,
    kpi_trend,
    kpi_value,
    returns_behind,
)
from .reach import (
    Reach,
    as_date,
    as_period,
    current_memberships,
    latest_period,
    members,
    panel_reach,
    reachable_parks,
)
from .reporters import MissingReturn, expected_reporters, missing_returns
from .scale import Candidate, ScaleChange, ScaleChanges, pipeline_candidates, scale_changes

__all__ = [
    "ZERO",
    "BreakdownRow",
    "Candidate",
    "Contributions",
    "Contributor",
    "EnergyFigure",
    "GrowthPair",
    "InvestmentFigure",
    "KpiValue",
    "MissingReturn",
    "Reach",
    "ScaleChange",
    "ScaleChanges",
    "TargetRow",
    "TrendPoint",
    "as_date",
    "as_period",
    "contributors",
    "current_memberships",
    "energy_intensity",
    "expected_reporters",
    "fixed_asset_investment",
    "in_scope_projects",
    "kpi_breakdown",
    "kpi_trend",
    "kpi_value",
    "latest_period",
    "members",
    "missing_returns",
    "panel_reach",
    "pipeline_candidates",
    "reachable_parks",
    "returns_behind",
    "scale_changes",
    "target_progress_list",
]

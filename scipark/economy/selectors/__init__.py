"""Reads of the economy module: the KPI panel and its parts, as small dataclasses pages, API and figures
render. One module per concern; callers keep ``from scipark.economy import selectors`` and the names below.

- ``reach``: whose figures a panel shows (aggregates vs individual data), periods, above-scale set members;
- ``cells``: the enterprises behind each sum a value discloses, for suppression (``core.suppression``);
- ``panel``: 当月/累计 and growth on both bases, by industry, by month, contributions, the returns behind a cell;
- ``indicators``: energy intensity, fixed-asset investment, annual targets;
- ``scale``: entering and leaving the above-scale sets, and the pipeline of candidates;
- ``reporters``: who must report a month and who has not;
- ``board``: the month's reporting board counted in the database.
"""

from .board import board_states
from .by_park import energy_by_park, investment_by_park, kpi_trends_by_park, kpi_values_by_park
from .cells import (
    COMPARABLE_CELLS,
    CUMULATIVE_CELLS,
    KPI_CELLS,
    Disclosed,
    PanelCells,
    investment_cells,
    suppressed_cell,
    value_cells,
)
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
    kpi_panel,
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
    opening,
    opening_period,
    panel_reach,
    reachable_parks,
)
from .reporters import MissingReturn, expected_reporters, missing_returns
from .scale import Candidate, ScaleChange, ScaleChanges, pipeline_candidates, scale_changes

__all__ = [
    "COMPARABLE_CELLS",
    "CUMULATIVE_CELLS",
    "KPI_CELLS",
    "ZERO",
    "BreakdownRow",
    "Candidate",
    "Contributions",
    "Contributor",
    "Disclosed",
    "EnergyFigure",
    "GrowthPair",
    "InvestmentFigure",
    "KpiValue",
    "MissingReturn",
    "PanelCells",
    "Reach",
    "ScaleChange",
    "ScaleChanges",
    "TargetRow",
    "TrendPoint",
    "as_date",
    "as_period",
    "board_states",
    "contributors",
    "current_memberships",
    "energy_by_park",
    "energy_intensity",
    "expected_reporters",
    "fixed_asset_investment",
    "in_scope_projects",
    "investment_by_park",
    "investment_cells",
    "kpi_breakdown",
    "kpi_panel",
    "kpi_trend",
    "kpi_trends_by_park",
    "kpi_value",
    "kpi_values_by_park",
    "latest_period",
    "members",
    "missing_returns",
    "opening",
    "opening_period",
    "panel_reach",
    "pipeline_candidates",
    "reachable_parks",
    "returns_behind",
    "scale_changes",
    "suppressed_cell",
    "target_progress_list",
    "value_cells",
]

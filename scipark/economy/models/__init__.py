"""Economic operation monitoring's models: the records people keep (``records.py``: monthly returns, energy
use, fixed-asset projects, targets, scale decisions, closed periods) and the aggregates derived from them
(``aggregates.py``)."""

from ..stamps import PanelStamp
from .aggregates import AGGREGATE_COLUMNS, AGGREGATE_PREFIXES, MonthlyAggregate
from .cellstats import CELL_STATS_COLUMNS, CELL_SUMS, MonthlyCellStats
from .records import (
    ABOVE_SCALE_SETS,
    PROJECT_SCOPE_THRESHOLD,
    RETURN_MEASURES,
    TRADE_SETS,
    AnnualTarget,
    ClosedPeriod,
    EnergyCarrier,
    EnergyUse,
    FixedAssetProject,
    Indicator,
    Measure,
    MonthlyReturn,
    MonthlyReturnQuerySet,
    ProjectMonthlyInvestment,
    ScaleDecision,
    ScaleSet,
    first_of_month,
    money_field,
)
from .yeartodate import EnterpriseYearToDate

__all__ = [
    "ABOVE_SCALE_SETS",
    "AGGREGATE_COLUMNS",
    "AGGREGATE_PREFIXES",
    "CELL_STATS_COLUMNS",
    "CELL_SUMS",
    "PROJECT_SCOPE_THRESHOLD",
    "RETURN_MEASURES",
    "TRADE_SETS",
    "AnnualTarget",
    "ClosedPeriod",
    "EnergyCarrier",
    "EnergyUse",
    "EnterpriseYearToDate",
    "FixedAssetProject",
    "Indicator",
    "Measure",
    "MonthlyAggregate",
    "MonthlyCellStats",
    "MonthlyReturn",
    "MonthlyReturnQuerySet",
    "PanelStamp",
    "ProjectMonthlyInvestment",
    "ScaleDecision",
    "ScaleSet",
    "first_of_month",
    "money_field",
]

"""Models of the investment app: projects and their money (``projects``), funds (``funds``) and
enterprise financing (``financing``)."""

from .financing import Confirmation, EquityRound, FinancingRecord, Listing, Loan, LoanProduct
from .funds import Fund, FundInvestment, FundPartner
from .projects import (
    COUNTED_INDICATORS,
    PIPELINE,
    Approval,
    ApprovalLevel,
    Channel,
    Contract,
    FundsInPlace,
    Origin,
    Project,
    ReserveBand,
    Stage,
    StageChange,
    StageLimit,
    Target,
)

__all__ = [
    "COUNTED_INDICATORS",
    "PIPELINE",
    "Approval",
    "ApprovalLevel",
    "Channel",
    "Confirmation",
    "Contract",
    "EquityRound",
    "FinancingRecord",
    "Fund",
    "FundInvestment",
    "FundPartner",
    "FundsInPlace",
    "Listing",
    "Loan",
    "LoanProduct",
    "Origin",
    "Project",
    "ReserveBand",
    "Stage",
    "StageChange",
    "StageLimit",
    "Target",
]

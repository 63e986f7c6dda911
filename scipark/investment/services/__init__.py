"""Writes of the investment module: keyword-only ``<entity>_<action>(*, user, ...)`` functions, each one
transaction that re-checks access on the stored rows; nothing half-written."""

from .financing import (
    financing_check,
    financing_confirm,
    financing_reject,
    financing_report,
    financing_update,
    loan_product_save,
)
from .funds import fund_investment_add, fund_partner_add, fund_save
from .money import funds_record, target_save
from .projects import PROJECT_FIELDS, project_create, project_step, project_update
from .settings import approval_level_save, reserve_band_save, stage_limit_save
from .steps import STEP_FIELDS, step_data

__all__ = [
    "PROJECT_FIELDS",
    "STEP_FIELDS",
    "approval_level_save",
    "financing_check",
    "financing_confirm",
    "financing_reject",
    "financing_report",
    "financing_update",
    "fund_investment_add",
    "fund_partner_add",
    "fund_save",
    "funds_record",
    "loan_product_save",
    "project_create",
    "project_step",
    "project_update",
    "reserve_band_save",
    "stage_limit_save",
    "step_data",
    "target_save",
]

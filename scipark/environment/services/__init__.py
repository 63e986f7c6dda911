"""Writes of the environment module: keyword-only functions, each one transaction, reach re-checked."""

from .campaigns import campaign_create, campaign_result_record, campaign_result_update
from .energy import benchmark_save
from .findings import STEP_FIELDS, check_finding, finding_create, finding_step, finding_update, step_data
from .network import network_import
from .records import boiler_save, certification_save
from .targets import campaign_apply_rule
from .waste import waste_record_save

__all__ = [
    "STEP_FIELDS",
    "benchmark_save",
    "boiler_save",
    "campaign_apply_rule",
    "campaign_create",
    "campaign_result_record",
    "campaign_result_update",
    "certification_save",
    "check_finding",
    "finding_create",
    "finding_step",
    "finding_update",
    "network_import",
    "step_data",
    "waste_record_save",
]

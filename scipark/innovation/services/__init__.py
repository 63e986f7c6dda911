"""Writes of the innovation module: keyword-only ``<entity>_<action>(*, user, ...)`` functions, each one
transaction, checked on the locked row; ValidationError messages in Chinese name the field."""

from .archives import archive_create, archive_step, archive_update
from .evaluation import evaluate_enterprise, evaluate_park, park_reevaluate, rule_version_save
from .records import (
    award_save,
    certificate_save,
    incubator_save,
    ip_save,
    library_save,
    record_delete,
    record_save,
    standard_save,
    stay_save,
)

__all__ = [
    "archive_create",
    "archive_step",
    "archive_update",
    "award_save",
    "certificate_save",
    "evaluate_enterprise",
    "evaluate_park",
    "incubator_save",
    "ip_save",
    "library_save",
    "park_reevaluate",
    "record_delete",
    "record_save",
    "rule_version_save",
    "standard_save",
    "stay_save",
]

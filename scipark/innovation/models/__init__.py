"""Innovation and cultivation (科技创新与梯次培育): tech archives, tier rules and evaluations, incubators and
their stays, the ten tech-service libraries and the Chinese search index.

Rows about one enterprise name it as their scope enterprise, so an enterprise user reaches its own archive,
IP and certificates and nothing of another firm's (core.access); the libraries without an enterprise
(experts, policies, institutions, providers) are staff-only.
"""

from .archives import Award, IntellectualProperty, LedStandard, RdInstitution, TechArchive, TierCertificate
from .common import LADDER, Level, Tier
from .counts import CurrentEvaluationCount, Outcome
from .incubators import Incubation, Incubator
from .libraries import (
    Achievement,
    Agreement,
    Expert,
    Institution,
    Policy,
    ServiceProvider,
    SharedEquipment,
    Talent,
    TechDemand,
)
from .rules import Evaluation, EvaluationProfile, RuleVersion, with_inputs
from .search import SearchEntry, SearchPosting

__all__ = [
    "LADDER",
    "Achievement",
    "Agreement",
    "Award",
    "CurrentEvaluationCount",
    "Evaluation",
    "EvaluationProfile",
    "Expert",
    "Incubation",
    "Incubator",
    "Institution",
    "IntellectualProperty",
    "LedStandard",
    "Level",
    "Outcome",
    "Policy",
    "RdInstitution",
    "RuleVersion",
    "SearchEntry",
    "SearchPosting",
    "ServiceProvider",
    "SharedEquipment",
    "Talent",
    "TechArchive",
    "TechDemand",
    "Tier",
    "TierCertificate",
    "with_inputs",
]

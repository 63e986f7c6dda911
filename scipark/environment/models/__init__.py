"""Ecological environment supervision (生态环境监管): one module per part of the department's work.

Every row belongs to a park (``ParkScopedModel``) in the ENVIRONMENT domain; rows about one enterprise name
it as their scope enterprise, so an enterprise user reaches its own findings and results and never another
firm's (core.access). Coordinates are stored as WGS-84 longitude/latitude (ADR 0015).
"""

from .boilers import Boiler, NoxAssumption
from .campaigns import Campaign, CampaignResult, CampaignRound, CampaignTarget
from .certifications import Certification
from .energy import EnergyBenchmark
from .findings import Finding, FindingEvidence, FindingState, FindingStep
from .network import NetworkPoint, PipeSegment
from .waste import WasteProducer, WasteRecord

__all__ = [
    "Boiler",
    "Campaign",
    "CampaignResult",
    "CampaignRound",
    "CampaignTarget",
    "Certification",
    "EnergyBenchmark",
    "Finding",
    "FindingEvidence",
    "FindingState",
    "FindingStep",
    "NetworkPoint",
    "NoxAssumption",
    "PipeSegment",
    "WasteProducer",
    "WasteRecord",
]

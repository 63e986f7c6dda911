"""Pages of the innovation module, on core's page pieces (lists, form pages, buttons, exports)."""

from .archives import (
    ArchiveDetailView,
    ArchiveEditView,
    ArchiveListView,
    ArchiveOpenView,
    ArchiveStepView,
    EnterpriseProfileView,
    PortalView,
)
from .dashboard import DashboardView
from .incubators import IncubatorDetailView, IncubatorListView, RuleListView
from .libraries import LibraryView, RecordDetailView

__all__ = [
    "ArchiveDetailView",
    "ArchiveEditView",
    "ArchiveListView",
    "ArchiveOpenView",
    "ArchiveStepView",
    "DashboardView",
    "EnterpriseProfileView",
    "IncubatorDetailView",
    "IncubatorListView",
    "LibraryView",
    "PortalView",
    "RecordDetailView",
    "RuleListView",
]

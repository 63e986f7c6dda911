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
from .entries import (
    CertificateAddView,
    CertificateEditView,
    RecordAddView,
    RecordEditView,
    StayAddView,
    StayEditView,
)
from .incubators import IncubatorDetailView, IncubatorListView, RuleListView
from .libraries import LibraryView, RecordDetailView

__all__ = [
    "ArchiveDetailView",
    "ArchiveEditView",
    "ArchiveListView",
    "ArchiveOpenView",
    "ArchiveStepView",
    "CertificateAddView",
    "CertificateEditView",
    "DashboardView",
    "EnterpriseProfileView",
    "IncubatorDetailView",
    "IncubatorListView",
    "LibraryView",
    "PortalView",
    "RecordAddView",
    "RecordDetailView",
    "RecordEditView",
    "RuleListView",
    "StayAddView",
    "StayEditView",
]

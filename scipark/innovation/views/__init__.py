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
    AwardAddView,
    AwardEditView,
    CertificateAddView,
    CertificateEditView,
    IncubatorAddView,
    IncubatorEditView,
    RecordAddView,
    RecordEditView,
    StandardAddView,
    StandardEditView,
    StayAddView,
    StayEditView,
)
from .evaluations import EvaluationListView, EvaluationRunView
from .incubators import IncubatorDetailView, IncubatorListView, RuleListView
from .libraries import LibraryView, RecordDetailView

__all__ = [
    "ArchiveDetailView",
    "ArchiveEditView",
    "ArchiveListView",
    "ArchiveOpenView",
    "ArchiveStepView",
    "AwardAddView",
    "AwardEditView",
    "CertificateAddView",
    "CertificateEditView",
    "DashboardView",
    "EnterpriseProfileView",
    "EvaluationListView",
    "EvaluationRunView",
    "IncubatorAddView",
    "IncubatorDetailView",
    "IncubatorEditView",
    "IncubatorListView",
    "LibraryView",
    "PortalView",
    "RecordAddView",
    "RecordDetailView",
    "RecordEditView",
    "RuleListView",
    "StandardAddView",
    "StandardEditView",
    "StayAddView",
    "StayEditView",
]

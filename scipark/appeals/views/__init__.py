"""Appeal pages, one module per page group: appeals (inbox, intake, detail, steps, attachments),
categories, the holiday calendar, the statistics and visits. Thin: the services write, the selectors
read, and the error policy is core's (``scipark.core.views``)."""

from .appeals import (
    AppealCreateView,
    AppealDetailView,
    AppealListView,
    AppealTransitionView,
    AttachmentDownloadView,
    similar_partial,
)
from .calendar import CalendarDayAddView, CalendarDayDeleteView, CalendarKeepView, CalendarView
from .categories import CategoryCreateView, CategoryEditView, CategoryListView
from .statistics import StatisticsView
from .visits import VisitCreateView, VisitDetailView, VisitListView

__all__ = [
    "AppealCreateView",
    "AppealDetailView",
    "AppealListView",
    "AppealTransitionView",
    "AttachmentDownloadView",
    "CalendarDayAddView",
    "CalendarDayDeleteView",
    "CalendarKeepView",
    "CalendarView",
    "CategoryCreateView",
    "CategoryEditView",
    "CategoryListView",
    "StatisticsView",
    "VisitCreateView",
    "VisitDetailView",
    "VisitListView",
    "similar_partial",
]

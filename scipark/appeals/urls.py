"""Pages of the appeals app under its prefix."""

from django.urls import path

from . import views

app_name = "appeals"

urlpatterns = [
    path("", views.AppealListView.as_view(), name="appeal_list"),
    path("add/", views.AppealCreateView.as_view(), name="appeal_add"),
    path("<int:pk>/", views.AppealDetailView.as_view(), name="appeal_detail"),
    path("<int:pk>/step/", views.AppealTransitionView.as_view(), name="appeal_step"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("categories/", views.CategoryListView.as_view(), name="category_list"),
    path("categories/add/", views.CategoryCreateView.as_view(), name="category_add"),
    path("categories/<int:pk>/", views.CategoryEditView.as_view(), name="category_edit"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/keep/", views.CalendarKeepView.as_view(), name="calendar_keep"),
    path("calendar/add/", views.CalendarDayAddView.as_view(), name="calendar_add"),
    path("calendar/delete/", views.CalendarDayDeleteView.as_view(), name="calendar_delete"),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/add/", views.VisitCreateView.as_view(), name="visit_add"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
]

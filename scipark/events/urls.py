"""Pages of the events app under /events/."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("add/", views.EventCreateView.as_view(), name="event_add"),
    path("stats/", views.EventStatsView.as_view(), name="stats"),
    path("posts/", views.PostListView.as_view(), name="post_list"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("<int:pk>/edit/", views.EventEditView.as_view(), name="event_edit"),
    path("<int:pk>/cancel/", views.EventCancelView.as_view(), name="event_cancel"),
    path("<int:pk>/participate/", views.ParticipateView.as_view(), name="participate"),
    path("<int:pk>/outcome/", views.OutcomeView.as_view(), name="outcome"),
    path("participations/<int:pk>/posts/add/", views.PostAddView.as_view(), name="post_add"),
    path("participations/<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("posts/<int:pk>/remove/", views.PostRemoveView.as_view(), name="post_remove"),
]

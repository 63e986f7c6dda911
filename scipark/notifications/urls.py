"""Pages of the notifications app: every signed-in user's own messages and settings."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationReadView.as_view(), name="notification_read"),
    path("open/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
    path("badge/", views.UnreadBadgeView.as_view(), name="unread_badge"),
]

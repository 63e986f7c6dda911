"""Route matrix hooks: the notification pages belong to whoever is signed in (their own messages only)."""

ROUTE_SIGNED_IN = {
    "notifications:notification_list",
    "notifications:notification_read",
    "notifications:preferences",
    "notifications:unread_badge",
}

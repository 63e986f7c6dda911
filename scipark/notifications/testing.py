"""Route matrix hooks: the notification pages belong to whoever is signed in (their own messages only)."""

from scipark.core.testing import as_shown

ROUTE_SIGNED_IN = {
    "notifications:notification_list",
    "notifications:notification_read",
    "notifications:notification_open",
    "notifications:preferences",
    "notifications:unread_badge",
}


#: The route matrix posts these forms as the pages show them (see tests/access/samples.route_posts).
ROUTE_POSTS = {"notifications:notification_read": as_shown, "notifications:preferences": as_shown}

#: Route matrix: opening a message without naming one of the user's own goes back to the list.
ROUTE_STATUS = {
    ("notifications:notification_open", "GET", None): (
        302,
        "no message of the user's named: back to the list",
    ),
}

"""Route matrix hooks: the notification pages belong to whoever is signed in (their own messages only); and
what the senders' tests read: a user's notification pages in either language."""

from typing import Any

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


def notification_pages(client: Any, *, english: bool) -> tuple[str, str]:
    """The signed-in client's message list and the bell's unread partial, read in English or Chinese."""
    if english:
        client.cookies["django_language"] = "en"
    else:
        client.cookies.pop("django_language", None)
    listing = client.get("/notifications/")
    badge = client.get("/notifications/badge/")
    assert listing.status_code == badge.status_code == 200
    return listing.content.decode(), badge.content.decode()
